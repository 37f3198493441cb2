/**
 * "Add a panel" form of the agenda editor: title, duration, framing and at least one prompt. After a
 * refusal, `values` are what was posted (shown again) and `errors` the field and form-level (`_form`) errors.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LIMITS } from "~/domain/template";
import { FormError, TextArea, TextField } from "./Field";

export interface AddPanelValues {
  title: string;
  durationMinutes: string;
  framing: string;
  prompts: string;
}

export function AddPanelForm({ values, errors, busy }: { values?: AddPanelValues; errors: Record<string, string>; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="add-panel-heading">
      <h2 id="add-panel-heading">{t("organiser.agenda.addTitle")}</h2>
      <FormError error={errors._form} />
      <div className="form-pair wide-first">
        <TextField name="title" label={t("organiser.panel.title")} required maxLength={LIMITS.titleChars} defaultValue={values?.title} error={errors.title} />
        <TextField
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={LIMITS.maxPanelMinutes}
          label={t("organiser.panel.duration")}
          required
          defaultValue={values?.durationMinutes ?? "45"}
          error={errors.durationMinutes}
        />
      </div>
      <TextArea name="framing" label={t("organiser.panel.framing")} hint={t("organiser.panel.framingHint")} required maxLength={LIMITS.framingChars} rows={4} defaultValue={values?.framing} error={errors.framing} />
      <TextArea
        name="prompts"
        label={t("organiser.panel.prompts")}
        hint={t("organiser.panel.promptsHint", { max: LIMITS.maxPrompts })}
        required
        rows={4}
        defaultValue={values?.prompts}
        error={errors.prompts}
      />
      <button type="submit" name="intent" value="add" className="button" disabled={busy}>
        {t("organiser.agenda.addSubmit")}
      </button>
    </Form>
  );
}

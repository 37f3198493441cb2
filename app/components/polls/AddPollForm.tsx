/**
 * "Add a poll now": a facilitator writes a poll during the session and adds it to the current
 * panel (`poll:create`). Reuses the agenda editor's form conversion so keys and validation are
 * the same as in the organiser's editor; errors show next to their field.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { blankPoll, formToPoll, type PollFormValues } from "~/components/organiser/poll-form";
import { SelectField, TextArea, TextField } from "~/components/organiser/Field";
import { PollDefinition, PollKind, ResultsVisibility } from "~/domain/template";
import type { PollsApi } from "~/realtime/usePolls";
import { fieldErrors, type FieldErrors } from "~/utils/forms";
import { useCommand } from "./useCommand";

const N = "newpoll"; // field-name prefix, unique on the console page

export function AddPollForm({ api, panelId }: { api: PollsApi; panelId: string }) {
  const { t } = useTranslation();
  const { busy, error, run } = useCommand(api);
  const [v, setV] = useState<PollFormValues>(() => ({ ...blankPoll(), options: "", minLabel: "", maxLabel: "" }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState(false);
  const set = (field: keyof PollFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setV((prev) => ({ ...prev, [field]: e.target.value }));
  const err = (field: string) => errors[field];

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setCreated(false);
    const parsed = PollDefinition.safeParse(formToPoll(v, new Set(api.polls.map((p) => p.key))));
    if (!parsed.success) {
      // Option problems (options.2.label) show on the options textarea.
      setErrors(fieldErrors(parsed.error.issues, t, (n) => n.replace(/^(options|statements)\..*/, "$1").replace(/^key$/, "question")));
      return;
    }
    setErrors({});
    const res = await run("poll:create", { panelId, definition: parsed.data });
    if (res.ok) {
      setCreated(true);
      setV({ ...blankPoll(), kind: v.kind, visibility: v.visibility, options: "", minLabel: "", maxLabel: "" });
    }
  }

  const hasOptions = v.kind === "single" || v.kind === "multiple" || v.kind === "ranking";
  return (
    <details className="card add-poll">
      <summary>{t("polls.console.add.heading")}</summary>
      <form className="stack" onSubmit={submit} noValidate>
        <TextField name={`${N}.question`} label={t("polls.console.add.question")} value={v.question} onChange={set("question")} error={err("question")} />
        <SelectField
          name={`${N}.kind`}
          label={t("polls.console.add.kind")}
          value={v.kind}
          onChange={set("kind")}
          options={PollKind.options.map((k) => [k, t(`polls.kind.${k}`)] as const)}
        />
        <SelectField
          name={`${N}.visibility`}
          label={t("polls.visibility.label")}
          value={v.visibility}
          onChange={set("visibility")}
          options={ResultsVisibility.options.map((k) => [k, t(`polls.visibility.${k}`)] as const)}
        />
        {hasOptions ? (
          <TextArea name={`${N}.options`} label={t("polls.console.add.options")} value={v.options} onChange={set("options")} error={err("options")} rows={4} />
        ) : null}
        {v.kind === "multiple" ? (
          <TextField name={`${N}.maxChoices`} type="number" min={1} label={t("polls.console.add.maxChoices")} value={v.maxChoices} onChange={set("maxChoices")} error={err("maxChoices")} />
        ) : null}
        {v.kind === "scale" ? (
          <>
            <TextField name={`${N}.max`} type="number" min={2} max={11} label={t("polls.console.add.points")} value={v.max} onChange={set("max")} error={err("max")} />
            <TextField name={`${N}.minLabel`} label={t("polls.console.add.minLabel")} value={v.minLabel} onChange={set("minLabel")} error={err("minLabel")} />
            <TextField name={`${N}.maxLabel`} label={t("polls.console.add.maxLabel")} value={v.maxLabel} onChange={set("maxLabel")} error={err("maxLabel")} />
          </>
        ) : null}
        {v.kind === "open" ? (
          <TextField name={`${N}.maxLength`} type="number" min={1} max={280} label={t("polls.console.add.maxLength")} value={v.maxLength} onChange={set("maxLength")} error={err("maxLength")} />
        ) : null}
        {v.kind === "statements" ? (
          <TextArea name={`${N}.statements`} label={t("polls.console.add.statements")} value={v.statements} onChange={set("statements")} error={err("statements")} rows={4} />
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {t("polls.console.add.submit")}
        </button>
        <p role="status" aria-live="polite">
          {created ? t("polls.console.add.created") : null}
        </p>
        {error ? (
          <p className="notice error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </details>
  );
}

/**
 * Editor for one poll inside the panel form. Field names are `polls.<index>.<field>`. Every
 * kind-specific group is rendered; once JavaScript runs only the current kind's group is shown,
 * so switching kinds back and forth never loses what was typed (and without JavaScript all groups
 * stay visible, labelled with the kinds they apply to).
 */
import { useTranslation } from "react-i18next";
import { LIMITS, type PollKind } from "~/domain/template";
import { SelectField, TextArea, TextField } from "./Field";
import type { PollFormValues } from "./poll-form";

const KINDS: readonly PollKind[] = ["single", "multiple", "scale", "ranking", "open", "statements"];

interface Props {
  index: number;
  values: PollFormValues;
  errors: Record<string, string>;
  hydrated: boolean;
  onKindChange(kind: PollKind): void;
  onRemove(): void;
}

export function PollEditor({ index, values, errors, hydrated, onKindChange, onRemove }: Props) {
  const { t } = useTranslation();
  const n = (f: keyof PollFormValues) => `polls.${index}.${f}`;
  const err = (f: keyof PollFormValues) => errors[n(f)];
  const group = (kinds: PollKind[]) => ({
    hidden: hydrated && !kinds.includes(values.kind),
    "data-kinds": kinds.join(" "),
  });
  const kindNames = (kinds: PollKind[]) => kinds.map((k) => t(`polls.kind.${k}`)).join(", ");
  return (
    <fieldset className="poll-editor stack">
      <legend>{t("organiser.poll.legend", { n: index + 1 })}</legend>
      <input type="hidden" name={n("key")} value={values.key} />
      <TextField name={n("question")} label={t("organiser.poll.question")} required maxLength={LIMITS.questionChars} defaultValue={values.question} error={err("question")}
        hint={values.key ? t("organiser.poll.keyHint", { key: values.key }) : undefined} />
      <div className="form-pair">
        <SelectField
          name={n("kind")}
          label={t("organiser.poll.kind")}
          options={KINDS.map((k) => [k, t(`polls.kind.${k}`)] as const)}
          value={values.kind}
          onChange={(e) => onKindChange(e.currentTarget.value as PollKind)}
          error={err("kind")}
        />
        <SelectField
          name={n("visibility")}
          label={t("organiser.poll.visibility")}
          options={(["live", "on-close", "hidden"] as const).map((v) => [v, t(`polls.visibility.${v}`)] as const)}
          defaultValue={values.visibility}
          error={err("visibility")}
        />
      </div>
      <div className="stack" {...group(["single", "multiple", "ranking"])}>
        <TextArea name={n("options")} label={hydrated ? t("organiser.poll.options") : `${t("organiser.poll.options")} (${kindNames(["single", "multiple", "ranking"])})`}
          hint={t("organiser.poll.optionsHint", { max: LIMITS.maxOptions })} rows={4} defaultValue={values.options} error={err("options")} />
      </div>
      <div {...group(["multiple"])}>
        <TextField name={n("maxChoices")} type="number" inputMode="numeric" min={1} max={LIMITS.maxOptions}
          label={hydrated ? t("organiser.poll.maxChoices") : `${t("organiser.poll.maxChoices")} (${kindNames(["multiple"])})`}
          defaultValue={values.maxChoices} error={err("maxChoices")} />
      </div>
      <div className="stack" {...group(["scale"])}>
        {hydrated ? null : <p className="hint">{kindNames(["scale"])}</p>}
        <div className="form-pair">
          <TextField name={n("min")} type="number" inputMode="numeric" min={0} max={1} label={t("organiser.poll.min")} hint={t("organiser.poll.minHint")} defaultValue={values.min} error={err("min")} />
          <TextField name={n("max")} type="number" inputMode="numeric" min={2} max={LIMITS.maxScalePoints} label={t("organiser.poll.max")} hint={t("organiser.poll.maxHint", { max: LIMITS.maxScalePoints })} defaultValue={values.max} error={err("max")} />
        </div>
        <div className="form-pair">
          <TextField name={n("minLabel")} label={t("organiser.poll.minLabel")} maxLength={LIMITS.optionChars} defaultValue={values.minLabel} error={err("minLabel")} />
          <TextField name={n("maxLabel")} label={t("organiser.poll.maxLabel")} maxLength={LIMITS.optionChars} defaultValue={values.maxLabel} error={err("maxLabel")} />
        </div>
        <TextField name={n("midLabel")} label={`${t("organiser.poll.midLabel")} (${t("common.optional")})`} maxLength={LIMITS.optionChars} defaultValue={values.midLabel} error={err("midLabel")} />
      </div>
      <div {...group(["open"])}>
        <TextField name={n("maxLength")} type="number" inputMode="numeric" min={1} max={LIMITS.openTextChars}
          label={hydrated ? t("organiser.poll.maxLength") : `${t("organiser.poll.maxLength")} (${kindNames(["open"])})`}
          hint={t("organiser.poll.maxLengthHint", { max: LIMITS.openTextChars })} defaultValue={values.maxLength} error={err("maxLength")} />
      </div>
      <div {...group(["statements"])}>
        <TextArea name={n("statements")} label={hydrated ? t("organiser.poll.statements") : `${t("organiser.poll.statements")} (${kindNames(["statements"])})`}
          hint={t("organiser.poll.statementsHint", { max: LIMITS.maxStatements })} rows={5} defaultValue={values.statements} error={err("statements")} />
      </div>
      <div className="actions">
        <button
          type="submit"
          name="intent"
          value={`remove-poll:${index}`}
          className="button small danger"
          formNoValidate
          onClick={(e) => {
            if (!hydrated) return;
            e.preventDefault();
            onRemove();
          }}
        >
          {t("organiser.poll.remove", { n: index + 1 })}
        </button>
      </div>
    </fieldset>
  );
}

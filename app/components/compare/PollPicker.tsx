/** Choosing the poll to compare: a GET form with a select of the poll keys visible to this reader. */
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "~/components/organiser/Field";

export interface PollChoice {
  key: string;
  question: string;
  sessions: number;
}

export function PollPicker({ choices, selected }: { choices: PollChoice[]; selected: string }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="card compare-picker">
      <SelectField
        name="poll"
        label={t("archive.compare.picker")}
        hint={t("archive.compare.pickerHint")}
        defaultValue={selected}
        required
        options={[
          ["", t("archive.compare.choose")],
          ...choices.map((c) => [c.key, `${c.question} (${t("archive.compare.sessions", { count: c.sessions })})`] as const),
        ]}
      />
      <button type="submit" className="button">
        {t("archive.compare.show")}
      </button>
    </Form>
  );
}

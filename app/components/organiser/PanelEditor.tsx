/**
 * The panel edit form: title, duration, framing, prompts and the structured poll editor. Adding or
 * removing a poll happens in the browser when JavaScript runs, or as a server round trip
 * (`intent=add-poll` / `remove-poll:<i>`) without it; nothing is stored until "Save panel".
 */
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { LIMITS, type PollKind } from "~/domain/template";
import { FormError, TextArea, TextField } from "./Field";
import { blankPoll, type PanelFormValues, type PollFormValues } from "./poll-form";
import { PollEditor } from "./PollEditor";
import { useHydrated } from "./useHydrated";

interface Props {
  values: PanelFormValues;
  errors: Record<string, string>;
  busy: boolean;
  /** Shown when the server changed the poll list without saving (no-JavaScript add/remove). */
  unsaved?: boolean;
}

type Row = { uid: number; values: PollFormValues };

export function PanelEditor({ values, errors, busy, unsaved }: Props) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  const nextUid = useRef(0);
  const toRows = (polls: PollFormValues[]) => polls.map((p) => ({ uid: nextUid.current++, values: p }));
  const [rows, setRows] = useState<Row[]>(() => toRows(values.polls));
  const [changed, setChanged] = useState(false);
  // A new server answer (validation errors, no-JS add/remove) replaces the local poll list.
  useEffect(() => {
    setRows(toRows(values.polls));
    setChanged(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values]);
  const setKind = (uid: number, kind: PollKind) =>
    setRows((rs) => rs.map((r) => (r.uid === uid ? { ...r, values: { ...r.values, kind } } : r)));
  const full = rows.length >= LIMITS.maxPollsPerPanel;
  return (
    <Form method="post" className="stack" noValidate>
      {/* Enter in a text field submits with the first submit button: make that "save", not "remove poll 1". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" />
      <FormError error={errors._form} />
      {unsaved || changed ? (
        <p className="notice" role="status">
          {t("organiser.panel.unsaved")}
        </p>
      ) : null}
      <section className="card stack" aria-labelledby="panel-content-heading">
        <h2 id="panel-content-heading">{t("organiser.panel.content")}</h2>
        <div className="form-pair wide-first">
          <TextField name="title" label={t("organiser.panel.title")} required maxLength={LIMITS.titleChars} defaultValue={values.title} error={errors.title} />
          <TextField name="durationMinutes" type="number" inputMode="numeric" min={1} max={LIMITS.maxPanelMinutes} label={t("organiser.panel.duration")}
            required defaultValue={values.durationMinutes} error={errors.durationMinutes} />
        </div>
        <TextArea name="framing" label={t("organiser.panel.framing")} hint={t("organiser.panel.framingHint")} required maxLength={LIMITS.framingChars} rows={6}
          defaultValue={values.framing} error={errors.framing} />
        <TextArea name="prompts" label={t("organiser.panel.prompts")} hint={t("organiser.panel.promptsHint", { max: LIMITS.maxPrompts })} required rows={5}
          defaultValue={values.prompts} error={errors.prompts} />
      </section>
      <section className="card stack" aria-labelledby="polls-heading">
        <h2 id="polls-heading">{t("organiser.panel.polls")}</h2>
        <p className="muted">{t("organiser.panel.pollsIntro", { max: LIMITS.maxPollsPerPanel })}</p>
        {errors.polls ? <p className="error">{errors.polls}</p> : null}
        <input type="hidden" name="pollCount" value={rows.length} />
        {rows.length === 0 ? <p className="muted">{t("organiser.panel.noPolls")}</p> : null}
        {rows.map((r, i) => (
          <PollEditor
            key={r.uid}
            index={i}
            values={r.values}
            errors={errors}
            hydrated={hydrated}
            onKindChange={(kind) => setKind(r.uid, kind)}
            onRemove={() => {
              setRows((rs) => rs.filter((x) => x.uid !== r.uid));
              setChanged(true);
            }}
          />
        ))}
        <div className="actions">
          <button
            type="submit"
            name="intent"
            value="add-poll"
            className="button secondary"
            disabled={full}
            formNoValidate
            onClick={(e) => {
              if (!hydrated) return;
              e.preventDefault();
              setRows((rs) => [...rs, { uid: nextUid.current++, values: blankPoll() }]);
              setChanged(true);
            }}
          >
            {t("organiser.panel.addPoll")}
          </button>
          {full ? <span className="muted small">{t("organiser.panel.pollsFull", { max: LIMITS.maxPollsPerPanel })}</span> : null}
        </div>
      </section>
      <div className="actions sticky-actions">
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          {t("organiser.panel.save")}
        </button>
      </div>
    </Form>
  );
}

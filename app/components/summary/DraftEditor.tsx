/**
 * The draft summary editor: per panel the notes (TipTap), the takeaways and the read-only poll
 * results; the non-attribution findings beside them, re-checked on every change of the text (applying
 * one suggestion re-anchors all the others, and Publish is enabled only when the same check the server
 * runs at publish time finds nothing open); save and publish. A finding in an open answer (poll results
 * cannot be edited) is resolved by withholding that answer or by a dismissal; results hidden from the
 * room during the session stay out unless "Include results in the summary" is ticked. Both are draft
 * edits (`body.edits`), and the poll previews show the body as it will be published (`applyEdits`). The body travels as JSON in a
 * hidden field and is validated against the SummaryBody schema on the server.
 */
import { Form } from "@remix-run/react";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Finding, Language } from "~/domain/attribution/types";
import { answerBlocks, applyEdits, editsOf, pollRef, wasHidden } from "~/domain/summary/edits";
import type { SummaryBody, SummaryEdits } from "~/domain/summary/schema";
import { applyReplacement, panelKeyOf, parseBlockId } from "./blocks";
import { answerFindings, openFindings, textFindings, type CheckNames } from "./draft-check";
import { DraftNotesEditor } from "./DraftNotesEditor";
import { FindingsList, type FindingStatus } from "./FindingsList";
import { PublishBox } from "./PublishBox";
import { SummaryPollView } from "./SummaryView";
import { TakeawaysField } from "./TakeawaysField";

export interface DraftEditorProps {
  initialBody: SummaryBody;
  /** Names the check looks for (from the server; staff-only page). */
  checkNames: CheckNames;
  /** Language of suggestions when a sentence's own language cannot be told (the UI language). */
  language: Language;
  /** findingId → reason, as stored. */
  initialDismissals: Record<string, string>;
  busy: boolean;
}

export function DraftEditor({ initialBody, checkNames, language, initialDismissals, busy }: DraftEditorProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initialBody);
  const [revisions, setRevisions] = useState<Record<string, number>>({});
  const [dismissals, setDismissals] = useState(initialDismissals);
  const titles = useMemo(() => new Map(body.panels.map((p) => [p.key, p.title])), [body.panels]);
  const shown = useMemo(() => applyEdits(body), [body]);
  const answers = useMemo(() => answerBlocks(body), [body]);
  const questionOf = useMemo(() => new Map(answers.map((a) => [a.id, a.question])), [answers]);
  // Re-run the check on the current text (deferred while typing); applied findings simply disappear.
  const checked = useDeferredValue(body);
  // Same findings as draftFindings (the publish gate); the open answers' part is re-checked only when
  // the results or the edits change (typing in the notes keeps each panel's polls array as it was).
  const answerCache = useRef<{ polls: unknown[]; edits: unknown; names: CheckNames; language: Language; findings: Finding[] } | null>(null);
  const findings = useMemo(() => {
    const polls = checked.panels.map((p) => p.polls);
    const c = answerCache.current;
    const same = c && c.edits === checked.edits && c.names === checkNames && c.language === language && c.polls.length === polls.length && c.polls.every((p, i) => p === polls[i]);
    if (!same) answerCache.current = { polls, edits: checked.edits, names: checkNames, language, findings: answerFindings(checked, checkNames, language) };
    return [...textFindings(checked, checkNames, language), ...answerCache.current!.findings];
  }, [checked, checkNames, language]);
  // Until the deferred check has caught up with the text, count it as open: Publish never runs ahead.
  const open = checked === body ? openFindings(findings, dismissals).length : Math.max(1, openFindings(findings, dismissals).length);

  const status = (f: Finding): FindingStatus => (dismissals[f.id] ? { state: "dismissed", reason: dismissals[f.id] } : { state: "open" });

  const setPanel = (key: string, patch: Partial<SummaryBody["panels"][number]>) =>
    setBody((b) => ({ ...b, panels: b.panels.map((p) => (p.key === key ? { ...p, ...patch } : p)) }));

  const apply = (f: Finding) => {
    try {
      setBody(applyReplacement(body, f));
      const ref = parseBlockId(f.blockId);
      if (ref?.field === "notes") setRevisions((r) => ({ ...r, [ref.panelKey]: (r[ref.panelKey] ?? 0) + 1 }));
    } catch {
      // The text moved since the check; the next check (on the new text) lists it afresh.
    }
  };

  // Puts `id` in (once, the list kept sorted) or takes it out of one of the edits' id lists.
  const setEdit = (list: keyof SummaryEdits, id: string, on: boolean) =>
    setBody((b) => {
      const e = editsOf(b);
      return { ...b, edits: { ...e, [list]: on ? [...new Set([...e[list], id])].sort() : e[list].filter((x) => x !== id) } };
    });
  const withhold = (answerId: string, on: boolean) => setEdit("withheldAnswers", answerId, on);
  const include = (ref: string, on: boolean) => setEdit("includedHiddenPolls", ref, on);
  const panelLabel = (blockId: string) => {
    const title = titles.get(panelKeyOf(blockId)) ?? "";
    const question = questionOf.get(blockId);
    return question === undefined ? title : `${title} · ${t("summary.findings.answerOf", { question })}`;
  };

  const dismissalList = Object.entries(dismissals).map(([findingId, reason]) => ({ findingId, action: "dismissed" as const, reason }));

  return (
    <Form method="post" className="draft-layout">
      <input type="hidden" name="body" value={JSON.stringify(body)} />
      <input type="hidden" name="dismissals" value={JSON.stringify(dismissalList)} />
      <div className="stack draft-panels">
        {body.panels.map((panel, i) => (
          <section key={panel.key} className="card stack" aria-labelledby={`draft-panel-${i}`} data-testid="draft-panel">
            <h2 id={`draft-panel-${i}`}>
              {i + 1}. {panel.title}
            </h2>
            <p className="muted">{panel.framing}</p>
            <h3 id={`draft-notes-${i}`}>{t("summary.view.notes")}</h3>
            <DraftNotesEditor
              doc={panel.notes}
              revision={revisions[panel.key] ?? 0}
              label={t("summary.editor.notesLabel", { title: panel.title })}
              onChange={(notes) => setPanel(panel.key, { notes })}
            />
            <TakeawaysField panelTitle={panel.title} takeaways={panel.takeaways} idPrefix={`tk-${i}`} onChange={(takeaways) => setPanel(panel.key, { takeaways })} />
            {panel.polls.length > 0 ? (
              <>
                <h3>{t("summary.view.polls")}</h3>
                <p className="muted small">{t("summary.editor.pollsReadOnly")}</p>
                {panel.polls.map((poll, j) => {
                  const ref = pollRef(panel.key, poll.key);
                  const withheld = answers.filter((a) => a.withheld && a.panelKey === panel.key && a.pollKey === poll.key);
                  return (
                    <div key={poll.key} className="stack" data-testid="draft-poll">
                      {wasHidden(poll) ? (
                        <div className="notice stack" data-testid="hidden-poll-note">
                          <p className="small">{t("summary.editor.hiddenNote")}</p>
                          <label className="row">
                            <input type="checkbox" checked={editsOf(body).includedHiddenPolls.includes(ref)} onChange={(e) => include(ref, e.currentTarget.checked)} />
                            {t("summary.editor.includeHidden")}
                          </label>
                        </div>
                      ) : null}
                      <SummaryPollView poll={shown.panels[i].polls[j]} participants={body.participants.count} />
                      {withheld.length > 0 ? (
                        <div className="stack small" data-testid="withheld-answers">
                          <p>{t("summary.editor.withheldAnswers")}</p>
                          <ul className="row">
                            {withheld.map((a) => (
                              <li key={a.id}>
                                <button type="button" className="button small secondary" onClick={() => withhold(a.id, false)}>
                                  {t("summary.editor.restoreAnswer", { text: a.text })}
                                </button>
                              </li>
                            ))}
                          </ul>
                        </div>
                      ) : null}
                    </div>
                  );
                })}
              </>
            ) : null}
          </section>
        ))}
      </div>
      <aside className="stack draft-side">
        <div className="card stack">
          <button type="submit" name="intent" value="save" className="button" disabled={busy}>
            {t("summary.editor.save")}
          </button>
          <p className="small muted">{t("summary.editor.saveHint")}</p>
        </div>
        {body.workshop.rule === "chatham-house" ? (
          <FindingsList
            findings={findings}
            status={status}
            panelOf={panelLabel}
            onApply={apply}
            onWithhold={(f) => withhold(f.blockId, true)}
            onDismiss={(f, reason) => setDismissals((d) => ({ ...d, [f.id]: reason }))}
            onReopen={(f) =>
              setDismissals((d) => {
                const { [f.id]: _gone, ...rest } = d;
                return rest;
              })
            }
          />
        ) : null}
        <PublishBox blocked={open > 0} busy={busy} />
      </aside>
    </Form>
  );
}

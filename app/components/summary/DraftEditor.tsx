/**
 * The draft summary editor: per panel the notes (TipTap), the takeaways and the read-only poll
 * results; the non-attribution findings beside them, re-checked on every change of the text (applying
 * one suggestion re-anchors all the others, and Publish is enabled only when the same check the server
 * runs at publish time finds nothing open); save and publish. The body travels as JSON in a
 * hidden field and is validated against the SummaryBody schema on the server.
 */
import { Form } from "@remix-run/react";
import { useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Finding, Language } from "~/domain/attribution/types";
import type { SummaryBody } from "~/domain/summary/schema";
import { applyReplacement, parseBlockId } from "./blocks";
import { draftFindings, openFindings, type CheckNames } from "./draft-check";
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
  // Re-run the check on the current text (deferred while typing); applied findings simply disappear.
  const checked = useDeferredValue(body);
  const findings = useMemo(() => draftFindings(checked, checkNames, language), [checked, checkNames, language]);
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
                {panel.polls.map((poll) => (
                  <SummaryPollView key={poll.key} poll={poll} participants={body.participants.count} />
                ))}
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
            panelOf={(id) => titles.get(parseBlockId(id)?.panelKey ?? "") ?? ""}
            onApply={apply}
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

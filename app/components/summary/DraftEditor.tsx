/**
 * The draft summary editor: per panel the notes (TipTap), the takeaways and the read-only poll
 * results; the non-attribution findings beside them; save and publish. The body travels as JSON in a
 * hidden field and is validated against the SummaryBody schema on the server.
 */
import { Form } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "~/domain/attribution/types";
import type { SummaryBody } from "~/domain/summary/schema";
import { applyReplacement, blockText, parseBlockId } from "./blocks";
import { DraftNotesEditor } from "./DraftNotesEditor";
import { FindingsList, type FindingStatus } from "./FindingsList";
import { PublishBox } from "./PublishBox";
import { SummaryPollView } from "./SummaryView";
import { TakeawaysField } from "./TakeawaysField";

export interface DraftEditorProps {
  initialBody: SummaryBody;
  findings: Finding[];
  /** findingId → reason, as stored. */
  initialDismissals: Record<string, string>;
  busy: boolean;
}

export function DraftEditor({ initialBody, findings, initialDismissals, busy }: DraftEditorProps) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initialBody);
  const [revisions, setRevisions] = useState<Record<string, number>>({});
  const [applied, setApplied] = useState<Set<string>>(new Set());
  const [dismissals, setDismissals] = useState(initialDismissals);
  // Fresh findings from the server describe the saved text: earlier local "applied" marks are moot.
  useEffect(() => setApplied(new Set()), [findings]);
  const titles = useMemo(() => new Map(body.panels.map((p) => [p.key, p.title])), [body.panels]);

  const status = (f: Finding): FindingStatus => {
    if (applied.has(f.id)) return { state: "applied" };
    if (dismissals[f.id]) return { state: "dismissed", reason: dismissals[f.id] };
    return blockText(body, f.blockId)?.slice(f.start, f.end) === f.match ? { state: "open" } : { state: "stale" };
  };
  const open = findings.filter((f) => status(f).state === "open").length;

  const setPanel = (key: string, patch: Partial<SummaryBody["panels"][number]>) =>
    setBody((b) => ({ ...b, panels: b.panels.map((p) => (p.key === key ? { ...p, ...patch } : p)) }));

  const apply = (f: Finding) => {
    try {
      setBody(applyReplacement(body, f));
      setApplied((s) => new Set(s).add(f.id));
      const ref = parseBlockId(f.blockId);
      if (ref?.field === "notes") setRevisions((r) => ({ ...r, [ref.panelKey]: (r[ref.panelKey] ?? 0) + 1 }));
    } catch {
      // The text moved since the check: status() already shows it as stale.
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

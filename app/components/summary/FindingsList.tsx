/**
 * Non-attribution findings of the draft, each in context: the sentence with the match marked, the
 * suggested neutral wording, "Apply suggestion" (edits the text) — or, for an open answer, which cannot
 * be edited, "Withhold this answer from the summary" — and "Dismiss" with a required reason.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MIN_DISMISS_REASON, type Finding } from "~/domain/attribution/types";
import { isAnswerBlock } from "./blocks";

/** A finding awaits a decision or was dismissed with a reason; an applied suggestion changes the text, and the re-check drops the finding. */
export type FindingStatus = { state: "open" } | { state: "dismissed"; reason: string };

export interface FindingsListProps {
  findings: Finding[];
  status(f: Finding): FindingStatus;
  /** Panel title of a block id, for context. */
  panelOf(blockId: string): string;
  onApply(f: Finding): void;
  /** Withholds the open answer the finding is in (answer findings only). */
  onWithhold(f: Finding): void;
  onDismiss(f: Finding, reason: string): void;
  onReopen(f: Finding): void;
}

function Excerpt({ f }: { f: Finding }) {
  const at = f.excerpt.indexOf(f.match);
  if (at < 0) return <q>{f.excerpt}</q>;
  return (
    <q>
      {f.excerpt.slice(0, at)}
      <mark>{f.match}</mark>
      {f.excerpt.slice(at + f.match.length)}
    </q>
  );
}

function FindingItem({ f, status, panel, onApply, onWithhold, onDismiss, onReopen }: { f: Finding; status: FindingStatus; panel: string } & Pick<FindingsListProps, "onApply" | "onWithhold" | "onDismiss" | "onReopen">) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const reasonId = `reason-${f.id}`;
  const ok = reason.trim().length >= MIN_DISMISS_REASON;
  return (
    <li className={`finding card stack finding-${status.state}`} data-testid="finding" data-state={status.state}>
      <p className="small muted">
        {panel} · <span className={`badge ${f.severity === "high" ? "warn" : ""}`}>{t(`summary.findings.kind.${f.kind}`)}</span>
      </p>
      <p>
        <Excerpt f={f} />
      </p>
      <p>
        {t("summary.findings.suggestion")} <strong>{f.suggestion}</strong>
      </p>
      {status.state === "open" ? (
        <div className="stack">
          <div className="row">
            {isAnswerBlock(f.blockId) ? (
              <button type="button" className="button small" onClick={() => onWithhold(f)}>
                {t("summary.findings.withhold")}
              </button>
            ) : (
              <button type="button" className="button small" onClick={() => onApply(f)}>
                {t("summary.findings.apply")}
              </button>
            )}
          </div>
          <div className="row finding-dismiss">
            <div className="field">
              <label htmlFor={reasonId}>{t("summary.findings.reasonLabel")}</label>
              <input id={reasonId} type="text" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} aria-describedby={`${reasonId}-hint`} />
              <p id={`${reasonId}-hint`} className="small muted">
                {t("summary.findings.reasonHint", { count: MIN_DISMISS_REASON })}
              </p>
            </div>
            <button type="button" className="button small secondary" disabled={!ok} onClick={() => onDismiss(f, reason.trim())}>
              {t("summary.findings.dismiss")}
            </button>
          </div>
        </div>
      ) : (
        <div className="row">
          <p role="status" className="small">
            {t("summary.findings.dismissed", { reason: status.reason })}
          </p>
          <button type="button" className="button small secondary" onClick={() => onReopen(f)}>
            {t("summary.findings.reopen")}
          </button>
        </div>
      )}
    </li>
  );
}

export function FindingsList(props: FindingsListProps) {
  const { t } = useTranslation();
  const open = props.findings.filter((f) => props.status(f).state === "open").length;
  return (
    <section className="stack findings" aria-labelledby="findings-heading" data-testid="findings">
      <h2 id="findings-heading">{t("summary.findings.heading")}</h2>
      <p className={open > 0 ? "notice error" : "notice ok"} role="status" data-testid="findings-count">
        {props.findings.length === 0 ? t("summary.findings.none") : t("summary.findings.openCount", { count: open, total: props.findings.length })}
      </p>
      <ul className="stack findings-list">
        {props.findings.map((f) => (
          <FindingItem key={f.id} f={f} status={props.status(f)} panel={props.panelOf(f.blockId)} onApply={props.onApply} onWithhold={props.onWithhold} onDismiss={props.onDismiss} onReopen={props.onReopen} />
        ))}
      </ul>
    </section>
  );
}

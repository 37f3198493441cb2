/** Renders the differences between two summary versions with `<ins>`/`<del>` (announced by screen readers via hidden labels). */
import { useTranslation } from "react-i18next";
import type { SummaryDiff } from "~/domain/summary/diff";
import type { DiffOp } from "~/domain/summary/text-diff";

function Ops({ ops, block }: { ops: DiffOp[]; block: boolean }) {
  const { t } = useTranslation();
  const Wrap = block ? "pre" : "p";
  return (
    <Wrap className={block ? "diff-text diff-block" : "diff-text"}>
      {ops.map((op, i) =>
        op.op === "equal" ? (
          <span key={i}>{op.text}</span>
        ) : op.op === "insert" ? (
          <ins key={i}>
            <span className="visually-hidden">{t("summary.diff.added")} </span>
            {op.text}
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden">{t("summary.diff.removed")} </span>
            {op.text}
          </del>
        ),
      )}
    </Wrap>
  );
}

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));

export function DiffView({ diff }: { diff: SummaryDiff }) {
  const { t } = useTranslation();
  const changed = diff.panels.filter((p) => p.status !== "unchanged");
  if (diff.metadata.length === 0 && changed.length === 0) return <p className="notice">{t("summary.diff.none")}</p>;
  return (
    <div className="stack summary-diff">
      {diff.metadata.length > 0 ? (
        <section className="card stack" aria-labelledby="diff-meta">
          <h2 id="diff-meta">{t("summary.diff.metadata")}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("summary.diff.field")}</th>
                <th scope="col">{t("summary.diff.before")}</th>
                <th scope="col">{t("summary.diff.after")}</th>
              </tr>
            </thead>
            <tbody>
              {diff.metadata.map((m) => (
                <tr key={m.field}>
                  <th scope="row">{m.field}</th>
                  <td>
                    <del>{show(m.before)}</del>
                  </td>
                  <td>
                    <ins>{show(m.after)}</ins>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {changed.map((p) => (
        <section key={p.key} className="card stack" aria-label={p.title}>
          <h2>
            {p.title} <span className="badge">{t(`summary.diff.status.${p.status}`)}</span>
          </h2>
          {p.changes.map((c, i) =>
            c.field === "poll" ? (
              <p key={i}>{t(`summary.diff.poll.${c.change}`, { key: c.pollKey })}</p>
            ) : (
              <div key={i} className="stack">
                <h3>{t(`summary.diff.fields.${c.field}`)}</h3>
                <Ops ops={c.diff} block={c.field === "notes" || c.field === "takeaways" || c.field === "prompts"} />
              </div>
            ),
          )}
        </section>
      ))}
    </div>
  );
}

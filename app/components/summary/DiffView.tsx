/** Renders the differences between two summary versions with `<ins>`/`<del>` (announced by screen readers via hidden labels). */
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { SummaryDiff } from "~/domain/summary/diff";
import type { BlockOp, DiffOp } from "~/domain/summary/text-diff";

/** Word ops of one line of text, a space between runs (the runs themselves are space-joined words). */
function Ops({ ops }: { ops: DiffOp[] }) {
  const { t } = useTranslation();
  return (
    <p className="diff-text" data-op="change">
      {ops.map((op, i) => (
        <Fragment key={i}>
          {i > 0 ? " " : null}
          {op.op === "equal" ? (
            <span>{op.text}</span>
          ) : op.op === "insert" ? (
            <ins>
              <span className="visually-hidden">{t("summary.diff.added")} </span>
              {op.text}
            </ins>
          ) : (
            <del>
              <span className="visually-hidden">{t("summary.diff.removed")} </span>
              {op.text}
            </del>
          )}
        </Fragment>
      ))}
    </p>
  );
}

/** Block fields: one paragraph per block (paragraph, list item, takeaway); a changed block shows its word diff. */
function Blocks({ blocks }: { blocks: BlockOp[] }) {
  const { t } = useTranslation();
  return (
    <div className="stack diff-blocks" data-testid="diff-blocks">
      {blocks.map((b, i) =>
        b.op === "change" ? (
          <Ops key={i} ops={b.words} />
        ) : (
          <p key={i} className="diff-text" data-op={b.op}>
            {b.op === "equal" ? (
              b.text
            ) : b.op === "insert" ? (
              <ins>
                <span className="visually-hidden">{t("summary.diff.added")} </span>
                {b.text}
              </ins>
            ) : (
              <del>
                <span className="visually-hidden">{t("summary.diff.removed")} </span>
                {b.text}
              </del>
            )}
          </p>
        ),
      )}
    </div>
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
                {"blocks" in c ? <Blocks blocks={c.blocks} /> : <Ops ops={c.diff} />}
              </div>
            ),
          )}
        </section>
      ))}
    </div>
  );
}

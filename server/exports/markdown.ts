/**
 * Markdown export (CommonMark + GFM tables). Every user string is escaped with
 * `escapeMarkdownInline` (no raw HTML, no autolinks, no emphasis injected), and notes keep only
 * http/https/mailto links, so pasting the file into any Markdown renderer shows text, not markup.
 */
import { escapeMarkdownInline as md, richToMarkdown, type SummaryBody } from "../../app/domain/summary";
import { factsOf, metaT, ruleFooter, suppressedLegend, versionLine, type ExportMeta } from "./meta";
import { pollView, runLabel, type TableView } from "./view";

const table = (t: TableView): string[] => [
  `| ${t.columns.map(md).join(" | ")} |`,
  `| ${t.columns.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
  ...t.rows.map((row) => `| ${row.map(md).join(" | ")} |`),
];

/**
 * Renders a summary version as a Markdown document (UTF-8 text, "\n" line ends, ends with "\n").
 * @example writeFileSync("summary.md", toMarkdown(body, { version: 2, publishedAt: Date.now() }))
 */
export function toMarkdown(body: SummaryBody, meta: ExportMeta): string {
  const t = metaT(meta);
  const out: string[] = [`# ${md(body.workshop.title)}`, "", `*${md(versionLine(body, meta))}*`, ""];
  for (const [label, value] of factsOf(body, t)) out.push(`- **${md(t("export.labelColon", { label }))}** ${md(value)}`);
  out.push("");

  body.panels.forEach((panel, p) => {
    out.push(`## ${p + 1}. ${md(panel.title)}`, "", md(panel.framing), "");
    if (panel.prompts.length > 0) {
      out.push(`**${md(t("export.prompts"))}**`, "", ...panel.prompts.map((q) => `- ${md(q)}`), "");
    }
    const notes = richToMarkdown(panel.notes, 2);
    if (notes) out.push(`### ${md(t("view.notes"))}`, "", notes, "");
    if (panel.takeaways.length > 0) {
      out.push(`### ${md(t("view.takeaways"))}`, "", ...panel.takeaways.map((t) => `- ${md(t)}`), "");
    }
    for (const poll of panel.polls.map((p) => pollView(p, t))) {
      out.push(`### ${md(t("export.poll", { question: poll.question }))}`, "");
      if (poll.runs.length === 0) out.push(`*${md(poll.note ?? t("export.notRun"))}*`, "");
      for (const run of poll.runs) {
        out.push(`**${md(runLabel(poll, run, t))}**`, "", ...table(run.table), "");
        for (const line of run.lines) out.push(md(line), "");
      }
      if (poll.shift.lines.length > 0) {
        out.push(`**${md(poll.shift.heading)}**`, "", ...poll.shift.lines.map((l) => `- ${md(l)}`), "");
      }
      if (poll.texts.length > 0) {
        out.push(`**${md(t("export.answers"))}**`, "", ...poll.texts.map((t) => `- ${md(t)}`), "");
      }
      if (poll.note && poll.runs.length > 0) out.push(`*${md(poll.note)}*`, "");
      if (poll.breakdown) {
        out.push(`**${md(t("export.bySector"))}**`, "", ...table(poll.breakdown), "");
        if (poll.breakdownSuppressed) out.push(`*${md(suppressedLegend(body.workshop.minCellSize, t))}*`, "");
      } else if (poll.breakdownWithheld) {
        out.push(`**${md(t("export.bySector"))}**`, "", `*${md(t("export.bySectorWithheld", { k: body.workshop.minCellSize }))}*`, "");
      }
    }
  });
  out.push("---", "", `*${md(ruleFooter(body.workshop.rule, t))}*`, "");
  return out.join("\n");
}

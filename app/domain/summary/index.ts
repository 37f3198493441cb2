/**
 * Session outcome, pure core: rich text frozen from notes, deterministic summary building, and
 * diffs between summary versions. Exports (Markdown, HTML, DOCX, PDF, dataset) live in server/exports.
 */
export * from "./richtext";
export { fromYXmlFragment } from "./richtext-yjs";
export { escapeHtml, escapeMarkdownInline, richToHtml, richToMarkdown } from "./richtext-render";
export * from "./schema";
export { buildSummary } from "./build";
export { answerBlocks, answerId, applyEdits, editsOf, pollRef, resultsWithheld, validEdits, wasHidden, withEveryAnswer, type AnswerBlock } from "./edits";
export { localTime, itemLabel, sectorMixWithheld, type LocalTime } from "./format";
export { diffSummaries, type FieldChange, type PanelChange, type PanelDiff, type SummaryDiff } from "./diff";
export { diffBlocks, diffLines, diffWords, diffTokens, hasChanges, type BlockOp, type DiffOp } from "./text-diff";
export { TallySchema, RunShiftSchema, SectorBreakdownSchema } from "./tally-schema";

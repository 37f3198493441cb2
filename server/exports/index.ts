/**
 * Summary exports (Node only). Each takes a summary body and `{version, publishedAt}`:
 * Markdown and HTML return strings, DOCX and PDF return bytes, the dataset is JSON (+ CSV).
 */
export { toMarkdown } from "./markdown";
export { toHtml } from "./html";
export { toDocx } from "./docx";
export { toPdf, launchPdfRenderer, type PdfRenderer, type PdfRendererOptions } from "./pdf";
export { datasetOf, toDatasetJson, DATASET_SCHEMA_VERSION, type Dataset } from "./dataset";
export { datasetCsv, CSV_COLUMNS } from "./dataset-csv";
export { ruleFooter, type ExportMeta } from "./meta";

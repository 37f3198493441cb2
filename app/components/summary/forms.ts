/** Zod schemas of the summary routes' params and forms (browser-safe). */
import { z } from "zod";
import { Resolution } from "~/domain/attribution/types";
import { SummaryBody } from "~/domain/summary/schema";
import { VisibilitySchema } from "./visibility";

/** Ceiling on a posted draft: 2 MB of JSON is far above six panels of long notes; beyond it is abuse. */
export const MAX_BODY_CHARS = 2_000_000;

/** Parses a JSON string field, turning bad JSON into a zod issue instead of an exception. */
const jsonOf = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .max(MAX_BODY_CHARS)
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "invalid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** 1-based published version number in a URL. */
export const VersionParam = z.coerce.number().int().min(1).max(100_000);

/** The draft editor's form. */
export const DraftForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rebuild") }),
  z.object({ intent: z.literal("save"), body: jsonOf(SummaryBody), dismissals: jsonOf(z.array(Resolution).max(1000)) }),
  z.object({ intent: z.literal("publish"), body: jsonOf(SummaryBody), dismissals: jsonOf(z.array(Resolution).max(1000)), visibility: VisibilitySchema }),
]);
export type DraftForm = z.infer<typeof DraftForm>;

/** The versions page's visibility change. */
export const VisibilityForm = z.object({ intent: z.literal("visibility"), version: VersionParam, visibility: VisibilitySchema });

/** Download formats in a URL (`json`/`csv` = the version's research dataset). */
export const FormatParam = z.enum(["docx", "pdf", "md", "html", "json", "csv"]);

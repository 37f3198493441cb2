/** Visibility of a published summary version (browser-safe mirror of the store's type). */
import { z } from "zod";

export const VisibilitySchema = z.enum(["private", "unlisted", "public"]);
export type Visibility = z.infer<typeof VisibilitySchema>;
/** In the order offered, the safest first (the default). */
export const VISIBILITY_OPTIONS: readonly Visibility[] = VisibilitySchema.options;

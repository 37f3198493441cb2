/**
 * What a draft save may change: each panel's notes and takeaways, and the edits to poll results
 * (answers withheld, hidden polls included), kept only where they name an answer or a hidden poll
 * of the stored draft. Everything else (agenda
 * texts, participants, poll results) is taken from the stored draft, which the server built from
 * the session, so a hand-crafted post cannot alter results or smuggle in an attendee list.
 */
import { editsOf, validEdits } from "~/domain/summary/edits";
import type { SummaryBody } from "~/domain/summary/schema";

/** `stored` with the notes and takeaways of `posted`'s panels matched by key (unknown keys are ignored), and `posted`'s valid edits. */
export function mergeEditable(stored: SummaryBody, posted: SummaryBody): SummaryBody {
  const byKey = new Map(posted.panels.map((p) => [p.key, p]));
  return {
    ...stored,
    edits: validEdits(stored, editsOf(posted)),
    panels: stored.panels.map((panel) => {
      const edit = byKey.get(panel.key);
      if (!edit) return panel;
      return { ...panel, notes: edit.notes, takeaways: edit.takeaways.map((t) => t.trim()).filter((t) => t !== "") };
    }),
  };
}

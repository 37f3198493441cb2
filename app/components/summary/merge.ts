/**
 * What a draft save may change: only each panel's notes and takeaways. Everything else (agenda
 * texts, participants, poll results) is taken from the stored draft, which the server built from
 * the session, so a hand-crafted post cannot alter results or smuggle in an attendee list.
 */
import type { SummaryBody } from "~/domain/summary/schema";

/** `stored` with the notes and takeaways of `posted`'s panels matched by key (unknown keys are ignored). */
export function mergeEditable(stored: SummaryBody, posted: SummaryBody): SummaryBody {
  const byKey = new Map(posted.panels.map((p) => [p.key, p]));
  return {
    ...stored,
    panels: stored.panels.map((panel) => {
      const edit = byKey.get(panel.key);
      if (!edit) return panel;
      return { ...panel, notes: edit.notes, takeaways: edit.takeaways.map((t) => t.trim()).filter((t) => t !== "") };
    }),
  };
}

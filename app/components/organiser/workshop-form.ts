/** Reading the workshop details form (new and edit) into `WorkshopFields` input. */
import { DEFAULT_MIN_CELL, type WorkshopFields } from "~/domain/workshop";
import { numberOrUndefined, readForm } from "~/utils/forms";

export const WORKSHOP_FIELDS = ["title", "region", "timeZone", "startsOn", "endsOn", "rule", "minCellSize"] as const;

/** The form's raw string values (kept to refill the form after an error). */
export type WorkshopFormValues = Record<(typeof WORKSHOP_FIELDS)[number], string>;

/** Raw values from FormData. */
export function readWorkshopForm(form: FormData): WorkshopFormValues {
  return readForm(form, WORKSHOP_FIELDS);
}

/** Input for `WorkshopFields.safeParse`: numbers parsed, an empty k falls back to the default. */
export function workshopInput(v: WorkshopFormValues): Record<string, unknown> {
  return { ...v, minCellSize: numberOrUndefined(v.minCellSize) ?? DEFAULT_MIN_CELL };
}

/** Form values for an existing workshop. */
export function workshopToForm(w: WorkshopFields): WorkshopFormValues {
  return {
    title: w.title,
    region: w.region,
    timeZone: w.timeZone,
    startsOn: w.startsOn,
    endsOn: w.endsOn,
    rule: w.rule,
    minCellSize: String(w.minCellSize),
  };
}

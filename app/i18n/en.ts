/** English strings, one module per feature area (each area owns its file). */
import common from "./en/common";
import organiser from "./en/organiser";
import polls from "./en/polls";
import session from "./en/session";
import notes from "./en/notes";
import archive from "./en/archive";
import summary from "./en/summary";
import replay from "./en/replay";

const en = { common, organiser, session, polls, notes, archive, summary, replay };
export default en;

/** Same keys as English, any string values: French and future languages must match this shape. */
export type Strings<T = typeof en> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

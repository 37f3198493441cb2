/** French strings; the type forces the same keys as English. */
import type { Strings } from "./en";
import common from "./fr/common";
import organiser from "./fr/organiser";
import polls from "./fr/polls";
import session from "./fr/session";
import notes from "./fr/notes";
import archive from "./fr/archive";
import summary from "./fr/summary";
import replay from "./fr/replay";

const fr: Strings = { common, organiser, session, polls, notes, archive, summary, replay };
export default fr;

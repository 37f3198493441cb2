import type { Strings } from "../en";
import type en from "../en/organiser";

const organiser: Strings<typeof en> = {};
export default organiser;

/** Single and multiple choice results: one bar per option in the poll's order. */
import type { ChoiceTally } from "~/domain/polls/types";
import type { PollDefinition } from "~/domain/template";
import { labelOf } from "../format";
import { Bars } from "./Bars";

export function ChoiceBars({ poll, tally, mine }: { poll: PollDefinition; tally: ChoiceTally; mine: string[] }) {
  return <Bars rows={tally.options.map((o) => ({ ...o, label: labelOf(poll, o.key), mine: mine.includes(o.key) }))} />;
}

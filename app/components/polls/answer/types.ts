/** Props every answering component takes: the poll, the answer shown now, and where a new one goes. */
import type { ResponseValueByKind } from "~/domain/polls/response";
import type { PollDefinition } from "~/domain/template";

export interface AnswerProps<K extends PollDefinition["kind"]> {
  poll: Extract<PollDefinition, { kind: K }>;
  /** Id prefix, unique on the page, for label/description ids. */
  idBase: string;
  /** The latest answer given (queued or recorded), or null. */
  value: ResponseValueByKind[K] | null;
  /** True when the poll is not open: inputs show the answer but cannot change it. */
  disabled: boolean;
  onAnswer(value: ResponseValueByKind[K]): void;
}

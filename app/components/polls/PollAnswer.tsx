/** Picks the answering component for a poll's kind. */
import type { ResponseValue } from "~/domain/polls/response";
import type { PollDefinition } from "~/domain/template";
import { MultipleAnswer } from "./answer/MultipleAnswer";
import { OpenAnswer } from "./answer/OpenAnswer";
import { RankingAnswer } from "./answer/RankingAnswer";
import { ScaleAnswer } from "./answer/ScaleAnswer";
import { SingleAnswer } from "./answer/SingleAnswer";
import { StatementsAnswer } from "./answer/StatementsAnswer";

export interface PollAnswerProps {
  definition: PollDefinition;
  idBase: string;
  value: ResponseValue | null;
  disabled: boolean;
  onAnswer(value: ResponseValue): void;
}

// The value's shape follows the poll's kind (server-checked); the casts only narrow the union.
export function PollAnswer({ definition: poll, value, ...rest }: PollAnswerProps) {
  switch (poll.kind) {
    case "single":
      return <SingleAnswer poll={poll} value={value as { choice: string } | null} {...rest} />;
    case "multiple":
      return <MultipleAnswer poll={poll} value={value as { choices: string[] } | null} {...rest} />;
    case "scale":
      return <ScaleAnswer poll={poll} value={value as { score: number } | null} {...rest} />;
    case "ranking":
      return <RankingAnswer poll={poll} value={value as { order: string[] } | null} {...rest} />;
    case "open":
      return <OpenAnswer poll={poll} value={value as { text: string } | null} {...rest} />;
    case "statements":
      return <StatementsAnswer poll={poll} value={value as { votes: Record<string, "agree" | "disagree" | "pass"> } | null} {...rest} />;
  }
}

/** Read-only description of one poll definition: question, kind, visibility and its choices. */
import { useTranslation } from "react-i18next";
import type { PollDefinition } from "~/domain/template";

export function PollSummary({ poll }: { poll: PollDefinition }) {
  const { t } = useTranslation();
  return (
    <div className="poll-summary">
      <p>
        <strong>{poll.question}</strong>
      </p>
      <p className="row small">
        <span className="badge">{t(`polls.kind.${poll.kind}`)}</span>
        <span className="muted">{t(`polls.visibility.${poll.visibility}`)}</span>
        <span className="muted">
          {t("organiser.poll.keyLabel")} <code>{poll.key}</code>
        </span>
      </p>
      {"options" in poll ? (
        <ul className="small">
          {poll.options.map((o) => (
            <li key={o.key}>{o.label}</li>
          ))}
        </ul>
      ) : null}
      {poll.kind === "multiple" ? <p className="small muted">{t("organiser.poll.upTo", { count: poll.maxChoices })}</p> : null}
      {poll.kind === "scale" ? (
        <p className="small">
          {t("organiser.poll.scaleRange", { min: poll.min, max: poll.max, minLabel: poll.minLabel, maxLabel: poll.maxLabel })}
          {poll.midLabel ? ` · ${poll.midLabel}` : ""}
        </p>
      ) : null}
      {poll.kind === "open" ? <p className="small muted">{t("organiser.poll.maxChars", { count: poll.maxLength })}</p> : null}
      {poll.kind === "statements" ? (
        <ul className="small">
          {poll.statements.map((s) => (
            <li key={s.key}>{s.text}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

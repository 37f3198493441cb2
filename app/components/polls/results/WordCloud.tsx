/**
 * Open answers: a word cloud that is also a plain list (each word says how many answers used
 * it, shown in the casing most answers used), then the moderated list of answers, each distinct
 * answer once with how many gave it ("debris ×12": a big room's list stays on the projector's
 * screen). Font size grows with the square root of the count so one frequent word does not crowd
 * out the rest.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { OpenTally } from "~/domain/polls/types";
import { answerCounts, wordForms } from "~/domain/polls/words";

/**
 * Five size steps (CSS classes `size-1`…`size-5`, 1 em to 3 em): a CSS class rather than an
 * inline font size because the CSP forbids style attributes, and five steps are as many as
 * the eye tells apart in a cloud.
 */
const STEPS = 5;

/**
 * @param limit list at most this many distinct answers, the most given first, then how many other
 *   answers there are (the projector); without it every answer, alphabetically (the tally's order).
 */
export function WordCloud({ tally, mine, limit }: { tally: OpenTally; mine: string | null; limit?: number }) {
  const { t } = useTranslation();
  const top = Math.max(1, ...tally.words.map((w) => w.count));
  // Words are counted lower-cased; each is shown as the room typed it ("ASAT", not "asat").
  const forms = useMemo(() => wordForms(tally.texts, tally.words.map((w) => w.word)), [tally]);
  const all = useMemo(() => sameTextRuns(tally.texts), [tally.texts]);
  // Stable sort: equal counts keep the tally's alphabetical order.
  const groups = limit === undefined || all.length <= limit ? all : [...all].sort((a, b) => b.count - a.count).slice(0, limit);
  const others = all.reduce((n, g) => n + g.count, 0) - groups.reduce((n, g) => n + g.count, 0);
  return (
    <div className="stack">
      {tally.words.length > 0 ? (
        <section>
          <p className="results-subheading">{t("polls.results.words")}</p>
          <ul className="plain word-cloud">
            {tally.words.map((w) => (
              <li key={w.word} className={`size-${Math.max(1, Math.ceil(STEPS * Math.sqrt(w.count / top)))}`}>
                <span aria-hidden="true">{forms.get(w.word) ?? w.word}</span>
                <span className="visually-hidden">{t("polls.results.wordCount", { word: forms.get(w.word) ?? w.word, count: w.count })}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <p className="results-subheading">{t("polls.results.texts")}</p>
        <ul className="open-texts">
          {groups.map(({ text, count }) => (
            <li key={text} className={text === mine ? "mine" : undefined}>
              {text}
              {count > 1 ? (
                <>
                  <span className="text-count" aria-hidden="true"> ×{count}</span>
                  <span className="visually-hidden">{t("polls.results.textCount", { count })}</span>
                </>
              ) : null}
              {text === mine ? <span className="mine-mark"> ✓ {t("polls.results.mine")}</span> : null}
            </li>
          ))}
        </ul>
        {others > 0 ? <p className="muted">{t("polls.results.otherTexts", { count: others })}</p> : null}
      </section>
    </div>
  );
}

/**
 * `texts` (the tally's sorted list) as one entry per distinct answer with how many gave it, in the
 * list's order (`answerCounts`): ["a", "a", "b"] → [{a, 2}, {b, 1}].
 */
export function sameTextRuns(texts: readonly string[]): Array<{ text: string; count: number }> {
  return Array.from(answerCounts(texts), ([text, count]) => ({ text, count }));
}

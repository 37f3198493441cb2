/**
 * Open answers: a word cloud that is also a plain list (each word says how many answers used
 * it, shown in the casing most answers used), then the moderated list of answers. Font size grows with the square root of the count so
 * one frequent word does not crowd out the rest.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { OpenTally } from "~/domain/polls/types";
import { wordForms } from "~/domain/polls/words";

/**
 * Five size steps (CSS classes `size-1`…`size-5`, 1 em to 3 em): a CSS class rather than an
 * inline font size because the CSP forbids style attributes, and five steps are as many as
 * the eye tells apart in a cloud.
 */
const STEPS = 5;

export function WordCloud({ tally, mine }: { tally: OpenTally; mine: string | null }) {
  const { t } = useTranslation();
  const top = Math.max(1, ...tally.words.map((w) => w.count));
  // Words are counted lower-cased; each is shown as the room typed it ("ASAT", not "asat").
  const forms = useMemo(() => wordForms(tally.texts, tally.words.map((w) => w.word)), [tally]);
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
          {tally.texts.map((text, i) => (
            <li key={i} className={text === mine ? "mine" : undefined}>
              {text}
              {text === mine ? <span className="mine-mark"> ✓ {t("polls.results.mine")}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

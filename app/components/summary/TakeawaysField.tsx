/** A panel's key takeaways in the draft: one text input each, with add, remove and move up/down. */
import { useTranslation } from "react-i18next";

export interface TakeawaysFieldProps {
  panelTitle: string;
  takeaways: string[];
  onChange(next: string[]): void;
  /** Unique prefix for input ids. */
  idPrefix: string;
}

/** Max characters of one takeaway: a sentence or two; longer text belongs in the notes. */
export const MAX_TAKEAWAY_CHARS = 500;

export function TakeawaysField({ panelTitle, takeaways, onChange, idPrefix }: TakeawaysFieldProps) {
  const { t } = useTranslation();
  const move = (i: number, by: -1 | 1) => {
    const next = [...takeaways];
    [next[i], next[i + by]] = [next[i + by], next[i]];
    onChange(next);
  };
  return (
    <fieldset className="stack takeaways-field">
      <legend>{t("summary.editor.takeaways", { title: panelTitle })}</legend>
      {takeaways.length === 0 ? <p className="muted small">{t("summary.editor.noTakeaways")}</p> : null}
      <ol className="draft-takeaways">
        {takeaways.map((text, i) => (
          <li key={i} className="draft-takeaway">
            <label className="visually-hidden" htmlFor={`${idPrefix}-${i}`}>
              {t("summary.editor.takeawayLabel", { n: i + 1 })}
            </label>
            <input
              id={`${idPrefix}-${i}`}
              type="text"
              value={text}
              maxLength={MAX_TAKEAWAY_CHARS}
              data-testid="draft-takeaway"
              onChange={(e) => onChange(takeaways.map((x, j) => (j === i ? e.target.value : x)))}
            />
            <div className="row draft-takeaway-actions">
              <button type="button" className="button small secondary" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t("summary.editor.moveUp", { n: i + 1 })}>
                ↑
              </button>
              <button type="button" className="button small secondary" disabled={i === takeaways.length - 1} onClick={() => move(i, 1)} aria-label={t("summary.editor.moveDown", { n: i + 1 })}>
                ↓
              </button>
              <button type="button" className="button small secondary" onClick={() => onChange(takeaways.filter((_, j) => j !== i))} aria-label={t("summary.editor.remove", { n: i + 1 })}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div>
        <button type="button" className="button small secondary" onClick={() => onChange([...takeaways, ""])}>
          {t("summary.editor.addTakeaway")}
        </button>
      </div>
    </fieldset>
  );
}

/** A panel's notes and takeaways as they read at the replayed moment (plain text blocks, no authorship). */
import { useTranslation } from "react-i18next";
import type { PanelNotesView } from "~/domain/replay";

export function ReplayNotes({ notes }: { notes: PanelNotesView | null }) {
  const { t } = useTranslation();
  const blocks = notes?.blocks ?? [];
  const takeaways = notes?.takeaways.filter((x) => x.trim()) ?? [];
  return (
    <section className="card stack" aria-labelledby="replay-notes-heading" data-testid="replay-notes">
      <h2 id="replay-notes-heading">{t("replay.notes.heading")}</h2>
      {blocks.every((b) => !b.text.trim()) ? <p className="muted">{t("replay.notes.empty")}</p> : null}
      <div className="replay-notes-text">
        {blocks.map((b, i) => {
          if (!b.text.trim()) return null;
          // Headings inside notes sit below this section's h2 and the page's h1.
          if (b.kind === "heading") return <h3 key={i}>{b.text}</h3>;
          if (b.kind === "bullet" || b.kind === "ordered") return <p key={i} className="replay-list-item">{b.text}</p>;
          if (b.kind === "quote") return <blockquote key={i}>{b.text}</blockquote>;
          if (b.kind === "code") return <pre key={i}>{b.text}</pre>;
          return <p key={i}>{b.text}</p>;
        })}
      </div>
      <h3>{t("replay.notes.takeaways")}</h3>
      {takeaways.length === 0 ? (
        <p className="muted">{t("replay.notes.noTakeaways")}</p>
      ) : (
        <ol className="replay-takeaways">
          {takeaways.map((text, i) => (
            <li key={i}>{text}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

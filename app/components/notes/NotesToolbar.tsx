/**
 * Formatting toolbar of the notes editor: real buttons with `aria-pressed` for marks and blocks, a link
 * button that opens an accessible link box (LinkDialog: only web and mail links, focus back in the
 * editor after), undo/redo from the collaboration history (only one's own edits are undone, never a
 * co-author's).
 */
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LinkDialog, type LinkDialogResult } from "./LinkDialog";

interface ToolbarProps {
  editor: Editor;
  /** id of the editor element the toolbar controls (`aria-controls`). */
  controls: string;
}

export function NotesToolbar({ editor, controls }: ToolbarProps) {
  const { t } = useTranslation();
  // Re-render on selection/format changes only with the flags the buttons show.
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      quote: e.isActive("blockquote"),
      link: e.isActive("link"),
    }),
  });

  const chain = () => editor.chain().focus();
  // The link box (LinkDialog) is open with this address (""): the link under the caret, if any.
  const [linkInitial, setLinkInitial] = useState<string | null>(null);
  const setLink = () => setLinkInitial((editor.getAttributes("link").href as string | undefined) ?? "");
  const closeLink = (result: LinkDialogResult) => {
    setLinkInitial(null);
    // Focus back in the editor, on the selection the link applies to (ProseMirror kept it). A bare
    // focus() left the browser's selection outside the editor after Escape or Cancel: the editor had the
    // focus but typed keys went nowhere. Setting the selection again writes it back to the page.
    if (!result) {
      const { from, to } = editor.state.selection;
      return void chain().setTextSelection({ from, to }).run();
    }
    if (result.href === null) return void chain().extendMarkRange("link").unsetLink().run();
    chain().extendMarkRange("link").setLink({ href: result.href }).run();
  };

  const toggles: Array<{ key: string; label: string; pressed: boolean; run: () => void; text: string }> = [
    { key: "bold", label: t("notes.toolbar.bold"), pressed: s.bold, run: () => chain().toggleBold().run(), text: "B" },
    { key: "italic", label: t("notes.toolbar.italic"), pressed: s.italic, run: () => chain().toggleItalic().run(), text: "I" },
    { key: "h2", label: t("notes.toolbar.heading2"), pressed: s.h2, run: () => chain().toggleHeading({ level: 2 }).run(), text: "H2" },
    { key: "h3", label: t("notes.toolbar.heading3"), pressed: s.h3, run: () => chain().toggleHeading({ level: 3 }).run(), text: "H3" },
    { key: "bullet", label: t("notes.toolbar.bulletList"), pressed: s.bullet, run: () => chain().toggleBulletList().run(), text: "•" },
    { key: "ordered", label: t("notes.toolbar.orderedList"), pressed: s.ordered, run: () => chain().toggleOrderedList().run(), text: "1." },
    { key: "quote", label: t("notes.toolbar.blockquote"), pressed: s.quote, run: () => chain().toggleBlockquote().run(), text: "❝" },
    { key: "link", label: t("notes.toolbar.link"), pressed: s.link, run: setLink, text: "↗" },
  ];

  return (
    <div className="notes-toolbar" role="toolbar" aria-label={t("notes.toolbar.label")} aria-controls={controls}>
      {toggles.map((b) => (
        <button
          key={b.key}
          type="button"
          className={`notes-tool notes-tool-${b.key}`}
          aria-pressed={b.pressed}
          aria-label={b.label}
          title={b.label}
          // Keep the editor's selection: a mousedown on the button would otherwise blur it first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={b.run}
        >
          <span aria-hidden="true">{b.text}</span>
        </button>
      ))}
      <span className="notes-toolbar-sep" aria-hidden="true" />
      <button type="button" className="notes-tool" aria-label={t("notes.toolbar.undo")} title={t("notes.toolbar.undo")} onMouseDown={(e) => e.preventDefault()} onClick={() => chain().undo().run()}>
        <span aria-hidden="true">↶</span>
      </button>
      <button type="button" className="notes-tool" aria-label={t("notes.toolbar.redo")} title={t("notes.toolbar.redo")} onMouseDown={(e) => e.preventDefault()} onClick={() => chain().redo().run()}>
        <span aria-hidden="true">↷</span>
      </button>
      {linkInitial !== null ? <LinkDialog initial={linkInitial} onClose={closeLink} /> : null}
    </div>
  );
}

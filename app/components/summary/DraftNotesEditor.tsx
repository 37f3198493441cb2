/**
 * A panel's notes in the draft editor: TipTap WITHOUT collaboration (the draft is one JSON value
 * saved by form), StarterKit limited to what a summary's RichDoc can hold, and links restricted to
 * http/https/mailto. `injectCSS: false`: our CSP forbids inline <style>; summary.css has the rules.
 */
import Link from "@tiptap/extension-link";
import StarterKit from "@tiptap/starter-kit";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useId, useRef } from "react";
import { isAllowedNoteUrl, NOTE_LINK_PROTOCOLS } from "~/components/notes/links";
import { NotesToolbar } from "~/components/notes/NotesToolbar";
import { RichDocSchema, type RichDoc } from "~/domain/summary/richtext";

export interface DraftNotesEditorProps {
  doc: RichDoc;
  /** Bumped by the parent when it changed `doc` itself (an applied suggestion): the editor reloads it. */
  revision: number;
  /** Accessible name, e.g. "Notes of panel “Norms”". */
  label: string;
  onChange(doc: RichDoc): void;
}

export function DraftNotesEditor({ doc, revision, label, onChange }: DraftNotesEditorProps) {
  const id = `draft-notes-${useId().replace(/:/g, "")}`;
  const latest = useRef({ doc, onChange });
  latest.current = { doc, onChange };
  const editor = useEditor({
    immediatelyRender: false,
    injectCSS: false,
    extensions: [
      // Marks and nodes a RichDoc cannot store are switched off rather than silently dropped on save.
      StarterKit.configure({ link: false, codeBlock: false, code: false, strike: false, underline: false, horizontalRule: false, heading: { levels: [2, 3] } }),
      Link.configure({
        protocols: [...NOTE_LINK_PROTOCOLS],
        defaultProtocol: "https",
        autolink: true,
        openOnClick: false,
        isAllowedUri: (url) => isAllowedNoteUrl(url),
        shouldAutoLink: (url) => isAllowedNoteUrl(url),
        HTMLAttributes: { rel: "noopener noreferrer nofollow" },
      }),
    ],
    content: doc,
    editorProps: {
      attributes: { id, class: "notes-prosemirror", role: "textbox", "aria-multiline": "true", "aria-label": label, "data-testid": "draft-notes" },
    },
    onUpdate: ({ editor: e }) => {
      const parsed = RichDocSchema.safeParse(e.getJSON());
      if (parsed.success) latest.current.onChange(parsed.data);
    },
  });
  useEffect(() => {
    if (editor && revision > 0) editor.commands.setContent(latest.current.doc, { emitUpdate: false });
  }, [editor, revision]);
  if (!editor) return <div className="notes-editor notes-placeholder" aria-busy="true" />;
  return (
    <div className="notes-editor">
      <NotesToolbar editor={editor} controls={id} />
      <EditorContent editor={editor} />
    </div>
  );
}

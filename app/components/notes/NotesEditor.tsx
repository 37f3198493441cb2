/**
 * The rich-text notes of one panel, bound live to `notes:<panelId>` in the session's Y.Doc. Writers get a
 * toolbar and carets of co-authors; readers (`editable: false`) see the same text, updating live.
 * Browser only: render it after the notes doc exists (see useNotes), never during SSR.
 */
import { EditorContent, useEditor } from "@tiptap/react";
import { useId } from "react";
import type * as Y from "yjs";
import { panelNotesFragment } from "~/domain/notes/model";
import { panelNotesExtensions, type CaretUser } from "./extensions";
import { NotesToolbar } from "./NotesToolbar";

export interface NotesEditorProps {
  doc: Y.Doc;
  panelId: string;
  editable: boolean;
  /** Accessible name of the text area, e.g. "Notes of panel “Norms”". */
  label: string;
  /** The y-websocket provider; with `editable` it shows co-authors' carets. */
  provider?: { awareness: unknown } | null;
  user?: CaretUser;
}

export function NotesEditor({ doc, panelId, editable, label, provider, user }: NotesEditorProps) {
  const id = `notes-editor-${useId().replace(/:/g, "")}`;
  const editor = useEditor(
    {
      // TipTap must not render on the server (no DOM there) nor before hydration.
      immediatelyRender: false,
      // Our CSP forbids inline <style>; the base styles are in app/styles/notes.css instead.
      injectCSS: false,
      editable,
      extensions: panelNotesExtensions({ fragment: panelNotesFragment(doc, panelId), editable, provider, user }),
      editorProps: {
        attributes: {
          id,
          class: "notes-prosemirror",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": label,
          ...(editable ? {} : { "aria-readonly": "true" }),
          "data-testid": "notes-editor",
          "data-panel-id": panelId,
        },
      },
    },
    // A new panel or a change of rights means a new binding: rebuild rather than patch the old editor.
    [doc, panelId, editable, provider],
  );

  return (
    <div className={`notes-editor${editable ? "" : " read-only"}`}>
      {editable && editor ? <NotesToolbar editor={editor} controls={id} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}

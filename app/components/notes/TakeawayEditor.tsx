/** One takeaway as a one-line collaborative editor bound to its Y.XmlFragment. Browser only. */
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect } from "react";
import type * as Y from "yjs";
import { takeawayExtensions } from "./extensions";

export interface TakeawayEditorProps {
  fragment: Y.XmlFragment;
  editable: boolean;
  label: string;
  /** Focus the editor once created (after "Add a takeaway"). */
  autoFocus?: boolean;
}

export function TakeawayEditor({ fragment, editable, label, autoFocus = false }: TakeawayEditorProps) {
  const attributes = {
    class: "takeaway-prosemirror",
    role: "textbox",
    "aria-label": label,
    ...(editable ? {} : { "aria-readonly": "true" }),
    "data-testid": "takeaway-editor",
  };
  const editor = useEditor(
    {
      immediatelyRender: false,
      // Our CSP forbids inline <style>; the base styles are in app/styles/notes.css instead.
      injectCSS: false,
      editable,
      autofocus: autoFocus ? "end" : false,
      extensions: takeawayExtensions({ fragment, editable }),
      editorProps: { attributes },
    },
    [fragment, editable],
  );
  // The label holds the position ("Takeaway 3"), which changes on reorder without rebuilding the editor.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.setOptions({ editorProps: { attributes } });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, label]);
  return <EditorContent editor={editor} className="takeaway-editor" />;
}

/**
 * TipTap extension sets for the notes: the panel notes (rich text) and a takeaway (one line). Both bind to
 * a Y.XmlFragment through Collaboration, which brings its own per-user undo history, so StarterKit's
 * undo/redo is off (two histories would fight over the same keystrokes).
 */
import { Node, type AnyExtension } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";
import Link from "@tiptap/extension-link";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type * as Y from "yjs";
import { isAllowedNoteUrl } from "./links";
import { CaretActivity, caretActivityExtension } from "./caret-activity";

/** The awareness user shown on carets (the server overwrites name/colour/role with what it knows). */
export interface CaretUser {
  name: string;
  color: string;
}

const noteLink = (editable: boolean) =>
  // Not inclusive: Link is inclusive whenever autolink is on, so text typed right after a link (". Next
  // sentence") became part of it. Autolink still finds typed addresses (it runs on each change).
  Link.extend({ inclusive: () => false }).configure({
    // No `protocols`: http, https and mailto are linkify's own schemes. Registering them again from
    // every editor (a panel's notes plus one per takeaway) made linkify warn "already initialized"
    // on each editor after the first. Which schemes a link may use is isAllowedNoteUrl's rule.
    defaultProtocol: "https",
    autolink: true,
    linkOnPaste: true,
    // A click while writing places the caret; readers follow the link.
    openOnClick: !editable,
    isAllowedUri: (url) => isAllowedNoteUrl(url),
    shouldAutoLink: (url) => isAllowedNoteUrl(url),
    HTMLAttributes: { rel: "noopener noreferrer nofollow", target: "_blank" },
  });

/**
 * A caret with a name label; colours come from the server's accessible palette. The label shows while
 * its author is active (`activity`), then only the coloured bar remains.
 */
function renderCaret(user: Record<string, unknown>, activity: CaretActivity): HTMLElement {
  const caret = document.createElement("span");
  caret.classList.add("collaboration-carets__caret");
  const color = typeof user.color === "string" ? user.color : "#1d4ed8";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.classList.add("collaboration-carets__label");
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  activity.register(user, caret);
  return caret;
}

/** Extensions of a panel's notes editor. `provider` enables live carets (writers only). */
export function panelNotesExtensions(opts: { fragment: Y.XmlFragment; editable: boolean; provider?: { awareness: unknown } | null; user?: CaretUser }): AnyExtension[] {
  const list: AnyExtension[] = [
    StarterKit.configure({ undoRedo: false, link: false, codeBlock: false, heading: { levels: [2, 3] } }),
    noteLink(opts.editable),
    Collaboration.configure({ fragment: opts.fragment }),
  ];
  if (opts.provider && opts.editable) {
    const activity = new CaretActivity();
    list.push(
      caretActivityExtension(opts.provider.awareness, activity),
      CollaborationCaret.configure({
        provider: opts.provider,
        user: opts.user ?? { name: "", color: "#1d4ed8" },
        render: (user: Record<string, unknown>) => renderCaret(user, activity),
        // No inline `style` attribute (the default sets one): our CSP blocks style attributes.
        selectionRender: () => ({ nodeName: "span", class: "collaboration-carets__selection" }),
      }),
    );
  }
  return list;
}

/** A document of exactly one paragraph: Enter cannot split a takeaway into two. */
const OneLineDocument = Node.create({ name: "doc", topNode: true, content: "paragraph" });

/** Extensions of a one-line takeaway editor (bold, italic, links). */
export function takeawayExtensions(opts: { fragment: Y.XmlFragment; editable: boolean }): AnyExtension[] {
  return [
    OneLineDocument,
    StarterKit.configure({
      document: false,
      undoRedo: false,
      link: false,
      heading: false,
      blockquote: false,
      bulletList: false,
      orderedList: false,
      listItem: false,
      listKeymap: false,
      codeBlock: false,
      horizontalRule: false,
      hardBreak: false,
      trailingNode: false,
    }),
    noteLink(opts.editable),
    Collaboration.configure({ fragment: opts.fragment }),
  ];
}

/**
 * Shows a co-author's caret label only while that co-author is active: when their caret appears and for
 * {@link CARET_LABEL_MS} after each of their awareness changes (typing, moving the caret); otherwise only
 * the thin coloured bar stays, so a name never sits over text someone is reading or typing (U9). The
 * label is above the caret's line (CSS, notes.css), never over the line itself.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

/** How long a caret label stays shown after its author's last activity, in ms. */
export const CARET_LABEL_MS = 3000;

/** The class that shows a caret's label (see notes.css). */
export const CARET_ACTIVE_CLASS = "is-active";

interface AwarenessLike {
  clientID: number;
  getStates(): Map<number, Record<string, unknown>>;
  on(event: "change", fn: (changes: { added: number[]; updated: number[]; removed: number[] }) => void): void;
  off(event: "change", fn: (changes: { added: number[]; updated: number[]; removed: number[] }) => void): void;
}

/** The identity a caret element is filed under: the server-set name and colour of its user. */
const keyOf = (user: Record<string, unknown> | undefined): string => `${String(user?.name ?? "")}\u0000${String(user?.color ?? "")}`;

/**
 * One editor's caret elements by user, and the timers that hide their labels. Carets are widget
 * decorations that ProseMirror keeps while their user types in the same place, so activity is read from
 * awareness changes rather than from the element being drawn again. Detached elements are dropped on
 * each visit, so the registry never outgrows the carets on screen.
 */
export class CaretActivity {
  private readonly carets = new Map<string, Set<HTMLElement>>();
  private readonly timers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

  constructor(private readonly showMs: number = CARET_LABEL_MS) {}

  /** Files a newly drawn caret of `user` and shows its label (the caret just appeared or moved). */
  register(user: Record<string, unknown>, caret: HTMLElement): void {
    const key = keyOf(user);
    const set = this.carets.get(key) ?? new Set<HTMLElement>();
    this.carets.set(key, set);
    // A caret is drawn before it is placed, so a detached one may be new: prune only a set grown past
    // what one user's tabs account for (touch prunes the rest, after the view update has placed them).
    if (set.size >= 8) for (const old of set) if (!old.isConnected) set.delete(old);
    set.add(caret);
    this.show(caret);
  }

  /** Shows the labels of the carets of `user` again, for `showMs` from now. */
  touch(user: Record<string, unknown> | undefined): void {
    const key = keyOf(user);
    const set = this.carets.get(key);
    if (!set) return;
    for (const caret of set) {
      if (!caret.isConnected) set.delete(caret);
      else this.show(caret);
    }
    if (set.size === 0) this.carets.delete(key);
  }

  /** Hides every label now and forgets all carets (editor destroyed). */
  clear(): void {
    for (const set of this.carets.values()) for (const caret of set) this.hide(caret);
    this.carets.clear();
  }

  private show(caret: HTMLElement): void {
    caret.classList.add(CARET_ACTIVE_CLASS);
    // Drawn but not yet placed (register runs inside the widget's toDOM): measure once it is.
    if (caret.isConnected) placeLabel(caret);
    else queueMicrotask(() => caret.isConnected && placeLabel(caret));
    const old = this.timers.get(caret);
    if (old !== undefined) clearTimeout(old);
    this.timers.set(caret, setTimeout(() => this.hide(caret), this.showMs));
  }

  private hide(caret: HTMLElement): void {
    const old = this.timers.get(caret);
    if (old !== undefined) clearTimeout(old);
    this.timers.delete(caret);
    caret.classList.remove(CARET_ACTIVE_CLASS);
  }
}

/** The class that makes a caret's label grow towards the line's start (see notes.css). */
export const CARET_FLIP_CLASS = "is-flipped";

/**
 * Keeps a label inside the editor: one that would run past the editor's inline end (a caret at the end
 * of a line, on a phone) grows towards the line's start instead, so the page never scrolls sideways.
 */
function placeLabel(caret: HTMLElement): void {
  const label = caret.firstElementChild;
  const root = caret.closest(".ProseMirror");
  if (!label || !root) return;
  caret.classList.remove(CARET_FLIP_CLASS);
  const box = label.getBoundingClientRect();
  const edge = root.getBoundingClientRect();
  const rtl = getComputedStyle(caret).direction === "rtl";
  if (rtl ? box.left < edge.left : box.right > edge.right) caret.classList.add(CARET_FLIP_CLASS);
}

/**
 * A TipTap extension that feeds `activity` from the provider's awareness: every change of another
 * client's state (their caret moved because they typed or clicked) shows that client's label again.
 */
export function caretActivityExtension(awareness: unknown, activity: CaretActivity) {
  const aw = awareness as AwarenessLike;
  return Extension.create({
    name: "caretActivity",
    addProseMirrorPlugins() {
      return [
        new Plugin({
          key: new PluginKey("caretActivity"),
          view: () => {
            const onChange = ({ added, updated }: { added: number[]; updated: number[] }) => {
              const states = aw.getStates();
              for (const id of [...added, ...updated]) {
                if (id === aw.clientID) continue;
                activity.touch(states.get(id)?.user as Record<string, unknown> | undefined);
              }
            };
            aw.on("change", onChange);
            return {
              destroy: () => {
                aw.off("change", onChange);
                activity.clear();
              },
            };
          },
        }),
      ];
    },
  });
}

/**
 * A panel's key takeaways: writers add, edit (one-line editors), reorder with Move up/down buttons and
 * remove; readers see the list. Order is the fractional rank of app/domain/notes/model.ts, so concurrent
 * moves by two rapporteurs converge without duplicates.
 */
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import { addTakeaway, listTakeaways, moveTakeaway, removeTakeaway, takeawayFragment, takeawaysMap, type TakeawayView } from "~/domain/notes/model";
import { useConfirm } from "../ConfirmDialog";
import { TakeawayEditor } from "./TakeawayEditor";

/** Live takeaways of a panel, re-read on every change inside the map (text edits included). */
export function useTakeaways(doc: Y.Doc, panelId: string): TakeawayView[] {
  const [items, setItems] = useState(() => listTakeaways(doc, panelId));
  useEffect(() => {
    const map = takeawaysMap(doc, panelId);
    const refresh = () => setItems(listTakeaways(doc, panelId));
    refresh();
    map.observeDeep(refresh);
    return () => map.unobserveDeep(refresh);
  }, [doc, panelId]);
  return items;
}

export function TakeawaysList({ doc, panelId, editable, headingId }: { doc: Y.Doc; panelId: string; editable: boolean; headingId: string }) {
  const { t } = useTranslation();
  const items = useTakeaways(doc, panelId);
  const [focusNew, setFocusNew] = useState<string | null>(null);
  const { confirm, dialog } = useConfirm();
  const addButton = useRef<HTMLButtonElement>(null);
  // After a move, keep keyboard focus on the same button of the moved item (its row re-renders elsewhere).
  const refocus = useRef<{ id: string; action: "up" | "down" } | null>(null);
  useEffect(() => {
    const r = refocus.current;
    if (!r) return;
    refocus.current = null;
    document.querySelector<HTMLButtonElement>(`[data-takeaway="${r.id}"] [data-action="${r.action}"]:not([disabled])`)?.focus();
  }, [items]);

  const move = (index: number, dir: -1 | 1) => {
    const item = items[index];
    const beforeId = dir === -1 ? items[index - 1]?.id : (items[index + 2]?.id ?? null);
    if (beforeId === undefined) return;
    refocus.current = { id: item.id, action: dir === -1 ? "up" : "down" };
    moveTakeaway(doc, panelId, item.id, beforeId);
  };

  // A takeaway with text is removed only after the accessible confirm dialog. Focus then goes to "Add a
  // takeaway" (the Remove button is gone), or back to Remove when cancelled.
  const remove = async (item: TakeawayView, n: number) => {
    const ok =
      item.text.trim() === "" ||
      (await confirm({
        title: t("notes.takeaways.removeTitle", { n }),
        message: t("notes.takeaways.removeConfirm"),
        confirm: t("common.delete"),
        danger: true,
        focusAfter: (yes) => (yes ? addButton.current : null),
      }));
    if (!ok) return;
    removeTakeaway(doc, panelId, item.id);
    if (item.text.trim() === "") addButton.current?.focus();
  };

  return (
    <div className="takeaways">
      {items.length === 0 ? <p className="muted small">{t("notes.takeaways.empty")}</p> : null}
      <ol className="takeaway-list" aria-labelledby={headingId} data-testid="takeaways">
        {items.map((item, index) => {
          const n = index + 1;
          const fragment = takeawayFragment(doc, panelId, item.id);
          return (
            <li key={item.id} className="takeaway" data-takeaway={item.id}>
              {editable && fragment ? (
                <>
                  <TakeawayEditor fragment={fragment} editable label={t("notes.takeaways.itemLabel", { n })} autoFocus={focusNew === item.id} />
                  <div className="takeaway-actions">
                    <button type="button" className="button small secondary" data-action="up" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t("notes.takeaways.moveUp", { n })}>
                      <span aria-hidden="true">↑</span>
                    </button>
                    <button
                      type="button"
                      className="button small secondary"
                      data-action="down"
                      disabled={index === items.length - 1}
                      onClick={() => move(index, 1)}
                      aria-label={t("notes.takeaways.moveDown", { n })}
                    >
                      <span aria-hidden="true">↓</span>
                    </button>
                    <button
                      type="button"
                      className="button small danger"
                      data-action="remove"
                      onClick={() => void remove(item, n)}
                      aria-label={t("notes.takeaways.remove", { n })}
                    >
                      <span aria-hidden="true">✕</span>
                    </button>
                  </div>
                </>
              ) : (
                <span className="takeaway-text">{item.text}</span>
              )}
            </li>
          );
        })}
      </ol>
      {editable ? (
        <button ref={addButton} type="button" className="button small secondary" data-testid="add-takeaway" onClick={() => setFocusNew(addTakeaway(doc, panelId, ""))}>
          + {t("notes.takeaways.add")}
        </button>
      ) : null}
      {dialog}
    </div>
  );
}

/**
 * An accessible confirmation in place of `window.confirm()`: the native <dialog> opened modally,
 * labelled by its heading and described by its message, focus moved in (to Cancel: the safe
 * choice) and, on close, returned to the button that opened it — or to `focusAfter(ok)` when the
 * confirmed action removes that button (e.g. "Re-ask" on a poll that becomes a draft again).
 * Escape cancels (the dialog's own `cancel` event).
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

export interface ConfirmOptions {
  title: string;
  message: string;
  /** The confirming button's text ("Re-ask", "End session"). */
  confirm: string;
  danger?: boolean;
  /** Where focus goes after closing (null/undefined: back to the opener, when it is still usable). */
  focusAfter?: (ok: boolean) => HTMLElement | null | undefined;
}

interface Pending extends ConfirmOptions {
  opener: HTMLElement | null;
  resolve(ok: boolean): void;
}

/** `confirm(options)` resolves true when confirmed; render `dialog` somewhere in the component. */
export function useConfirm(): { confirm(options: ConfirmOptions): Promise<boolean>; dialog: JSX.Element | null } {
  const [pending, setPending] = useState<Pending | null>(null);
  const confirm = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setPending({ ...options, opener, resolve });
      }),
    [],
  );
  const close = useCallback(
    (ok: boolean) => {
      if (!pending) return;
      setPending(null);
      pending.resolve(ok);
      // After the dialog has left the DOM.
      setTimeout(() => {
        const { opener } = pending;
        const usable = opener && opener.isConnected && !(opener as HTMLButtonElement).disabled;
        (pending.focusAfter?.(ok) ?? (usable ? opener : null))?.focus();
      }, 0);
    },
    [pending],
  );
  return { confirm, dialog: pending ? <ConfirmDialog {...pending} onClose={close} /> : null };
}

/**
 * A native <dialog> shown modally while the component is mounted (closed on unmount), with focus moved
 * to `first` (Cancel, a field…). Attach the returned ref to the <dialog>.
 */
export function useModal(first: React.RefObject<HTMLElement>) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    first.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
    };
  }, [first]);
  return ref;
}

function ConfirmDialog({ title, message, confirm, danger, onClose }: ConfirmOptions & { onClose(ok: boolean): void }) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ref = useModal(cancelRef);
  const id = useId();
  // Closed here, before the parent drops it: close() gives focus back to the opener at once, so a
  // late close (on unmount) cannot take it from where `focusAfter` put it.
  const finish = (ok: boolean) => {
    ref.current?.close();
    onClose(ok);
  };
  return (
    <dialog
      ref={ref}
      className="confirm-dialog card stack"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        e.preventDefault();
        finish(false);
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-message`}>{message}</p>
      <div className="actions">
        <button ref={cancelRef} type="button" className="button secondary" onClick={() => finish(false)}>
          {t("common.cancel")}
        </button>
        <button type="button" className={`button${danger ? " danger" : ""}`} onClick={() => finish(true)}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}

/**
 * The notes toolbar's link box, in place of `window.prompt()`: a modal native <dialog> labelled by its
 * heading, with one field validated by {@link NoteLinkForm} (only http, https and mailto; empty removes
 * the link). The error sits next to the field (`aria-invalid` + `aria-describedby`) in the reader's
 * language (`describeIssue` via `fieldErrors`) and focus stays in the field. Escape or Cancel closes
 * with `null`; the caller gives focus back to the editor. Rendered into `document.body` (a portal): its
 * <form> would otherwise sit inside the summary draft's <Form> (invalid nesting, and a submit that only
 * `preventDefault` kept from posting the draft); the submit is also stopped from bubbling up the React tree.
 */
import { useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import { useModal } from "../ConfirmDialog";
import { fieldErrors } from "~/utils/forms";
import { NOTE_LINK_MAX, NoteLinkForm } from "./links";

/** What the dialog ends with: the link to set, `{href: null}` to remove it, or null (cancelled). */
export type LinkDialogResult = { href: string | null } | null;

export function LinkDialog({ initial, onClose }: { initial: string; onClose(result: LinkDialogResult): void }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const ref = useModal(inputRef);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const finish = (result: LinkDialogResult) => {
    ref.current?.close();
    onClose(result);
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    // React events bubble through portals along the component tree: keep this submit from the draft's <Form>.
    e.stopPropagation();
    const parsed = NoteLinkForm.safeParse({ href: value });
    if (!parsed.success) {
      setError(fieldErrors(parsed.error.issues, (key, values) => t(key, values)).href ?? t("organiser.errors.linkScheme"));
      inputRef.current?.focus();
      return;
    }
    finish({ href: parsed.data.href });
  };
  const fieldId = `${id}-href`;
  return createPortal(
    <dialog
      ref={ref}
      className="confirm-dialog card stack"
      aria-labelledby={`${id}-title`}
      data-testid="link-dialog"
      onCancel={(e) => {
        e.preventDefault();
        finish(null);
      }}
    >
      <h2 id={`${id}-title`}>{t("notes.toolbar.linkDialogTitle")}</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={fieldId}>{t("notes.toolbar.linkField")}</label>
          <span id={`${fieldId}-hint`} className="hint">
            {t("notes.toolbar.linkHint")}
          </span>
          <input
            ref={inputRef}
            id={fieldId}
            name="href"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={NOTE_LINK_MAX}
            value={value}
            onChange={(e) => {
              setValue(e.target.value);
              setError(null);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${fieldId}-hint${error ? ` ${fieldId}-error` : ""}`}
          />
          {error ? (
            <span id={`${fieldId}-error`} className="error" data-testid="link-error">
              {error}
            </span>
          ) : null}
        </div>
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => finish(null)}>
            {t("common.cancel")}
          </button>
          {initial ? (
            <button type="button" className="button secondary" onClick={() => finish({ href: null })}>
              {t("notes.toolbar.linkRemove")}
            </button>
          ) : null}
          <button type="submit" className="button">
            {t("notes.toolbar.linkApply")}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}

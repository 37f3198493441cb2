/**
 * Labelled form controls with their hint and error wired for assistive technology: the error text
 * is linked with `aria-describedby` and the control marked `aria-invalid`, so screen readers read
 * the problem when focus lands on the field.
 */
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

/** DOM id for a form field name (`polls.1.options` → `f-polls-1-options`). */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

/** The accessibility attributes for a control with optional hint and error. */
export function describedBy(name: string, hint?: ReactNode, error?: string) {
  const id = fieldId(name);
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return { id, "aria-invalid": error ? (true as const) : undefined, "aria-describedby": ids || undefined };
}

interface Common {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
}

function Frame({ name, label, hint, error, className, children }: Common & { children: ReactNode }) {
  const id = fieldId(name);
  return (
    <div className={`field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {children}
      {error ? (
        <span id={`${id}-error`} className="error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** `<input>` with label, hint and error. */
export function TextField({ name, label, hint, error, className, ...rest }: Common & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Frame name={name} label={label} hint={hint} error={error} className={className}>
      <input type="text" name={name} {...rest} {...describedBy(name, hint, error)} />
    </Frame>
  );
}

/** `<textarea>` with label, hint and error. */
export function TextArea({ name, label, hint, error, className, ...rest }: Common & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame name={name} label={label} hint={hint} error={error} className={className}>
      <textarea name={name} {...rest} {...describedBy(name, hint, error)} />
    </Frame>
  );
}

/** `<select>` with label, hint and error; `options` are `[value, label]` pairs. */
export function SelectField({
  name,
  label,
  hint,
  error,
  className,
  options,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly (readonly [string, string])[] }) {
  return (
    <Frame name={name} label={label} hint={hint} error={error} className={className}>
      <select name={name} {...rest} {...describedBy(name, hint, error)}>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A form-level error (not tied to one field), announced when it appears. */
export function FormError({ error }: { error?: string }) {
  return error ? (
    <p className="notice error" role="alert">
      {error}
    </p>
  ) : null;
}

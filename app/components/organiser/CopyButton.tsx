/** Copies text to the clipboard and says so in a polite live region. Hidden without JavaScript/clipboard. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const [supported, setSupported] = useState(false);
  const [copied, setCopied] = useState(false);
  // The Clipboard API exists only in secure contexts; render nothing server-side and where missing.
  useEffect(() => setSupported(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  if (!supported) return null;
  return (
    <>
      <button
        type="button"
        className="button small secondary"
        onClick={() => {
          void navigator.clipboard.writeText(text).then(() => setCopied(true));
        }}
      >
        {label ?? t("organiser.invite.copy")}
      </button>
      <span role="status" className="muted small">
        {copied ? t("organiser.invite.copied") : ""}
      </span>
    </>
  );
}

/** Copies text to the clipboard and says so in a polite live region. Hidden without JavaScript/clipboard. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** @param label the button's text; @param done what the live region says once copied (default: "Copied to the clipboard."). */
export function CopyButton({ text, label, done }: { text: string; label?: string; done?: string }) {
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
          // Emptied first so that a second copy is announced again.
          setCopied(false);
          void navigator.clipboard.writeText(text).then(() => setCopied(true));
        }}
      >
        {label ?? t("organiser.invite.copy")}
      </button>
      <span role="status" className="muted small">
        {copied ? (done ?? t("organiser.invite.copied")) : ""}
      </span>
    </>
  );
}

/**
 * The vote receipt, announced politely. "Recorded ✓" appears only once the server acknowledged
 * this exact answer (or already holds it after a reload); until then the answer is "waiting".
 */
import { useTranslation } from "react-i18next";
import type { OutboxEntry } from "~/realtime/outbox";

export type ReceiptState = OutboxEntry["status"] | "none";

export function Receipt({ state, error }: { state: ReceiptState; error?: string }) {
  const { t } = useTranslation();
  const text =
    state === "none"
      ? ""
      : state === "rejected"
        ? t("polls.receipt.rejected", { reason: t(`polls.console.error.${error}`, { defaultValue: error ?? "" }) })
        : t(`polls.receipt.${state}`);
  return (
    <p className={`receipt receipt-${state}`} role="status" aria-live="polite" data-testid="receipt" data-state={state}>
      {text}
    </p>
  );
}

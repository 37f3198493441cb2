/**
 * The vote receipt, announced politely. "Recorded ✓" appears only once the server acknowledged
 * this exact answer (or already holds it after a reload); until then the answer is "waiting".
 * A change that reached the server after the close is "not counted"; where the server still holds
 * an earlier answer (`kept`) the receipt says that one stands, so "not counted" is not read as
 * "you have no answer".
 */
import { useTranslation } from "react-i18next";
import type { OutboxEntry } from "~/realtime/outbox";

export type ReceiptState = OutboxEntry["status"] | "none";

export function Receipt({ state, error, kept = false }: { state: ReceiptState; error?: string; kept?: boolean }) {
  const { t } = useTranslation();
  const text =
    state === "none"
      ? ""
      : state === "rejected"
        ? t("polls.receipt.rejected", { reason: t(`polls.console.error.${error}`, { defaultValue: error ?? "" }) })
        : state === "closed" && kept
          ? t("polls.receipt.closedKept")
          : t(`polls.receipt.${state}`);
  return (
    <p className={`receipt receipt-${state}`} role="status" aria-live="polite" data-testid="receipt" data-state={state}>
      {text}
    </p>
  );
}

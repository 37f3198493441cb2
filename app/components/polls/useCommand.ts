/** Runs a facilitator command and turns a refusal into a translated message for an alert. */
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PollsApi } from "~/realtime/usePolls";

export function useCommand(api: PollsApi) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (...args: Parameters<PollsApi["send"]>) => {
      setBusy(true);
      setError(null);
      const res = await api.send(...args);
      setBusy(false);
      if (!res.ok) {
        const message = t(`polls.console.error.${res.error}`, { defaultValue: t("polls.console.error.generic") });
        // Validation details are the schema's (English) messages: still more useful than nothing.
        const details = res.issues?.map((i) => `${i.path}: ${i.message}`).join("; ");
        setError(details ? `${message} (${details})` : message);
      }
      return res;
    },
    [api, t],
  );
  return { busy, error, run };
}

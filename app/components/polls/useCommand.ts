/** Runs a facilitator command and turns a refusal into a translated message for an alert. */
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Ack } from "~/domain/events";
import type { PollsApi } from "~/realtime/usePolls";
import { issueText, type Translate } from "~/utils/forms";

/**
 * The text shown for a refused command: `polls.console.error.<error>` (generic when unknown), then each
 * distinct validation problem through {@link issueText} (the same `organiser.errors.*` wording as every
 * form). zod's English issue messages are never shown.
 * @example commandErrorText({ ok: false, error: "invalid-payload", issues: [{ path: "definition.question", message: "…", code: "required" }] }, t)
 *   // "Some fields are not valid. (This field is required.)"
 */
export function commandErrorText(res: Extract<Ack, { ok: false }>, t: Translate): string {
  const message = t(`polls.console.error.${res.error}`, { defaultValue: t("polls.console.error.generic") });
  const details = [...new Set((res.issues ?? []).map((i) => issueText(i, t)).filter((m): m is string => m !== null))];
  return details.length ? `${message} (${details.join(" ")})` : message;
}

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
      if (!res.ok) setError(commandErrorText(res, (key, values) => t(key, values)));
      return res;
    },
    [api, t],
  );
  return { busy, error, run };
}

/** Publish controls: visibility choice and the publish button (the server re-checks before publishing). */
import { useTranslation } from "react-i18next";
import { VISIBILITY_OPTIONS } from "./visibility";

export function PublishBox({ blocked, busy }: { blocked: boolean; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className="card stack publish-box">
      <legend>{t("summary.publish.heading")}</legend>
      {VISIBILITY_OPTIONS.map((v, i) => (
        <div key={v} className="check">
          <input type="radio" id={`visibility-${v}`} name="visibility" value={v} defaultChecked={i === 0} aria-describedby={`visibility-${v}-hint`} />
          <label htmlFor={`visibility-${v}`}>{t(`summary.visibility.${v}`)}</label>
          <p id={`visibility-${v}-hint`} className="small muted">
            {t(`summary.visibility.${v}Hint`)}
          </p>
        </div>
      ))}
      {blocked ? (
        <p className="notice error" id="publish-blocked">
          {t("summary.publish.blocked")}
        </p>
      ) : null}
      <button type="submit" name="intent" value="publish" className="button" disabled={busy || blocked} aria-describedby={blocked ? "publish-blocked" : undefined}>
        {t("summary.publish.submit")}
      </button>
    </fieldset>
  );
}

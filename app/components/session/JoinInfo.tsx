/** Join code, link and QR code, with a copy button for the link that confirms in a polite live region. */
import { useTranslation } from "react-i18next";
import { formatJoinCode } from "~/domain/session";
import { CopyButton } from "../organiser/CopyButton";

export function JoinInfo({ joinCode, joinUrl, qr }: { joinCode: string; joinUrl: string; qr: string }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="join-info">
      <h2 id="join-info">{t("session.console.joinInfo")}</h2>
      <p className="join-code" data-testid="join-code">
        {formatJoinCode(joinCode)}
      </p>
      <img className="qr" src={qr} alt={t("session.projector.scanTo", { url: joinUrl })} width={224} height={224} />
      <div className="field">
        <label htmlFor="join-url">{t("session.console.joinLink")}</label>
        <div className="row">
          <input id="join-url" type="url" readOnly value={joinUrl} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={joinUrl} label={t("session.console.copy")} done={t("session.console.copied")} />
        </div>
      </div>
    </section>
  );
}

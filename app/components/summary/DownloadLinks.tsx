/** Links to every export format of one published version (`base` + `/<format>`). */
import { useTranslation } from "react-i18next";

/** In the order offered; labels come from `summary.formats.<format>`. */
export const DOWNLOAD_FORMATS = ["docx", "pdf", "md", "html", "json", "csv"] as const;

export function DownloadLinks({ base }: { base: string }) {
  const { t } = useTranslation();
  return (
    <div className="row downloads">
      <span className="small">{t("summary.formats.label")}</span>
      <ul className="download-links">
        {DOWNLOAD_FORMATS.map((f) => (
          <li key={f}>
            <a href={`${base}/${f}`} download data-format={f}>
              {t(`summary.formats.${f}`)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

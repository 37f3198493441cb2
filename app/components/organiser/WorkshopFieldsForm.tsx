/**
 * The workshop details fields shared by "new workshop" and "edit details": title, region, time
 * zone, dates, rule (with what it means) and the advanced minimum cell size.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { DEFAULT_MIN_CELL } from "~/domain/workshop";
import { LIMITS } from "~/domain/template";
import { describedBy, fieldId, TextField } from "./Field";
import type { WorkshopFormValues } from "./workshop-form";

interface Props {
  values: Partial<WorkshopFormValues>;
  errors: Record<string, string>;
  timeZones: string[];
  /** Pre-select the browser's time zone (new workshops without submitted values). */
  detectTimeZone?: boolean;
  /** Shown under the rule's legend, e.g. why it can no longer change. */
  ruleNote?: string;
}

export function WorkshopFieldsForm({ values, errors, timeZones, detectTimeZone, ruleNote }: Props) {
  const { t } = useTranslation();
  const zoneRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    // The server cannot know the organiser's zone; the browser can. Only an untouched default changes.
    const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (detectTimeZone && zoneRef.current && timeZones.includes(local)) zoneRef.current.value = local;
  }, [detectTimeZone, timeZones]);
  const rule = values.rule || "chatham-house";
  const advancedOpen = Boolean(errors.minCellSize) || (values.minCellSize !== undefined && values.minCellSize !== String(DEFAULT_MIN_CELL));
  return (
    <>
      <TextField name="title" label={t("organiser.form.title")} hint={t("organiser.form.titleHint")} required maxLength={LIMITS.titleChars} defaultValue={values.title} error={errors.title} />
      <TextField name="region" label={t("organiser.form.region")} hint={t("organiser.form.regionHint")} required maxLength={100} defaultValue={values.region} error={errors.region} />
      <div className="field">
        <label htmlFor={fieldId("timeZone")}>{t("organiser.form.timeZone")}</label>
        <span id={`${fieldId("timeZone")}-hint`} className="hint">
          {t("organiser.form.timeZoneHint")}
        </span>
        <select ref={zoneRef} name="timeZone" defaultValue={values.timeZone || "UTC"} {...describedBy("timeZone", true, errors.timeZone)}>
          {timeZones.map((z) => (
            <option key={z} value={z}>
              {z.replace(/_/g, " ")}
            </option>
          ))}
        </select>
        {errors.timeZone ? (
          <span id={`${fieldId("timeZone")}-error`} className="error">
            {errors.timeZone}
          </span>
        ) : null}
      </div>
      <div className="form-pair">
        <TextField name="startsOn" type="date" label={t("organiser.form.startsOn")} required defaultValue={values.startsOn} error={errors.startsOn} />
        <TextField name="endsOn" type="date" label={t("organiser.form.endsOn")} required defaultValue={values.endsOn} error={errors.endsOn} />
      </div>
      <fieldset className="stack" aria-describedby={[ruleNote ? `${fieldId("rule")}-note` : "", errors.rule ? `${fieldId("rule")}-error` : ""].join(" ").trim() || undefined}>
        <legend>{t("organiser.form.rule")}</legend>
        {ruleNote ? (
          <span id={`${fieldId("rule")}-note`} className="hint">
            {ruleNote}
          </span>
        ) : null}
        {(["chatham-house", "attributed"] as const).map((r) => (
          <div key={r} className="check">
            <input type="radio" id={fieldId(`rule-${r}`)} name="rule" value={r} defaultChecked={rule === r} aria-describedby={`${fieldId(`rule-${r}`)}-hint`} />
            <label htmlFor={fieldId(`rule-${r}`)}>
              <strong>{t(`common.rule.${r}`)}</strong>
              {r === "chatham-house" ? ` (${t("organiser.form.recommended")})` : null}
              <span id={`${fieldId(`rule-${r}`)}-hint`} className="hint block">
                {t(`organiser.form.ruleHint.${r}`)}
              </span>
            </label>
          </div>
        ))}
        {errors.rule ? (
          <span id={`${fieldId("rule")}-error`} className="error">
            {errors.rule}
          </span>
        ) : null}
      </fieldset>
      <details className="advanced" open={advancedOpen}>
        <summary>{t("organiser.form.advanced")}</summary>
        <TextField
          name="minCellSize"
          type="number"
          inputMode="numeric"
          min={2}
          max={50}
          label={t("organiser.form.minCellSize")}
          hint={t("organiser.form.minCellSizeHint", { k: DEFAULT_MIN_CELL })}
          defaultValue={values.minCellSize ?? String(DEFAULT_MIN_CELL)}
          error={errors.minCellSize}
        />
      </details>
    </>
  );
}

/** The archive's search form: a plain GET form, so it works without JavaScript and the URL is shareable. */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/organiser/Field";
import type { ArchiveQueryErrors } from "./search";

export interface ArchiveFilterValues {
  region: string;
  from: string;
  to: string;
  q: string;
}

export function ArchiveFilters({ values, regions, errors }: { values: ArchiveFilterValues; regions: string[]; errors: ArchiveQueryErrors }) {
  const { t } = useTranslation();
  const err = (field: keyof ArchiveQueryErrors) => (errors[field] ? t(`archive.archive.errors.${errors[field]}`, { count: field === "q" ? 200 : 100 }) : undefined);
  // Keep a region typed into the URL selectable even if no public outcome has it any more.
  const regionOptions = [...new Set([...regions, ...(values.region ? [values.region] : [])])];
  return (
    <Form method="get" className="card archive-filters" aria-labelledby="archive-filters-heading">
      <h2 id="archive-filters-heading" className="h3">
        {t("archive.archive.filters")}
      </h2>
      <div className="archive-filter-grid">
        <TextField name="q" type="search" label={t("archive.archive.q")} hint={t("archive.archive.qHint")} defaultValue={values.q} error={err("q")} maxLength={200} />
        <SelectField
          name="region"
          label={t("archive.archive.region")}
          defaultValue={values.region}
          error={err("region")}
          options={[["", t("archive.archive.allRegions")], ...regionOptions.map((r) => [r, r] as const)]}
        />
        <TextField name="from" type="date" label={t("archive.archive.from")} hint={t("archive.archive.dateHint")} defaultValue={values.from} error={err("from")} />
        <TextField name="to" type="date" label={t("archive.archive.to")} hint={t("archive.archive.dateHint")} defaultValue={values.to} error={err("to")} />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t("archive.archive.search")}
        </button>
        <Link to="/archive" className="button secondary">
          {t("archive.archive.clear")}
        </Link>
      </div>
    </Form>
  );
}

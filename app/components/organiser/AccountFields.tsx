/** Name, e-mail, password and confirmation inputs for creating a staff account. */
import { useTranslation } from "react-i18next";
import { TextField } from "./Field";
import { MIN_PASSWORD } from "./account";

export function AccountFields({ values, errors }: { values?: { name?: string; email?: string }; errors: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="name" label={t("organiser.auth.name")} autoComplete="name" required maxLength={100} defaultValue={values?.name} error={errors.name} />
      <TextField
        name="email"
        type="email"
        label={t("organiser.auth.email")}
        autoComplete="username"
        required
        defaultValue={values?.email}
        error={errors.email}
      />
      <TextField
        name="password"
        type="password"
        label={t("organiser.auth.password")}
        hint={t("organiser.auth.passwordHint", { min: MIN_PASSWORD })}
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        error={errors.password}
      />
      <TextField
        name="confirm"
        type="password"
        label={t("organiser.auth.confirm")}
        autoComplete="new-password"
        required
        error={errors.confirm}
      />
    </>
  );
}

import type { Strings } from "../en";
import type en from "../en/notes";

const notes: Strings<typeof en> = {
  page: {
    title: "Notes",
    metaTitle: "{{title}} — notes · Roundtable",
    back: "Retour à la console",
    intro: "Rédigez ensemble les notes et les points clés de chaque panel. Les modifications sont enregistrées au fil de la frappe, même hors ligne.",
    openNotes: "Notes et points clés",
    openNotesHint: "Rédiger les notes du panel avec les rapporteurs.",
  },
  access: {
    heading: "Qui peut écrire",
    openToAll: "Permettre aux participants d’écrire dans les notes",
    openToAllHint: "Désactivé : seuls les animateurs et rapporteurs écrivent ; les participants lisent. S’applique quand un participant ouvre ou recharge la page.",
    saved: "Enregistré.",
  },
  panel: {
    label: "Panel",
    choose: "Panel affiché",
    follow: "Suivre le direct",
    followHint: "Afficher le panel en cours chez l’animateur.",
    live: "en direct",
    notesHeading: "Notes : {{title}}",
    notesLabel: "Notes du panel « {{title}} »",
    empty: "Pas encore de notes.",
  },
  toolbar: {
    label: "Mise en forme",
    bold: "Gras",
    italic: "Italique",
    heading2: "Titre",
    heading3: "Sous-titre",
    bulletList: "Liste à puces",
    orderedList: "Liste numérotée",
    blockquote: "Citation",
    link: "Lien",
    linkPrompt: "Adresse du lien (https://… ou une adresse e-mail). Laissez vide pour retirer le lien.",
    linkInvalid: "Seuls les liens web (http, https) et e-mail sont autorisés.",
    undo: "Annuler",
    redo: "Rétablir",
  },
  takeaways: {
    heading: "Points clés",
    empty: "Pas encore de points clés.",
    add: "Ajouter un point clé",
    itemLabel: "Point clé {{n}}",
    moveUp: "Monter le point clé {{n}}",
    moveDown: "Descendre le point clé {{n}}",
    remove: "Supprimer le point clé {{n}}",
    removeConfirm: "Supprimer ce point clé ?",
  },
  presence: {
    heading: "En train d’écrire",
    none: "Personne d’autre n’écrit.",
    onPanel: "{{name}} — {{panel}}",
    you: "Vous",
  },
  status: {
    connecting: "Connexion aux notes…",
    connected: "Notes enregistrées et partagées",
    offline: "Hors ligne : vos modifications sont conservées sur cet appareil et partagées au retour de la connexion",
    refused: "Les notes ne vous sont pas accessibles",
    readOnly: "Le serveur n’accepte plus de modifications de ces notes : elles sont en lecture seule. Votre dernière modification n’a pas été enregistrée.",
    live: "Les notes se mettent à jour en direct",
    offlineReading: "Hors ligne : les notes se mettront à jour au retour de la connexion",
    loading: "Chargement des notes…",
  },
  frozen: {
    notice: "Les notes sont figées : la séance est terminée ; modifiez plutôt le brouillon de synthèse.",
    summaryLink: "Ouvrir le brouillon de synthèse",
  },
  participant: {
    heading: "Notes de ce panel",
    readOnly: "Rédigées par les rapporteurs. Lecture seule.",
  },
};
export default notes;

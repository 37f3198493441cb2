import type { Strings } from "../en";
import type en from "../en/common";

const common: Strings<typeof en> = {
  appName: "Roundtable",
  pageTitle: "{{page}} · Roundtable",
  setUpTitle: "Installation",
  skipToContent: "Aller au contenu principal",
  language: "Langue",
  changeLanguage: "Changer",
  signIn: "Se connecter",
  signOut: "Se déconnecter",
  workshops: "Ateliers",
  templates: "Modèles",
  archive: "Archives",
  save: "Enregistrer",
  cancel: "Annuler",
  delete: "Supprimer",
  required: "obligatoire",
  optional: "facultatif",
  minutes_one: "{{count}} minute",
  minutes_other: "{{count}} minutes",
  minShort: "{{count}} min",
  notFoundTitle: "Page introuvable",
  notFoundBody: "La page demandée n’existe pas ou n’est plus disponible.",
  errorTitle: "Une erreur est survenue",
  errorBody: "L’erreur a été enregistrée. Réessayez ou revenez à la page d’accueil.",
  forbiddenTitle: "Accès refusé",
  forbiddenBody: "Vous n’avez pas accès à cette page.",
  badRequestTitle: "Requête incomprise",
  badRequestBody: "L’adresse ou le formulaire envoyé est incomplet ou mal formé. Revenez en arrière et réessayez, ou repartez de la page d’accueil.",
  home: "Page d’accueil",
  crossOriginTitle: "Requête refusée",
  crossOriginBody: "Ce formulaire a été envoyé depuis un autre site web : il a été refusé. Ouvrez Roundtable directement et réessayez.",
  tooManyTitle: "Trop de tentatives",
  tooManyBody: "Trop de requêtes sont venues de votre réseau en peu de temps. Attendez {{minutes}} minutes et réessayez.",
  tooManyJoinBody:
    "Trop de codes de session inexistants ont été essayés depuis votre réseau. Attendez {{minutes}} minutes, puis vérifiez le code affiché à l’écran et réessayez.",
  connection: {
    online: "Connecté",
    offline: "Hors ligne — reconnexion…",
  },
  rule: {
    "chatham-house": "Règle de Chatham House",
    attributed: "Propos attribués",
  },
  ruleExplain: {
    "chatham-house":
      "Cette réunion se tient sous la règle de Chatham House : vous pouvez utiliser ce qui est dit, mais sans révéler qui l’a dit ni son affiliation. Votre nom, si vous en donnez un, n’apparaît que comme présence dans la salle en direct, jamais dans le résumé, les exports ou la relecture.",
    attributed:
      "Cette réunion est publique : les interventions peuvent être attribuées. Les votes ne sont jamais affichés individuellement.",
  },
  sector: {
    government: "Gouvernement",
    industry: "Industrie",
    "civil-society": "Société civile",
    academia: "Monde universitaire",
    "international-organisation": "Organisation internationale",
    other: "Autre",
  },
  role: {
    organiser: "Organisateur·rice",
    facilitator: "Animateur·rice",
    rapporteur: "Rapporteur·e",
    participant: "Participant·e",
    observer: "Observateur·rice",
  },
};
export default common;

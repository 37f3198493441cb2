/**
 * Built-in word lists for the non-attribution check (English and French).
 * Compact on purpose: the states and bodies that show up in space-security workshops
 * (UN member states active in the OEWG and COPUOS, space agencies, regional and
 * international organisations, large operators). Callers add their own via
 * `organisations` / `countries` on the check's input.
 */

/** A country: names (EN + FR, without article) and adjectival / demonym forms. */
export interface CountryEntry {
  names: string[];
  adjectives: string[];
}

/** French adjective forms from a masculine singular stem: allemand → allemand(e)(s). */
function fr(stem: string): string[] {
  if (stem.endsWith("ien")) return [stem, `${stem}ne`, `${stem}s`, `${stem}nes`];
  if (stem.endsWith("e")) return [stem, `${stem}s`];
  if (stem.endsWith("s")) return [stem, `${stem}e`, `${stem}es`];
  return [stem, `${stem}e`, `${stem}s`, `${stem}es`];
}

const c = (names: string[], adjectives: string[] = []): CountryEntry => ({ names, adjectives });

export const COUNTRIES: CountryEntry[] = [
  c(["Algeria", "Algérie"], ["Algerian", ...fr("algérien")]),
  c(["Argentina", "Argentine"], ["Argentinian", ...fr("argentin")]),
  c(["Australia", "Australie"], ["Australian", ...fr("australien")]),
  c(["Austria", "Autriche"], ["Austrian", ...fr("autrichien")]),
  c(["Belgium", "Belgique"], ["Belgian", ...fr("belge")]),
  c(["Brazil", "Brésil"], ["Brazilian", ...fr("brésilien")]),
  c(["Canada"], ["Canadian", ...fr("canadien")]),
  c(["Chile", "Chili"], ["Chilean", ...fr("chilien")]),
  c(["China", "People's Republic of China", "Chine", "République populaire de Chine"], ["Chinese", ...fr("chinois")]),
  c(["Colombia", "Colombie"], ["Colombian", ...fr("colombien")]),
  c(["Cuba"], ["Cuban", ...fr("cubain")]),
  c(["Denmark", "Danemark"], ["Danish", ...fr("danois")]),
  c(["Egypt", "Égypte"], ["Egyptian", ...fr("égyptien")]),
  c(["Ethiopia", "Éthiopie"], ["Ethiopian", ...fr("éthiopien")]),
  c(["Finland", "Finlande"], ["Finnish", ...fr("finlandais")]),
  c(["France"], ["French", ...fr("français")]),
  c(["Germany", "Allemagne"], ["German", ...fr("allemand")]),
  c(["Greece", "Grèce"], ["Greek", "grec", "grecque", "grecs", "grecques"]),
  c(["India", "Inde"], ["Indian", ...fr("indien")]),
  c(["Indonesia", "Indonésie"], ["Indonesian", ...fr("indonésien")]),
  c(["Iran", "Islamic Republic of Iran", "République islamique d'Iran"], ["Iranian", ...fr("iranien")]),
  c(["Ireland", "Irlande"], ["Irish", ...fr("irlandais")]),
  c(["Israel", "Israël"], ["Israeli", ...fr("israélien")]),
  c(["Italy", "Italie"], ["Italian", ...fr("italien")]),
  c(["Japan", "Japon"], ["Japanese", ...fr("japonais")]),
  c(["Kenya"], ["Kenyan", ...fr("kényan")]),
  c(["Republic of Korea", "South Korea", "Korea", "République de Corée", "Corée du Sud", "Corée"], ["Korean", "South Korean", ...fr("coréen"), ...fr("sud-coréen")]),
  c(["Democratic People's Republic of Korea", "North Korea", "DPRK", "Corée du Nord", "RPDC"], ["North Korean", ...fr("nord-coréen")]),
  c(["Luxembourg"], ["Luxembourgish", ...fr("luxembourgeois")]),
  c(["Mexico", "Mexique"], ["Mexican", ...fr("mexicain")]),
  c(["Morocco", "Maroc"], ["Moroccan", ...fr("marocain")]),
  c(["Netherlands", "Kingdom of the Netherlands", "Pays-Bas"], ["Dutch", ...fr("néerlandais")]),
  c(["New Zealand", "Nouvelle-Zélande"], ["New Zealand", ...fr("néo-zélandais")]),
  c(["Nigeria", "Nigéria"], ["Nigerian", ...fr("nigérian")]),
  c(["Norway", "Norvège"], ["Norwegian", ...fr("norvégien")]),
  c(["Pakistan"], ["Pakistani", ...fr("pakistanais")]),
  c(["Peru", "Pérou"], ["Peruvian", ...fr("péruvien")]),
  c(["Philippines"], ["Philippine", "Filipino", ...fr("philippin")]),
  c(["Poland", "Pologne"], ["Polish", ...fr("polonais")]),
  c(["Portugal"], ["Portuguese", ...fr("portugais")]),
  c(["Romania", "Roumanie"], ["Romanian", ...fr("roumain")]),
  c(["Russian Federation", "Russia", "Fédération de Russie", "Russie"], ["Russian", ...fr("russe")]),
  c(["Saudi Arabia", "Arabie saoudite"], ["Saudi", ...fr("saoudien")]),
  c(["Senegal", "Sénégal"], ["Senegalese", ...fr("sénégalais")]),
  c(["Singapore", "Singapour"], ["Singaporean", ...fr("singapourien")]),
  c(["South Africa", "Afrique du Sud"], ["South African", ...fr("sud-africain")]),
  c(["Spain", "Espagne"], ["Spanish", ...fr("espagnol")]),
  c(["Sweden", "Suède"], ["Swedish", ...fr("suédois")]),
  c(["Switzerland", "Suisse"], ["Swiss", "suisse", "suisses"]),
  c(["Thailand", "Thaïlande"], ["Thai", ...fr("thaïlandais")]),
  c(["Türkiye", "Turkey", "Turquie"], ["Turkish", "turc", "turque", "turcs", "turques"]),
  c(["Ukraine"], ["Ukrainian", ...fr("ukrainien")]),
  c(["United Arab Emirates", "UAE", "Émirats arabes unis"], ["Emirati", ...fr("émirien")]),
  c(["United Kingdom", "UK", "Great Britain", "Britain", "Royaume-Uni"], ["British", ...fr("britannique")]),
  c(["United States of America", "United States", "USA", "US", "États-Unis d'Amérique", "États-Unis"], ["American", "US", ...fr("américain")]),
  c(["Viet Nam", "Vietnam"], ["Vietnamese", ...fr("vietnamien")]),
  c(["Soviet Union", "USSR", "Union soviétique", "URSS"], ["Soviet", ...fr("soviétique")]),
];

/** International organisations, agencies and companies that send speakers (EN + FR names, acronyms). */
export const ORGANISATIONS: string[][] = [
  ["United Nations", "UN", "Nations Unies", "ONU"],
  ["UNIDIR", "United Nations Institute for Disarmament Research"],
  ["UNOOSA", "United Nations Office for Outer Space Affairs"],
  ["European Space Agency", "ESA", "Agence spatiale européenne"],
  ["European Union", "EU", "Union européenne", "UE"],
  ["NATO", "OTAN"],
  ["NASA"], ["CNES"], ["JAXA"], ["Roscosmos"], ["CNSA"], ["ISRO"], ["KARI"], ["KASA"], ["DLR"], ["ASI"],
  ["UK Space Agency", "UKSA"], ["EUSPA"], ["APSCO"], ["IADC"], ["COSPAR"],
  ["International Telecommunication Union", "ITU", "Union internationale des télécommunications", "UIT"],
  ["International Committee of the Red Cross", "ICRC", "Comité international de la Croix-Rouge", "CICR"],
  ["African Union", "Union africaine"], ["ASEAN"], ["OSCE"], ["OECD", "OCDE"],
  ["Secure World Foundation", "SWF"], ["Space Data Association"],
  ["SpaceX"], ["Airbus Defence and Space", "Airbus"], ["Thales Alenia Space"], ["OneWeb"], ["Eutelsat"],
  ["Intelsat"], ["Maxar"], ["Planet Labs"], ["Astroscale"], ["Lockheed Martin"], ["Northrop Grumman"],
];

/**
 * Bodies so common as topics that a participant's affiliation naming them is not flagged
 * on its own (only in speaker context): "the UN General Assembly adopted…" is not a leak.
 */
export const UMBRELLA_BODIES = ["United Nations", "UN", "Nations Unies", "ONU", "European Union", "EU", "Union européenne", "UE"];

/**
 * Forums, processes and instruments. They are never speakers, and matching them first keeps
 * "UN" in "UN General Assembly" or "General" in "General Assembly" from being read as one.
 */
export const FORUMS: string[] = [
  "OEWG", "Open-ended Working Group", "groupe de travail à composition non limitée", "GGE",
  "Conference on Disarmament", "Conférence du désarmement", "COPUOS", "CUPEEA", "PAROS", "PPWT",
  "United Nations General Assembly", "UN General Assembly", "General Assembly", "UNGA",
  "Assemblée générale des Nations Unies", "Assemblée générale", "First Committee", "Première Commission",
  "Security Council", "Conseil de sécurité", "Legal Subcommittee", "Scientific and Technical Subcommittee",
  "Outer Space Treaty", "Liability Convention", "Registration Convention", "Artemis Accords",
  "Zero Debris Charter", "Global South", "Member States", "États membres",
];

/** Speaker role nouns (singular and plural). Regex sources on folded, lower-cased text. */
export const ROLE_EN =
  "(?:head of delegation|delegates?|delegations?|representatives?|ambassadors?|envoys?|ministers?|officials?|diplomats?|spokesperson|spokes(?:wo)?man|participants?|speakers?|panell?ists?|experts?)";
export const ROLE_FR =
  "(?:chef de delegation|delegue(?:·?e)?(?:·?s)?|delegations?|representant(?:·?e)?(?:·?s)?|ambassadeurs?|ambassadrices?|envoye(?:·?e)?(?:·?s)?|ministres?|diplomates?|porte-parole|participant(?:·?e)?(?:·?s)?|intervenant(?:·?e)?(?:·?s)?|expert(?:·?e)?(?:·?s)?|panelistes?)";
/** Singular roles that name an office rather than a person in the room; used with unknown organisations. */
export const ROLE_STRONG =
  "(?:head of delegation|delegate|delegation|representative|ambassador|envoy|minister|official|diplomat|spokesperson|spokes(?:wo)?man|chef de delegation|delegue(?:·?e)?|representant(?:·?e)?|ambassadeur|ambassadrice|envoye(?:·?e)?|ministre|diplomate|porte-parole)";
/** Roles whose definite form ("the ambassador") points at one identifiable person. */
export const ROLE_HIGH_RANK = "(?:ambassador|minister|envoy|head of delegation|ambassadeur|ambassadrice|ministre|envoye(?:·?e)?|chef de delegation)";

/** English speech verbs (past and present). Excludes public-act verbs (announced, adopted, conducted, joined). */
export const VERBS_EN =
  "(?:said|says|stated|argued|argues|noted|notes|stressed|stresses|suggested|suggests|emphasi(?:s|z)ed|emphasi(?:s|z)es|pointed out|observed|remarked|insisted|claimed|maintained|asserted|contended|explained|proposed|warned|cautioned|highlighted|underlined|underscored|recalled|added|commented|expressed|called for|urged|questioned|asked|agreed|disagreed|countered|replied|responded|acknowledged|mentioned|told|believed|felt|considered|raised|described|recommended|reiterated|objected|conceded|doubted|lamented|regretted|believes|thinks|thought|feels|warns|insists|recalls|explains|put it)";
/** French speech verbs as past participles (after a/ont/avait) — folded, no accents. */
export const VERBS_FR_PP =
  "(?:declare|affirme|souligne|indique|estime|note|rappele|insiste|suggere|propose|explique|fait valoir|fait remarquer|fait observer|fait savoir|observe|releve|ajoute|precise|plaide|mis en garde|averti|soutenu|juge|considere|dit|exprime|appele|demande|mis en doute|repondu|reconnu|mentionne|signale|evoque|prone|regrette|deplore|exhorte|decrit|recommande|reitere|conteste|objecte|resume|insiste)";
/** French speech verbs in the present (3rd person). */
export const VERBS_FR_PRES =
  "(?:declarent|declare|affirment|affirme|soulignent|souligne|indique|estiment|estime|rappelle|insiste|suggere|propose|explique|fait valoir|plaide|juge|considere|dit|appelle|demande|reconnait|regrette|deplore|met en garde|soutient)";

/**
 * Role nouns used as a title before a name, written lower-case after an article in French and often in
 * English: "l'ambassadeur Okonkwo", "le professeur Adeyemi", "la ministre Diallo", "le délégué
 * Fernandes", "the delegate Fernandes". With a capitalised name after them they name one person.
 * Regex source on folded text (no accents); matched case-insensitively, after an article.
 */
export const ROLE_TITLES =
  "(?:chef de delegation|ambassadeur|ambassadrice|ministre|professeure?|docteure?|delegue(?:·?e)?|representant(?:·?e)?|envoye(?:·?e)?|president(?:·?e)?|directeur|directrice|senateur|senatrice|depute(?:·?e)?|juge|commissaire|conseiller|conseillere|consule?|porte-parole|ambassador|minister|professor|delegate|representative|envoy|president|director|senator|judge|commissioner|spokesperson)";

/** Personal titles; a title followed by a capitalised word is a named person. Case-sensitive. */
export const TITLES =
  "(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Mme|Mlle|Pr)\\.?|M\\.|Professor|Ambassador|Minister|Judge|Sir|Dame|Senator|Madame|Monsieur|Docteur|Professeur|Ambassadeur|Ambassadrice)";

/**
 * Words that may start a capitalised subject without naming anyone ("Participants said",
 * "Others questioned", "Il a été noté"). Folded, lower-case.
 */
export const NEUTRAL_SUBJECTS = new Set(
  (
    "participants panellists panelists speakers delegates delegations experts others some many several most all few " +
    "everyone nobody critics proponents observers states governments operators they he she we it this that these those " +
    "both each someone somebody attendees respondents commentators analysts scholars academics researchers industry " +
    "one another a an the there however yet but while whereas finally overall similarly moreover furthermore meanwhile " +
    "certains certaines plusieurs beaucoup tous toutes il elle ils elles on les la le un une des chacun personne nombre " +
    "intervenants intervenantes autres enfin cependant toutefois ainsi panel session workshop atelier"
  ).split(" "),
);

/**
 * Capitalised words that mark an institution or a document, not a person ("Article IX",
 * "Resolution 76/231", "the Committee"). Folded, lower-case.
 */
export const INSTITUTION_WORDS = new Set(
  (
    "article resolution treaty convention report committee group panel charter declaration principles guidelines " +
    "session assembly council conference agency office secretariat commission union institute foundation ministry " +
    "government agreement accords code court tribunal parliament congress senate " +
    "resolution traite rapport comite groupe charte principes lignes secretariat agence institut fondation ministere " +
    "gouvernement accord accords conseil assemblee commission conference cour"
  ).split(" "),
);

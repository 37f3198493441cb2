import { describe, expect, it } from "vitest";
import { applySuggestion, nonAttributionFindings, type CheckInput, type Finding } from "../../app/domain/attribution";
import { findingId, resolveOverlaps } from "../../app/domain/attribution/check";
import type { Candidate } from "../../app/domain/attribution/regex";
import { loadCorpus, scoreCorpus } from "../fixtures/attribution/score";

const participants: CheckInput["participants"] = [
  { displayName: "Amara Okafor", affiliation: "Secure World Foundation" },
  { displayName: "Jean-Pierre Lefèvre", affiliation: "CNES" },
  { displayName: "Tom Young", affiliation: "France" },
  { displayName: "Jo", affiliation: null },
  { displayName: null, affiliation: "Ministère des Armées" },
];

const check = (text: string, extra: Partial<CheckInput> = {}) =>
  nonAttributionFindings({ blocks: [{ id: "b1", text }], participants, ...extra });
const brief = (fs: Finding[]) => fs.map((f) => [f.kind, f.match]);

describe("nonAttributionFindings: planted leaks", () => {
  it.each([
    ["Amara Okafor said that a moratorium was the first step.", "participant-name", "Amara Okafor"],
    ["OKAFOR argued for transparency.", "participant-name", "OKAFOR"],
    ["Lefevre noted that Article IX was never used.", "participant-name", "Lefevre"],
    ["Several speakers agreed with Ms Okafor.", "participant-name", "Ms Okafor"],
    ["The delegate of France stressed the point.", "speaker-country", "The delegate of France"],
    ["The Chinese delegation noted its preference.", "speaker-country", "The Chinese delegation"],
    ["France argued that norms complement law.", "speaker-country", "France"],
    ["Japan's representative recalled the moratorium.", "speaker-country", "Japan's representative"],
    ["La délégation du Japon a affirmé que les lignes directrices suffisent.", "speaker-country", "La délégation du Japon"],
    ["L'ambassadeur du Brésil a indiqué son accord.", "speaker-country", "L'ambassadeur du Brésil"],
    ["La France a déclaré que les normes complètent le droit.", "speaker-country", "La France"],
    ["The ESA representative highlighted the rise in manoeuvres.", "speaker-organisation", "The ESA representative"],
    ["Le représentant de l'OTAN a rappelé la doctrine.", "speaker-organisation", "Le représentant de l'OTAN"],
    ["According to Dr Hollis, the term remains undefined.", "attribution-phrase", "Dr Hollis"],
    ["Comme l'a dit M. Nakamura, la Convention n'a servi qu'une fois.", "attribution-phrase", "M. Nakamura"],
    ["As the ambassador put it, norms are the floor.", "attribution-phrase", "the ambassador"],
    ["The representative of Kestrel Analytics noted the trend.", "attribution-phrase", "The representative of Kestrel Analytics"],
    ["The CNES representative described the approach.", "affiliation", "The CNES representative"],
  ])("%s", (text, kind, match) => {
    expect(brief(check(text))).toEqual([[kind, match]]);
  });

  // A lower-case title after an article names one person: the whole reference goes, not the name alone
  // (which left "Le professeur un·e participant·e a rappelé…"), and not the title alone ("Selon un·e participant·e Mbeki").
  it.each([
    ["L'ambassadeur Okonkwo a souligné l'importance des normes.", "attribution-phrase", "L'ambassadeur Okonkwo", "Un·e participant·e a souligné l'importance des normes."],
    ["Le professeur Adeyemi a rappelé que le traité date de 1967.", "attribution-phrase", "Le professeur Adeyemi", "Un·e participant·e a rappelé que le traité date de 1967."],
    ["Pour la ministre Diallo, rien ne presse.", "attribution-phrase", "la ministre Diallo", "Pour un·e participant·e, rien ne presse."],
    ["Le délégué Fernandes a demandé des précisions.", "attribution-phrase", "Le délégué Fernandes", "Un·e délégué·e a demandé des précisions."],
    ["Selon l'ambassadrice Mbeki, le débat avance.", "attribution-phrase", "l'ambassadrice Mbeki", "Selon un·e participant·e, le débat avance."],
    ["Comme l'a noté la représentante Costa, le registre est incomplet.", "attribution-phrase", "la représentante Costa", "Comme l'a noté un·e participant·e, le registre est incomplet."],
    ["The delegate Fernandes said no.", "attribution-phrase", "The delegate Fernandes", "A delegate said no."],
    ["La ministre Okafor a plaidé pour un registre.", "participant-name", "La ministre Okafor", "Un·e participant·e a plaidé pour un registre."],
  ])("titled: %s", (text, kind, match, rewritten) => {
    const found = check(text);
    expect(brief(found)).toEqual([[kind, match]]);
    expect(applySuggestion(text, found[0])).toBe(rewritten);
  });

  it.each(["Le président du Groupe de travail a clos la discussion.", "Le délégué suivant a demandé la parole.", "Un·e délégué·e a demandé des précisions."])(
    "no title finding without a name: %s",
    (text) => expect(check(text)).toEqual([]),
  );

  it("flags a caller-supplied organisation tied to a speaker", () => {
    const text = "A representative of Orbital Dynamics Ltd stated that insurers price in debris.";
    expect(brief(check(text))).toEqual([["attribution-phrase", "A representative of Orbital Dynamics Ltd"]]);
    expect(brief(check(text, { organisations: ["Orbital Dynamics Ltd"] }))).toEqual([
      ["speaker-organisation", "A representative of Orbital Dynamics Ltd"],
    ]);
  });

  it("flags an affiliation mentioned anywhere, at medium severity outside speaker context", () => {
    const [f] = check("The Secure World Foundation's analysis was circulated.");
    expect([f.kind, f.match, f.severity]).toEqual(["affiliation", "The Secure World Foundation", "medium"]);
  });

  it("reports name and affiliation separately when both appear", () => {
    expect(brief(check("Amara Okafor (Secure World Foundation) stressed transparency."))).toEqual([
      ["participant-name", "Amara Okafor"],
      ["affiliation", "Secure World Foundation"],
    ]);
  });
});

describe("nonAttributionFindings: neutral Chatham House phrasing and topics", () => {
  it.each([
    "A participant said that a moratorium was the first step.",
    "One panellist noted that the OEWG should focus on behaviours.",
    "Several speakers argued that consultations were never requested.",
    "Some delegations stressed a preference for a binding instrument.",
    "Un participant a souligné que l'article IX n'a jamais servi.",
    "Plusieurs intervenants ont estimé que les lignes directrices suffisent.",
    "France's 2022 ASAT moratorium was cited as an example.",
    "The UN General Assembly adopted resolution 77/41.",
    "The United States announced a moratorium in April 2022.",
    "According to the Outer Space Treaty, states bear responsibility.",
    "Selon le Traité sur l'espace, les États sont responsables.",
    "Delegations from the Global South called for capacity-building.",
    "Un représentant du secteur privé a insisté sur les coûts.",
    "The representative nature of the consultations was questioned.",
    "Several young professionals asked about careers.",
  ])("%s", (text) => {
    expect(brief(check(text))).toEqual([]);
  });

  it("flags a two-letter display name only as a capitalised whole word written exactly so; bare-country affiliations only as speakers", () => {
    expect(brief(check("The summary thanks Jo. France's moratorium was discussed."))).toEqual([["participant-name", "Jo"]]);
    expect(brief(check("Jo agreed with the others."))).toEqual([["participant-name", "Jo"]]);
    const al = (text: string) => brief(nonAttributionFindings({ blocks: [{ id: "b", text }], participants: [{ displayName: "Al" }] }));
    expect(al("Al argued that the registry is incomplete.")).toEqual([["participant-name", "Al"]]);
    expect(al("As Mr Al put it, norms are the floor.")).toEqual([["participant-name", "Mr Al"]]);
    expect(al("Karim et Al ont proposé un registre commun.")).toEqual([["participant-name", "Al"]]);
    for (const clean of ["Smith et al. argued the point in 2019.", "Smith et Al. argued the point in 2019.", "The AL register was cited.", "Le taux était de 40 al.", "Alignment of national registries was discussed.", "JO de Paris 2024 et l'espace."]) {
      expect(al(clean)).toEqual([]);
    }
    // Short names that are function words ("Le", "In") are not searched: they would flag every sentence
    // starting with them and hide the finding around them.
    const words = ["Le", "La", "In", "On", "Un", "De", "Et", "Ou", "At", "By", "To", "Of", "An", "As", "Is", "It", "No", "So", "Us", "We"];
    const room = { participants: words.map((displayName) => ({ displayName })) };
    expect(brief(check("Le délégué Fernandes a demandé un moratoire.", room))).toEqual([["attribution-phrase", "Le délégué Fernandes"]]);
    expect(check(`${words.join(" and ")}.`, room)).toEqual([]);
    // Names of one letter, or all capitals, stay unsearched: too many false hits.
    expect(nonAttributionFindings({ blocks: [{ id: "b", text: "The annex cites J and EU law." }], participants: [{ displayName: "J" }, { displayName: "EU" }] })).toEqual([]);
  });
});

describe("resolveOverlaps", () => {
  const cand = (kind: Candidate["kind"], start: number, end: number, severity: Candidate["severity"] = "high"): Candidate => ({ kind, start, end, severity, lang: null, suggestion: null });
  it("keeps a name over a phrase of the same span or a country around it, but never lets it hide a longer attribution phrase", () => {
    expect(resolveOverlaps([cand("participant-name", 0, 10), cand("attribution-phrase", 0, 10)]).map((c) => c.kind)).toEqual(["participant-name"]);
    expect(resolveOverlaps([cand("participant-name", 4, 10), cand("speaker-country", 0, 10)]).map((c) => c.kind)).toEqual(["participant-name"]);
    // "Le délégué Jo": the phrase covers the name and more; it stays, at the name's severity.
    expect(resolveOverlaps([cand("participant-name", 11, 13), cand("attribution-phrase", 0, 13, "medium")])).toEqual([cand("attribution-phrase", 0, 13, "high")]);
    // A phrase that only overlaps part of the name does not take it over.
    expect(resolveOverlaps([cand("participant-name", 8, 16), cand("attribution-phrase", 0, 12)]).map((c) => c.kind)).toEqual(["participant-name"]);
  });
});

describe("nonAttributionFindings: a large room", () => {
  it("finds the one name among 5,000 participants in 2,000 open answers", () => {
    const names = Array.from({ length: 5000 }, (_, i) => ({ displayName: `Delphine${i} Okonjo${i}` }));
    names[4321] = { displayName: "Alice Zephyrine" };
    const blocks = Array.from({ length: 2000 }, (_, i) => ({ id: `a${i}`, text: i === 1234 ? "alice zephyrine" : `answer ${i}: debris, norms and Delphine${i + 9000}` }));
    const found = nonAttributionFindings({ blocks, participants: names });
    expect(found.map((f) => [f.blockId, f.match])).toEqual([["a1234", "alice zephyrine"]]);
  });
});

describe("nonAttributionFindings: contact details", () => {
  it("flags e-mail addresses and phone numbers with a neutral marker in the sentence's language", () => {
    const fs = check("Write to alice@example.org, +44 20 7946 0958, for the slides.");
    expect(fs.map((f) => [f.kind, f.match, f.suggestion])).toEqual([
      ["contact-detail", "alice@example.org", "[e-mail removed]"],
      ["contact-detail", "+44 20 7946 0958", "[phone number removed]"],
    ]);
    const text = "Écrire à jean.dupont@cnes.fr ou appeler le 01 23 45 67 89.";
    const fr = check(text);
    expect(fr.map((f) => [f.match, f.suggestion])).toEqual([
      ["jean.dupont@cnes.fr", "[courriel supprimé]"],
      ["01 23 45 67 89", "[numéro de téléphone supprimé]"],
    ]);
    expect(fr.reduceRight((t, f) => applySuggestion(t, f), text)).toBe("Écrire à [courriel supprimé] ou appeler le [numéro de téléphone supprimé].");
  });

  it.each([
    "Between 1967 and 2008, 1,500 objects were catalogued.",
    "Resolution 76/231 passed with 163 votes to 8 (2021-12-24).",
    "The budget rose from 0.5 to 2.5 billion.",
    "Reach the secretariat through the website.",
  ])("leaves numbers that are not phone numbers: %s", (text) => {
    expect(check(text)).toEqual([]);
  });

  it("checks long digit runs in linear time (the phone pattern once backtracked exponentially on them)", () => {
    // Each used to hang the check: "0", 30+ digits, then a letter; open answers are up to 280 characters.
    expect(check(`0${"1".repeat(40)}x`)).toEqual([]);
    expect(check(`0${"1".repeat(278)}x`)).toEqual([]);
    // 273 characters of digits and every separator: only a phone-sized prefix can match (≤ 26 characters).
    const adversarial = `0${"1 2.3-4(5)".repeat(27)}9x`;
    expect(brief(check(adversarial))).toEqual([["contact-detail", "01 2.3-4(5)1 2.3-4(5)1 2.3"]]);
    // A real number beside such a run is still found.
    expect(brief(check(`Call 020 7946 0958 or 0${"1".repeat(40)}x.`))).toEqual([["contact-detail", "020 7946 0958"]]);
  });
});

describe("finding shape", () => {
  it("gives offsets into the original text, accents and decomposed characters included", () => {
    const text = "Intro. M. Lefe\u0301vre a souligne\u0301 le point. Fin.";
    const [f] = check(text);
    expect(f.kind).toBe("participant-name");
    expect(text.slice(f.start, f.end)).toBe(f.match);
    expect(f.match).toBe("M. Lefe\u0301vre");
    expect(f.excerpt).toBe("M. Lefe\u0301vre a souligne\u0301 le point.");
  });

  it("suggests neutral wording in the sentence's language, capitalised at sentence start", () => {
    const [en] = check("The delegate of France stressed the point.");
    expect(en.suggestion).toBe("A delegate");
    const [fr] = check("Selon la délégation du Japon, la transparence prime.");
    expect(fr.suggestion).toBe("une délégation");
    const [name] = check("Le texte cite Okafor dans la conclusion.");
    expect(name.suggestion).toBe("un·e participant·e");
  });

  it("has ids that are stable across runs and differ by block, offset and kind", () => {
    const a = check("Okafor said so. Okafor said it again.");
    const b = check("Okafor said so. Okafor said it again.");
    expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
    expect(new Set(a.map((f) => f.id)).size).toBe(2);
    const other = nonAttributionFindings({ blocks: [{ id: "b2", text: "Okafor said so." }], participants });
    expect(other[0].id).not.toBe(a[0].id);
  });

  it("has 64-bit ids: two answer findings whose 32-bit ids collided get different ids", () => {
    // Under 32-bit FNV-1a these two hashed alike, so dismissing one cleared the other.
    const a = findingId("p1/answer/q1/1/497", 4, "participant-name");
    const b = findingId("p1/answer/q1/1/2282", 20, "participant-name");
    expect(a).toMatch(/^naf_[0-9a-f]{16}$/);
    expect(b).not.toBe(a);
    expect(findingId("p1/answer/q1/1/497", 4, "participant-name")).toBe(a);
  });

  it("checks every block and tags findings with their block id", () => {
    const fs = nonAttributionFindings({
      blocks: [
        { id: "en", text: "A participant said so." },
        { id: "fr", text: "Le Japon a estimé que la notification suffit." },
      ],
      participants,
    });
    expect(fs.map((f) => [f.blockId, f.match])).toEqual([["fr", "Le Japon"]]);
  });
});

describe("labelled corpus", () => {
  const corpus = loadCorpus("corpus");

  it("has at least 120 labelled sentences in both languages, about half planted", () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(120);
    expect(corpus.cases.some((c) => c.lang === "fr")).toBe(true);
    const planted = corpus.cases.filter((c) => c.expected.length > 0).length;
    expect(planted / corpus.cases.length).toBeGreaterThan(0.35);
    expect(planted / corpus.cases.length).toBeLessThan(0.65);
    for (const c of corpus.cases) for (const e of c.expected) expect(c.text).toContain(e.match);
  });

  it("reaches precision >= 0.9 and recall >= 0.9", () => {
    const s = scoreCorpus(corpus);
    console.log(`non-attribution corpus: precision=${s.precision.toFixed(2)} recall=${s.recall.toFixed(2)} (n=${s.n}: ${s.planted} planted, ${s.clean} clean)`);
    console.log(`  missed: ${s.falseNegatives.join("; ") || "none"}`);
    expect(s.falsePositives).toEqual([]);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("words its suggestions in the sentence's language whatever the UI language: French forms in French sentences", () => {
    for (const ui of ["en", "fr"] as const) {
      expect(scoreCorpus(corpus, ui).wrongSuggestions).toEqual([]);
      for (const set of [corpus, loadCorpus("holdout")]) {
        for (const c of set.cases.filter((c) => c.lang !== "mixed")) {
          const found = nonAttributionFindings({ blocks: [{ id: c.id, text: c.text }], participants: set.participants, organisations: set.organisations, language: ui })
            // Contact details get a bracketed marker ("[courriel supprimé]"), checked by the labelled suggestions instead.
            .filter((f) => f.kind !== "contact-detail");
          for (const f of found) {
            const wording = `${c.id} (ui ${ui}): ${f.suggestion}`;
            // French: one inclusive form per role ("un·e participant·e", "certain·es …", "une délégation"), elided after de/que.
            if (c.lang === "fr") expect(wording).toMatch(/: (?:[Dd]'|[Qq]u'|)(?:[Uu]n·e |[Uu]ne |[Uu]n |[Cc]ertain·es |[Cc]ertaines |[Cc]ertains )/);
            else expect(wording).toMatch(/: (?:[Aa]n? |[Oo]ne |[Ss]ome )/);
          }
        }
      }
    }
  });

  it("generalises to the held-out sentences written after the detector", () => {
    const s = scoreCorpus(loadCorpus("holdout"));
    console.log(`non-attribution holdout: precision=${s.precision.toFixed(2)} recall=${s.recall.toFixed(2)} (n=${s.n}: ${s.planted} planted, ${s.clean} clean)`);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe("nonAttributionFindings: the suggestion replaces the whole attributed phrase", () => {
  const rewrite = (text: string) => {
    let out = text;
    for (const f of [...check(text)].reverse()) out = applySuggestion(out, f);
    return out;
  };
  it.each([
    ["Speaking for the US government, she called for restraint.", "Speaking for a government, she called for restraint."],
    ["Speaking for the Brazilian government, he called for restraint.", "Speaking for a government, he called for restraint."],
    ["On behalf of the Japanese administration, the speaker declined.", "On behalf of a government, the speaker declined."],
    ["Speaking for the US delegation, she called for restraint.", "Speaking for one delegation, she called for restraint."],
    ["According to the US, norms come first.", "According to one delegation, norms come first."],
    // French: the French form, elided after "de"/"que", whatever the UI language (check() passes none).
    ["Amara Okafor, de Secure World Foundation, a insisté sur le coût.", "Un·e participant·e, d'une organisation, a insisté sur le coût."],
    ["Il a été rappelé que Okafor avait publié une étude.", "Il a été rappelé qu'un·e participant·e avait publié une étude."],
    ["Ahmed Khalil a contesté cette analyse.", "Un·e participant·e a contesté cette analyse."],
    ["Les délégations du Brésil et de l'Inde ont plaidé pour un moratoire.", "Certaines délégations ont plaidé pour un moratoire."],
    ["The delegates of Japan and of Korea disagreed.", "Some delegates disagreed."],
    // "One" goes with the role (a rapporteur's note once became "One a delegate's ministry proposed…").
    ["One delegate from Kestrel Analytics proposed a forum.", "A delegate proposed a forum."],
    ["Later, one delegate from Kestrel Analytics proposed a forum.", "Later, a delegate proposed a forum."],
  ])("%s", (text, expected) => {
    expect(rewrite(text)).toBe(expected);
  });
});

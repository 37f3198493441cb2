import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addTakeaway,
  listTakeaways,
  moveTakeaway,
  notesDocName,
  panelNotesFragment,
  panelNotesText,
  removeTakeaway,
  setPlainText,
  takeawayFragment,
} from "../../app/domain/notes/model";
import { isRank, rankBetween, spreadRanks } from "../../app/domain/notes/rank";

/** Exchanges all updates between two docs (both directions), like a sync round. */
function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}
const texts = (doc: Y.Doc, panel: string) => listTakeaways(doc, panel).map((t) => t.text);

describe("rank", () => {
  it("generates ranks strictly between bounds, including long append and prepend runs", () => {
    let last: string | null = null;
    const appended: string[] = [];
    for (let i = 0; i < 200; i++) {
      const r = rankBetween(last, null);
      if (last !== null) expect(r > last).toBe(true);
      appended.push(r);
      last = r;
    }
    let first: string | null = null;
    for (let i = 0; i < 200; i++) {
      const r = rankBetween(null, first);
      expect(isRank(r)).toBe(true);
      if (first !== null) expect(r < first).toBe(true);
      first = r;
    }
    // Repeated bisection towards one neighbour keeps finding room.
    let lo = "V";
    const hi = "W";
    for (let i = 0; i < 100; i++) {
      const r = rankBetween(lo, hi);
      expect(r > lo && r < hi).toBe(true);
      lo = r;
    }
  });

  it("rejects inverted or malformed bounds", () => {
    expect(() => rankBetween("b", "a")).toThrow();
    expect(() => rankBetween("a", "a")).toThrow();
    expect(() => rankBetween("a0", null)).toThrow(/malformed/);
  });

  it("spreads ranks evenly and in order", () => {
    const ranks = spreadRanks(500);
    expect(new Set(ranks).size).toBe(500);
    expect([...ranks].sort()).toEqual(ranks);
    ranks.forEach((r) => expect(isRank(r)).toBe(true));
  });
});

describe("notes model", () => {
  it("names the session doc", () => {
    expect(notesDocName("abc")).toBe("session-abc");
  });

  it("adds, inserts before, moves and removes takeaways", () => {
    const doc = new Y.Doc();
    const a = addTakeaway(doc, "p1", "Alpha", { now: 5 });
    const c = addTakeaway(doc, "p1", "Gamma");
    const b = addTakeaway(doc, "p1", "Beta", { beforeId: c });
    expect(texts(doc, "p1")).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(listTakeaways(doc, "p1")[0]).toMatchObject({ id: a, createdAt: 5 });
    expect(moveTakeaway(doc, "p1", a, null)).toBe(true);
    expect(texts(doc, "p1")).toEqual(["Beta", "Gamma", "Alpha"]);
    expect(moveTakeaway(doc, "p1", a, b)).toBe(true);
    expect(texts(doc, "p1")).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(moveTakeaway(doc, "p1", a, "missing")).toBe(false);
    expect(moveTakeaway(doc, "p1", "missing", null)).toBe(false);
    expect(removeTakeaway(doc, "p1", b)).toBe(true);
    expect(removeTakeaway(doc, "p1", b)).toBe(false);
    expect(texts(doc, "p1")).toEqual(["Alpha", "Gamma"]);
    expect(texts(doc, "p2")).toEqual([]);
    expect(() => addTakeaway(doc, "p1", "x", { beforeId: "missing" })).toThrow(/not found/);
    expect(() => addTakeaway(doc, "p1", "x", { id: a })).toThrow(/exists/);
  });

  it("keeps takeaway text as rich text and reads it back as plain text", () => {
    const doc = new Y.Doc();
    const id = addTakeaway(doc, "p1", "line one\nline two");
    const frag = takeawayFragment(doc, "p1", id)!;
    expect(frag.length).toBe(2);
    const firstRun = (frag.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    firstRun.format(0, 4, { bold: true }); // formatting must not leak markup into the plain text
    expect(firstRun.toString()).toContain("<bold>");
    expect(listTakeaways(doc, "p1")[0].text).toBe("line one\nline two");
  });

  it("extracts panel notes text across paragraphs, headings and hard breaks", () => {
    const doc = new Y.Doc();
    const frag = panelNotesFragment(doc, "p1");
    const h = new Y.XmlElement("heading");
    h.insert(0, [new Y.XmlText("Norms")]);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("first"), new Y.XmlElement("hardBreak"), new Y.XmlText("second")]);
    frag.insert(0, [h, p]);
    expect(panelNotesText(doc, "p1")).toBe("Norms\nfirst\nsecond");
    setPlainText(frag, "replaced");
    expect(panelNotesText(doc, "p1")).toBe("replaced");
    expect(panelNotesText(doc, "other")).toBe("");
  });

  it("converges when two replicas reorder concurrently", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const ids = ["one", "two", "three", "four"].map((t) => addTakeaway(a, "p", t, { id: t }));
    sync(a, b);
    // Concurrent: A moves "one" to the end, B moves "one" before "three" and "four" to the front.
    moveTakeaway(a, "p", ids[0], null);
    moveTakeaway(b, "p", ids[0], ids[2]);
    moveTakeaway(b, "p", ids[3], ids[1]);
    sync(a, b);
    const orderA = texts(a, "p");
    expect(orderA).toEqual(texts(b, "p"));
    expect([...orderA].sort()).toEqual(["four", "one", "three", "two"]); // no duplicates, nothing lost
  });

  it("converges when both replicas insert at the same spot, and can move between colliding ranks", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addTakeaway(a, "p", "x", { id: "x" });
    addTakeaway(a, "p", "z", { id: "z" });
    sync(a, b);
    // Force a rank collision (as if both replicas drew the same jitter).
    const rankX = listTakeaways(a, "p")[0].rank;
    a.transact(() => addTakeaway(a, "p", "from-a", { id: "ya", beforeId: "z" }));
    b.transact(() => addTakeaway(b, "p", "from-b", { id: "yb", beforeId: "z" }));
    a.getMap<Y.Map<unknown>>("takeaways:p").get("ya")!.set("rank", rankX + "V");
    b.getMap<Y.Map<unknown>>("takeaways:p").get("yb")!.set("rank", rankX + "V");
    sync(a, b);
    expect(texts(a, "p")).toEqual(["x", "from-a", "from-b", "z"]);
    expect(texts(b, "p")).toEqual(texts(a, "p"));
    // Moving z between the two equal ranks re-ranks the list and still lands where asked.
    expect(moveTakeaway(a, "p", "z", "yb")).toBe(true);
    expect(texts(a, "p")).toEqual(["x", "from-a", "z", "from-b"]);
    sync(a, b);
    expect(texts(b, "p")).toEqual(texts(a, "p"));
  });

  it("converges when one replica removes an item the other moves", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    ["1", "2", "3"].forEach((t) => addTakeaway(a, "p", t, { id: t }));
    sync(a, b);
    removeTakeaway(a, "p", "2");
    moveTakeaway(b, "p", "2", "1");
    sync(a, b);
    expect(texts(a, "p")).toEqual(texts(b, "p"));
    expect(texts(a, "p")).toEqual(["1", "3"]);
  });
});

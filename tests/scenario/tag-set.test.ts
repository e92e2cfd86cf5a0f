/**
 * Tags and group edits: `tags:` on facilities, controls, events and reserves; `--set
 * 'COLLECTION[tag=NAME].FIELD...'` makes the same edit on every tagged entry, exactly as the
 * edits one by one would (same document, same scenario hash, same run); tags change nothing in a
 * run; the shipped world tags its groups; errors are pinned.
 */
import path from "node:path";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadScenario, renderSummaryJson, ScenarioError, simulate } from "../../src/index.js";
import { composeScenario } from "../../src/scenario/compose.js";
import { nodeFileSource, scenarioJsonSchema, shippedScenariosFolder } from "../../src/scenario/index.js";
import { applySets } from "../../src/scenario/set-overlay.js";
import type { PlainValue } from "../../src/scenario/source-document.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const scenario = (name: string) => path.join(ROOT, "scenarios", `${name}.yaml`);
const FLAGSHIP = scenario("reinstated-2026");
const ALLIED = scenario("policy-allied-capacity");
const KINDS = path.join(ROOT, "tests/fixtures/relative-set/kinds.yaml");

/** The composed document after the edits (before validation). */
function overlaid(file: string, sets: string[]): PlainValue {
  const composed = composeScenario(file, nodeFileSource(), { shippedFolder: shippedScenariosFolder() });
  if (!composed.ok) throw new Error(JSON.stringify(composed.issues));
  const applied = applySets(composed.document, sets);
  if (!applied.ok) throw new Error(applied.issues.map((i) => i.message).join("\n"));
  return applied.document.value;
}

/** Ids of the entries of `collection` tagged `tag` in a shipped scenario. */
function tagged(file: string, collection: string, tag: string): string[] {
  const entries = (overlaid(file, []) as Record<string, Record<string, { tags?: string[] } | null>>)[collection] ?? {};
  return Object.entries(entries)
    .filter(([, entry]) => entry?.tags?.includes(tag) === true)
    .map(([id]) => id);
}

function messages(file: string, sets: string[]): string[] {
  try {
    loadScenario(file, { sets });
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.message}`);
    throw error;
  }
  return [];
}

describe("the shipped world tags its groups", () => {
  it.each<[string, string, string, string[]]>([
    ["policy-allied-capacity", "facilities", "allied-separation", ["us-mp-separation-expansion", "my-lynas-heavy-separation", "au-arafura-nolans-separation"]],
    ["policy-allied-capacity", "facilities", "allied-mines", ["au-mt-weld-expansion", "au-arafura-nolans-mine", "us-alaska-antimony"]],
    [
      "policy-allied-capacity",
      "facilities",
      "allied-rare-earths",
      ["us-mp-10x", "us-mp-separation-expansion", "au-mt-weld-expansion", "my-lynas-heavy-separation", "au-arafura-nolans-mine", "au-arafura-nolans-separation"],
    ],
    ["reinstated-2026", "controls", "october-2025-package", ["ree-licensing-2025-10", "ree-deminimis-2025-12"]],
    ["reinstated-2026", "events", "october-2025-package", ["october-package-suspended"]],
    ["reinstated-2026", "events", "busan-deal", ["october-package-suspended", "us-general-licences", "us-ban-suspended"]],
    ["uncertain-2026", "events", "busan-deal", ["october-package-suspended", "us-general-licences", "us-ban-suspended", "deal-rolled-over", "deal-breaks-down"]],
    ["extended-2026", "events", "busan-deal", ["october-package-suspended", "us-general-licences", "us-ban-suspended", "october-package-extended", "us-ban-extended"]],
  ])("%s: %s tagged %s", (name, collection, tag, ids) => {
    expect(tagged(scenario(name), collection, tag)).toEqual(ids);
  });

  it.each(["reinstated-2026", "policy-180-days", "policy-jogmec-60-days"])("%s: every reserve is tagged with its country's reserves", (name) => {
    const doc = overlaid(scenario(name), []) as { stockpiles: Record<string, { country: string; tags?: string[] } | null> };
    const reserves = Object.entries(doc.stockpiles).filter((e): e is [string, { country: string; tags?: string[] }] => e[1] !== null);
    expect(reserves.length).toBeGreaterThanOrEqual(20);
    for (const [id, reserve] of reserves) expect(reserve.tags, id).toEqual([`${reserve.country.toLowerCase()}-reserves`]);
  });

  it("the shared US-Japan reserves are tagged us-jp-reserves", () => {
    expect(tagged(scenario("policy-us-japan-shared-reserve"), "stockpiles", "us-jp-reserves")).toHaveLength(20);
  });
});

describe("a group edit equals the same edits made one by one", () => {
  it("allied separation a year earlier: same document, same scenario, same distributions", () => {
    const group = ["facilities[tag=allied-separation].online-=1 year"];
    const oneByOne = ["us-mp-separation-expansion", "my-lynas-heavy-separation", "au-arafura-nolans-separation"].map((id) => `facilities.${id}.online-=1 year`);
    expect(overlaid(ALLIED, group)).toEqual(overlaid(ALLIED, oneByOne));
    const byGroup = loadScenario(ALLIED, { sets: group });
    const byOne = loadScenario(ALLIED, { sets: oneByOne });
    expect(JSON.stringify(byGroup.spec)).toBe(JSON.stringify(byOne.spec));
    expect(JSON.stringify(byGroup.inputs)).toBe(JSON.stringify(byOne.inputs));
    expect(byGroup.hash).toBe(byOne.hash);
    expect(byGroup.hash).not.toBe(loadScenario(ALLIED).hash);
    expect(byGroup.inputs.find((i) => i.name === "facilities.my-lynas-heavy-separation.online")?.distribution).toMatchObject({
      kind: "triangular",
      min: Date.UTC(2025, 6, 1) / 86_400_000,
      mode: Date.UTC(2026, 0, 1) / 86_400_000,
      max: Date.UTC(2027, 0, 1) / 86_400_000,
    });
  });

  it("in any order: an edited entry keeps its place in the scenario", () => {
    const group = loadScenario(ALLIED, { sets: ["facilities[tag=allied-separation].online-=1 year"] });
    const reversed = ["au-arafura-nolans-separation", "my-lynas-heavy-separation", "us-mp-separation-expansion"].map((id) => `facilities.${id}.online-=1 year`);
    expect(loadScenario(ALLIED, { sets: reversed }).hash).toBe(group.hash);
    expect(group.spec.facilities.map((f) => f.id)).toEqual(loadScenario(ALLIED).spec.facilities.map((f) => f.id));
  });

  it("the Busan deal a year longer: the same run, byte for byte", () => {
    const group = loadScenario(FLAGSHIP, { sets: ["events[tag=busan-deal].until+=1 year"] });
    const oneByOne = loadScenario(FLAGSHIP, {
      sets: ["events.october-package-suspended.until+=1 year", "events.us-general-licences.until+=1 year", "events.us-ban-suspended.until+=1 year"],
    });
    expect(group.hash).toBe(oneByOne.hash);
    const summary = renderSummaryJson(simulate(group).summary);
    expect(summary).toBe(renderSummaryJson(simulate(oneByOne).summary));
    expect(summary).not.toBe(renderSummaryJson(simulate(loadScenario(FLAGSHIP)).summary));
  });

  it("Japan's reserves doubled, a plain value on a group, and a group removed", () => {
    const ids = tagged(FLAGSHIP, "stockpiles", "jp-reserves");
    expect(ids).toHaveLength(15);
    expect(loadScenario(FLAGSHIP, { sets: ["stockpiles[tag=jp-reserves].level*=2"] }).hash).toBe(loadScenario(FLAGSHIP, { sets: ids.map((id) => `stockpiles.${id}.level*=2`) }).hash);
    const approvals = ["controls[tag=october-2025-package].approval=50%"];
    expect(overlaid(FLAGSHIP, approvals)).toEqual(overlaid(FLAGSHIP, ["controls.ree-licensing-2025-10.approval=50%", "controls.ree-deminimis-2025-12.approval=50%"]));
    const removed = loadScenario(FLAGSHIP, { sets: ["stockpiles[tag=us-reserves]=null", "events[tag=us-responses-2025]=null"] });
    expect(removed.spec.stockpiles.map((s) => s.id).filter((id) => id.startsWith("nds-"))).toEqual([]);
    expect(removed.spec.stockpiles).toHaveLength(15);
  });
});

describe("tags change nothing in a run", () => {
  it("a scenario hashes the same with its tags removed or others added", () => {
    const base = loadScenario(FLAGSHIP).hash;
    expect(loadScenario(FLAGSHIP, { sets: ["stockpiles[tag=jp-reserves].tags=null", "events[tag=busan-deal].tags=null"] }).hash).toBe(base);
    expect(loadScenario(FLAGSHIP, { sets: ["stockpiles.nds-antimony.tags=[a-b, c]", "controls.us-ban-2024.tags=[x]"] }).hash).toBe(base);
  });
});

describe("group edits that cannot apply are reported against the --set argument", () => {
  it.each<[string, string, string]>([
    [KINDS, "facilities[tag=chinese-refinrs].capacity*=2", '--set facilities[tag=chinese-refinrs].capacity*=2:1:1 no entry of the scenario has the tag "chinese-refinrs"; did you mean "chinese-refiners"?'],
    [KINDS, "facilities[tag=zzz].capacity*=2", '--set facilities[tag=zzz].capacity*=2:1:1 no entry of the scenario has the tag "zzz" (its tags: chinese-refiners, gallium-controls, new-capacity, us-reserves)'],
    [KINDS, "facilities[tag=gallium-controls].capacity*=2", '--set facilities[tag=gallium-controls].capacity*=2:1:1 no facilities have the tag "gallium-controls": it is on controls and events; write controls[tag=gallium-controls] or events[tag=gallium-controls]'],
    [KINDS, "tag:gallium-controls.date+=1 month", "--set tag:gallium-controls.date+=1 month:1:1 name the collection the tag selects: controls[tag=gallium-controls].date (the tag is on controls and events: give each its own --set)"],
    [KINDS, "markets[tag=x].US.gallium.demand*=2", "--set markets[tag=x].US.gallium.demand*=2:1:1 markets have no tags: a tag selects entries of facilities, controls, events, stockpiles, such as facilities[tag=allied-separation].online"],
    [KINDS, "facilities[tag=Chinese].capacity*=2", '--set facilities[tag=Chinese].capacity*=2:1:1 "Chinese" is not a tag: tags are lower-case letters, digits and dashes, such as allied-separation'],
    [KINDS, "facilities.cn-gallium[tag=x].capacity*=2", "--set facilities.cn-gallium[tag=x].capacity*=2:1:1 a tag selects entries of facilities, controls, events, stockpiles: write it in place of the entry's id, such as facilities[tag=allied-separation].online"],
    // A field that some tagged entries lack: named, for relative edits and removals.
    [KINDS, "facilities[tag=chinese-refiners].online+=1 year", "--set facilities[tag=chinese-refiners].online+=1 year:1:1 facilities[tag=chinese-refiners]: cn-gallium has no online to change; edit the others one by one, or give it one first"],
    [KINDS, "events[tag=gallium-controls].until=null", "--set events[tag=gallium-controls].until=null:1:1 events[tag=gallium-controls]: ga-lifted has no until to remove; edit the others one by one, or give it one first"],
    [KINDS, "facilities[tag=chinese-refiners].outages.perYear=3", "--set facilities[tag=chinese-refiners].outages.perYear=3:1:1 facilities[tag=chinese-refiners]: cn-gallium-2 has no outages; edit the others one by one, or give it one first"],
    [
      scenario("uncertain-2026"),
      "events[tag=busan-deal].until+=1 year",
      "--set events[tag=busan-deal].until+=1 year:1:1 events[tag=busan-deal]: deal-breaks-down has no until to change; edit the others one by one, or give it one first",
    ],
    // What fails on one entry fails the group, at the value.
    [KINDS, "facilities[tag=chinese-refiners].capacity+=5 days", '--set facilities[tag=chinese-refiners].capacity+=5 days:1:44 "5 days" is a duration, but facilities.cn-gallium.capacity is a rate: add a rate, such as "500 t/yr" or "2 t/day"'],
    [KINDS, "facilities[tag=chinese-refiners].capacityy*=2", '--set facilities[tag=chinese-refiners].capacityy*=2:1:1 facilities.cn-gallium.capacityy is not a field of the scenario format; did you mean "capacity"?'],
  ])("%s: %s", (file, set, message) => {
    expect(messages(file, [set])).toEqual([message]);
  });

  it("a plain value on a group is checked as each entry's would be (the same message at the same place, once)", () => {
    expect(messages(KINDS, ["facilities[tag=chinese-refiners].utilization=120%"])).toEqual([
      '--set facilities[tag=chinese-refiners].utilization=120%:1:46 must be between 0 and 1 (0% and 100%), got "120%"',
    ]);
  });
});

describe("tags in the format", () => {
  it("must be lower-case slugs in a list", () => {
    expect(messages(KINDS, ["facilities.cn-gallium.tags=[Allied]"])).toEqual(['--set facilities.cn-gallium.tags=[Allied]:1:28 must be a tag: lower-case letters, digits and dashes, such as "allied-separation", got "Allied"']);
    expect(messages(KINDS, ["facilities.cn-gallium.tags=allied"])).toEqual(["--set facilities.cn-gallium.tags=allied:1:28 must be a list of tags, such as [allied-separation, allied-projects], got \"allied\""]);
  });

  it("the JSON Schema takes them on facilities, controls, events and reserves, and refuses others", () => {
    const validate = new Ajv({ allErrors: true }).compile(scenarioJsonSchema());
    const file = (text: string) => validate(parse(text, { version: "1.2" }));
    expect(file("facilities: { a: { country: CN, tags: [allied-separation] } }\ncontrols: { c: { tags: [october-2025-package] } }\nevents: { e: { tags: [busan-deal] } }\nstockpiles: { s: { tags: [us-reserves] } }\n")).toBe(true);
    expect(file("facilities: { a: { tags: [Allied] } }\n")).toBe(false);
    expect(file("facilities: { a: { tags: allied } }\n")).toBe(false);
    expect(file("markets: { US: { gallium: { tags: [x] } } }\n")).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { formatIssue, memoryFileSource, parseScenario, scenarioJsonSchema, type ParseResult } from "../../src/scenario/index.js";

const world = `
start: 2026-01-01
end: 2026-12-31
warmUp: 0 days
commodities:
  ore: { name: Ore }
  metal: { groups: [metals] }
countries:
  AA: { groups: [friends] }
  BB: {}
facilities:
  mine: { country: BB, capacity: "36,525 t/yr", outputs: { ore: 1 } }
  smelter: { country: AA, capacity: 10 t/day, inputs: { ore: 2 }, outputs: { metal: 1 } }
markets:
  AA:
    ore: { imports: { BB: 100% } }
    metal: { demand: "1,826.25 t/yr", cover: 20 days }
stockpiles:
  reserve: { country: AA, commodity: metal, level: 30 days }
controls:
  licence:
    exporter: BB
    commodities: [ore]
    measure: licensing
    approval: { default: 90%, friends: 50% }
    processingTime: { triangular: [30 working days, 45 working days, 90 working days] }
    effective: 2026-03-01
events:
  pause:
    date: 2026-06-01
    type: suspend
    control: licence
    until: 2026-09-01
`;

function parse(files: Record<string, string>, entry = "s/main.yaml"): ParseResult {
  return parseScenario(entry, memoryFileSource(files));
}

function issuesOf(result: ParseResult): string[] {
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe("parseScenario", () => {
  it("resolves units, references, groups, defaults and days of cover", () => {
    const result = parse({ "s/main.yaml": `name: demo\n${world}` });
    expect(issuesOf(result)).toEqual([]);
    if (!result.ok) return;
    const { spec, name, defaultSeed, hash } = result.scenario;
    expect(name).toBe("demo");
    expect(defaultSeed).toBe(1);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(spec.facilities[0].capacityTonnesPerDay).toBeCloseTo(100, 9);
    const metal = spec.markets.find((m) => m.country === 0 && m.commodity === 1)!;
    expect(metal.demandTonnesPerDay).toBeCloseTo(5, 9);
    expect(metal.coverDays).toBe(20);
    // 30 days of AA's metal use (5 t/day of demand).
    expect(spec.stockpiles[0].initialTonnes).toBeCloseTo(150, 9);
    expect(spec.stockpiles[0].maxReleaseTonnesPerDay).toBeCloseTo(5, 9);
    // The ore market AA uses as smelter input is created with the default cover.
    const ore = spec.markets.find((m) => m.country === 0 && m.commodity === 0)!;
    expect(ore.coverDays).toBe(30);
    const control = spec.controls[0];
    if (control.measure.kind !== "licensing") throw new Error("expected licensing");
    expect(control.measure.approvalByCountry).toEqual([0.5, 0.9]); // AA is in "friends"
    expect(control.measure.processingDays).toEqual({ kind: "triangular", min: 42, mode: 63, max: 126 });
    expect(spec.events[0].action).toEqual({ kind: "suspend", controls: [0], untilEpochDay: 20697 });
  });

  it("names the file and the line of every problem, a bad value and a bad reference in one run", () => {
    const result = parse({ "s/main.yaml": world.replace("capacity: 10 t/day", "capacity: -10 t/day").replace("control: licence", "control: license") });
    expect(issuesOf(result)).toEqual([
      "s/main.yaml:13:37 facilities.smelter.capacity: must be > 0, got \"-10 t/day\"",
      's/main.yaml:32:14 events.pause.control: unknown control "license"; did you mean "licence"?',
    ]);
  });

  it("reports reference problems with suggestions", () => {
    const result = parse({ "s/main.yaml": world.replace("control: licence", "control: license") });
    expect(issuesOf(result)).toEqual(['s/main.yaml:32:14 events.pause.control: unknown control "license"; did you mean "licence"?']);
  });

  it("merges bases key by key; lists replace; null removes", () => {
    const variant = `
extends: base.yaml
name: variant
markets:
  AA:
    metal: { cover: 40 days }
stockpiles:
  reserve: null
controls:
  licence: { commodities: [metals] }
`;
    const result = parse({ "s/base.yaml": world, "s/variant.yaml": variant }, "s/variant.yaml");
    expect(issuesOf(result)).toEqual([]);
    if (!result.ok) return;
    const { spec, files } = result.scenario;
    expect(files).toEqual(["s/variant.yaml", "s/base.yaml"]);
    expect(spec.stockpiles).toEqual([]);
    const metal = spec.markets.find((m) => m.country === 0 && m.commodity === 1)!;
    expect(metal.coverDays).toBe(40);
    expect(metal.demandTonnesPerDay).toBeCloseTo(5, 9); // inherited
    expect(spec.controls[0].commodities).toEqual([1]);
  });

  it("points at the base file when an inherited field is wrong", () => {
    const result = parse({ "s/base.yaml": world.replace("cover: 20 days", "cover: 20 tonnes"), "s/v.yaml": "extends: base.yaml\n" }, "s/v.yaml");
    expect(issuesOf(result)).toEqual(['s/base.yaml:17:46 markets.AA.metal.cover: "20 tonnes" is not a duration: use a unit such as "60 days", "2 months" or "45 working days"']);
  });

  it("does not inherit a base's name or description", () => {
    const result = parse({ "s/base.yaml": `name: base\ndescription: the base\n${world}`, "s/child.yaml": "extends: base.yaml\n" }, "s/child.yaml");
    expect(result.ok && result.scenario.name).toBe("child");
    expect(result.ok && result.scenario.description).toBe("");
  });

  it("changes the hash when the world changes, not otherwise", () => {
    const a = parse({ "s/main.yaml": world });
    const b = parse({ "s/main.yaml": `# a comment\n${world}` });
    const c = parse({ "s/main.yaml": world.replace("cover: 20 days", "cover: 21 days") });
    if (!a.ok || !b.ok || !c.ok) throw new Error("expected valid");
    expect(a.scenario.hash).toBe(b.scenario.hash);
    expect(a.scenario.hash).not.toBe(c.scenario.hash);
  });
});

describe("the market response", () => {
  it("resolves per-commodity overrides field by field, and refuses price bounds that leave out the baseline, once, where they are written", () => {
    const withResponse = `${world}response:\n  elasticity: -0.2\n  substitution: { perYear: 10% }\n`;
    const ok = parse({ "s/main.yaml": withResponse.replace("  metal: { groups: [metals] }", "  metal: { groups: [metals], response: { elasticity: -0.5, substitution: { max: 20% } } }") });
    expect(issuesOf(ok)).toEqual([]);
    if (!ok.ok) return;
    const [ore, metal] = ok.scenario.spec.response?.byCommodity ?? [];
    expect(ore).toMatchObject({ elasticity: -0.2, substitutionPerYear: 0.1, substitutionMax: 0 });
    expect(metal).toMatchObject({ elasticity: -0.5, substitutionPerYear: 0.1, substitutionMax: 0.2, unwindPerYear: 0.025 });
    const bad = parse({ "s/main.yaml": `${withResponse}  minPrice: 2\n`.replace("  metal: { groups: [metals] }", "  metal: { groups: [metals], response: { maxPrice: 0.5 } }") });
    expect(issuesOf(bad).filter((line) => line.includes("Price"))).toEqual([
      expect.stringMatching(/^s\/main\.yaml:\d+:\d+ commodities\.metal\.response\.maxPrice: must be at least 1 \(the baseline price index\), got 0\.5$/),
      expect.stringMatching(/^s\/main\.yaml:\d+:\d+ response\.minPrice: must be at most 1 \(the baseline price index\), got 2$/),
    ]);
  });
});

describe("scenarioJsonSchema", () => {
  it("is draft-07, closed to unknown keys, and describes quantities as numbers or strings", () => {
    const schema = scenarioJsonSchema() as { $schema: string; additionalProperties: boolean; required?: string[]; properties: Record<string, any>; definitions: Record<string, any> };
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
    // A file may be a fragment (a world without dates) or remove an inherited entry with null.
    expect(schema.required).toBeUndefined();
    expect(schema.properties.start.anyOf[1]).toEqual({ type: "null" });
    // Schemas used more than once are in `definitions`, by reference: follow them (and past "or null").
    const at = (node: any): any => {
      if (node?.anyOf?.length === 2 && node.anyOf[1]?.type === "null") return at(node.anyOf[0]);
      if (typeof node?.$ref !== "string") return node;
      const name = node.$ref.replace(/^#\/definitions\//, "");
      expect(schema.definitions[name], node.$ref).toBeDefined();
      return at(schema.definitions[name]);
    };
    const facility = at(at(schema.properties.facilities).additionalProperties);
    // A plain value, or one of the distribution forms.
    const capacity = at(facility.properties.capacity);
    const typesOf = (node: any): string[] => {
      const n = at(node);
      if (n.anyOf !== undefined) return n.anyOf.flatMap(typesOf);
      return [n.type].flat();
    };
    expect(typesOf(capacity.anyOf[0]).sort()).toEqual(["number", "string"]);
    expect(JSON.stringify(at(capacity.anyOf[1]))).toContain('"uniform"');
    expect(facility.additionalProperties).toBe(false);
    // Every reference resolves.
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of new Set(refs)) at({ $ref: JSON.parse(`{${ref}}`).$ref });
  });
});

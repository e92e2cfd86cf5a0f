/**
 * The JSON Schema `chokepoint schema` prints, checked with a real JSON Schema validator (Ajv,
 * draft-07) as an editor would use it: every shipped file validates, fragments and files that
 * remove inherited entries with null included, and real mistakes (unknown keys, values of the
 * wrong type, a control or event of no known shape) do not.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ErrorObject } from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const validate = new Ajv({ allErrors: true }).compile(scenarioJsonSchema());

/** Every YAML file under scenarios/, relative to the repository. */
function shippedFiles(): string[] {
  return readdirSync(path.join(ROOT, "scenarios"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => path.join("scenarios", f))
    .sort();
}

function errorsOf(text: string): ErrorObject[] {
  return validate(parse(text, { version: "1.2" })) ? [] : (validate.errors ?? []);
}

const minimal = readFileSync(path.join(ROOT, "tests/fixtures/good/minimal.yaml"), "utf8");

describe("JSON Schema of scenario files", () => {
  it("compiles in Ajv's strict mode", () => {
    expect(typeof validate).toBe("function");
  });

  it("accepts every shipped file: scenarios, world fragments and event fragments", () => {
    const files = shippedFiles();
    expect(files.filter((f) => f.startsWith("scenarios/world/")).length).toBeGreaterThan(5);
    expect(files.filter((f) => f.startsWith("scenarios/events/")).length).toBeGreaterThan(0);
    for (const file of files) {
      const errors = errorsOf(readFileSync(path.join(ROOT, file), "utf8"));
      expect(errors.map((e) => `${e.instancePath} ${e.message}`), file).toEqual([]);
    }
  });

  it("accepts a fragment, a partial override and null removing an inherited entry", () => {
    expect(errorsOf("extends: world/base.yaml\ncontrols:\n  cn-ga-ban: { effective: 2026-01-01 }\nstockpiles:\n  jogmec: null\n")).toEqual([]);
    expect(errorsOf("events:\n  surge: { type: demand-change, date: 2026-03-01, country: US, commodity: gallium, factor: 2 }\n")).toEqual([]);
    expect(errorsOf(minimal)).toEqual([]);
  });

  it.each([
    ["an unknown top-level key", minimal.replace("start:", "seeds: 3\nstart:"), "/", "additionalProperty", "seeds"],
    ["an unknown key in a facility", minimal.replace("country: CN", "country: CN\n    utilisation: 90%"), "/facilities/cn-gallium", "additionalProperty", "utilisation"],
    ["a list where a mapping belongs", minimal.replace("imports: { CN: 100% }", "imports: [CN]"), "/markets/US/gallium/imports", "type", "object"],
    ["text where a number belongs", minimal.replace("outputs: { gallium: 1 }", "outputs: { gallium: one }"), "/facilities/cn-gallium/outputs/gallium", "type", "number"],
    ["true where a quantity belongs", minimal.replace("capacity: 600 t/yr", "capacity: true"), "/facilities/cn-gallium/capacity", "type", "number"],
    ["a key of licensing on a ban", `${minimal}controls:\n  ban: { measure: ban, exporter: CN, commodities: [gallium], approval: 50% }\n`, "/controls/ban", "additionalProperty", "approval"],
    ["an event of no known type", `${minimal}events:\n  e: { type: explode, date: 2025-03-01 }\n`, "/events/e/type", "allowedValue", "impose"],
    ["null in a list", minimal.replace("gallium: { name: Gallium, stage: refined }", "gallium: { name: Gallium, groups: [null] }"), "/commodities/gallium/groups/0", "type", "string"],
  ])("refuses %s", (_, text, at, param, value) => {
    const errors = errorsOf(text);
    const instancePath = at === "/" ? "" : at;
    expect(
      errors.some((e) => e.instancePath === instancePath && (e.params as Record<string, unknown>)[param] === value),
      JSON.stringify(errors.map((e) => [e.instancePath, e.message, e.params]), null, 1),
    ).toBe(true);
  });
});

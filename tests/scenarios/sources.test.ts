/**
 * Numbers carry sources: every facility, market with figures, reserve, control and event in
 * the shipped scenario files (and every price floor) names its publication (`source`) or says it is an assumption or
 * a policy choice (a `note` beginning with, or containing, "Assumption" or "Policy").
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const SCENARIOS = path.resolve(import.meta.dirname, "../../scenarios");
const files = [
  ...readdirSync(SCENARIOS).filter((f) => f.endsWith(".yaml")),
  ...readdirSync(path.join(SCENARIOS, "world")).map((f) => `world/${f}`),
  ...readdirSync(path.join(SCENARIOS, "events")).map((f) => `events/${f}`),
].sort();

type Entry = { source?: unknown; note?: unknown } | null;

function unsourced(file: string): string[] {
  const doc = (parse(readFileSync(path.join(SCENARIOS, file), "utf8")) ?? {}) as Record<string, Record<string, unknown>>;
  const missing: string[] = [];
  const check = (where: string, entry: Entry) => {
    if (entry === null || typeof entry !== "object") return; // null removes an inherited entry
    const sourced = typeof entry.source === "string" && entry.source.trim() !== "";
    const labelled = typeof entry.note === "string" && /assumption|policy/i.test(entry.note);
    if (!sourced && !labelled) missing.push(where);
  };
  for (const section of ["facilities", "stockpiles", "floors", "controls", "events"]) {
    for (const [id, entry] of Object.entries(doc[section] ?? {})) check(`${section}.${id}`, entry as Entry);
  }
  for (const [country, entries] of Object.entries(doc.markets ?? {})) {
    for (const [commodity, entry] of Object.entries((entries ?? {}) as Record<string, Entry & Record<string, unknown>>)) {
      const hasFigures = entry !== null && ["demand", "growth", "cover", "inventory", "imports"].some((k) => k in entry);
      if (hasFigures) check(`markets.${country}.${commodity}`, entry);
    }
  }
  return missing;
}

describe("numbers carry sources", () => {
  it.each(files)("%s: every entry names its source or labels its assumption", (file) => {
    expect(unsourced(file)).toEqual([]);
  });
});

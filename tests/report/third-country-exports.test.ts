/**
 * Third countries' exports of controlled origin, on a hand-made trade record: the controlling
 * exporter's own flows and goods under no control left out, routes ranked by controlled-origin
 * tonnes and grouped by exporter, a row per year of the record, the left-out routes counted,
 * and commodities whose third-country exports carry only a trace listed apart.
 */
import { describe, expect, it } from "vitest";
import type { TradeFlow } from "../../src/model/index.js";
import { thirdCountryExports, type ControlledWorld } from "../../src/report/third-country-exports.js";

const COUNTRIES = ["CN", "JP", "CA", "EU", "KR", "US", "ROW"];
const COMMODITIES = ["gallium-primary", "gallium", "copper", "germanium"];
const index = (ids: readonly string[], id: string) => ids.indexOf(id);

function world(controls: readonly { id: string; exporter: string; commodities: readonly string[] }[]): ControlledWorld {
  return {
    countries: COUNTRIES.map((id) => ({ id })),
    commodities: COMMODITIES.map((id) => ({ id })),
    controls: controls.map((c) => ({ id: c.id, exporter: index(COUNTRIES, c.exporter), commodities: c.commodities.map((x) => index(COMMODITIES, x)) })),
  };
}

function flow(year: number, commodity: string, exporter: string, importer: string, tonnes: number, controlledOriginTonnes: number): TradeFlow {
  return { year, commodity, exporter, importer, tonnes, controlledOriginTonnes };
}

const CN_GALLIUM = world([
  { id: "ga-licensing", exporter: "CN", commodities: ["gallium-primary", "gallium"] },
  { id: "ge-licensing", exporter: "CN", commodities: ["germanium"] },
]);

const TRADE: readonly TradeFlow[] = [
  flow(2026, "gallium-primary", "CN", "JP", 10, 10),
  flow(2026, "gallium-primary", "EU", "US", 2, 0),
  flow(2026, "gallium", "CN", "US", 5, 5),
  flow(2026, "gallium", "JP", "KR", 6, 5.7),
  flow(2027, "gallium", "JP", "KR", 6, 6),
  flow(2026, "gallium", "CA", "ROW", 10, 10),
  flow(2026, "gallium", "CA", "US", 1, 1),
  flow(2027, "gallium", "JP", "US", 0.5, 0.5),
  flow(2026, "gallium", "KR", "US", 0.5, 0.1),
  flow(2026, "gallium", "EU", "US", 2, 0),
  flow(2027, "copper", "JP", "US", 100, 50),
  // 0.1% of germanium's third-country exports: shown; less would be a trace.
  flow(2027, "germanium", "EU", "US", 1000, 1),
];

describe("third countries' exports of controlled origin", () => {
  const result = thirdCountryExports(TRADE, CN_GALLIUM, 4);
  const gallium = result.commodities.find((c) => c.commodity === "gallium")!;

  it("takes the commodities under control in the order the controls name them, and lists the traces apart", () => {
    expect(result.origins).toEqual(["CN"]);
    expect(result.years).toEqual([2026, 2027]);
    expect(result.commodities.map((c) => c.commodity)).toEqual(["gallium", "germanium"]);
    // gallium-primary's only third-country flow carries no controlled origin; copper is under no control.
    expect(result.traces).toEqual(["gallium-primary"]);
    expect(gallium.controls).toEqual(["ga-licensing"]);
    expect(gallium.controllingExporters).toEqual(["CN"]);
  });

  it("leaves out the controlling exporter's own flows and totals the third countries'", () => {
    expect(gallium.rows.some((r) => r.exporter === "CN")).toBe(false);
    expect(gallium.tonnes).toBeCloseTo(6 + 6 + 10 + 1 + 0.5 + 0.5 + 2, 12);
    expect(gallium.controlledOriginTonnes).toBeCloseTo(5.7 + 6 + 10 + 1 + 0.5 + 0.1, 12);
    expect(gallium.exporters.map((e) => [e.exporter, e.controlledOriginTonnes])).toEqual([
      ["JP", 12.2],
      ["CA", 11],
      ["KR", 0.1],
      ["EU", 0],
    ]);
  });

  it("keeps the routes carrying the most controlled-origin tonnes, grouped by exporter, a row for every year, and counts the rest", () => {
    // Ranked JP>KR 11.7, CA>ROW 10, CA>US 1, JP>US 0.5 (kept), KR>US 0.1, EU>US 0 (left out); shown by exporter.
    expect(gallium.rows.map((r) => [r.exporter, r.importer, r.year, r.tonnes, r.controlledOriginTonnes, r.share])).toEqual([
      ["JP", "KR", 2026, 6, 5.7, 5.7 / 6],
      ["JP", "KR", 2027, 6, 6, 1],
      ["JP", "US", 2026, 0, 0, null],
      ["JP", "US", 2027, 0.5, 0.5, 1],
      ["CA", "ROW", 2026, 10, 10, 1],
      ["CA", "ROW", 2027, 0, 0, null],
      ["CA", "US", 2026, 1, 1, 1],
      ["CA", "US", 2027, 0, 0, null],
    ]);
    expect(gallium.routes).toBe(4);
    expect(gallium.leftOut).toEqual({ routes: 2, tonnes: 2.5, controlledOriginTonnes: 0.1 });
  });

  it("shows a commodity from 0.1% of controlled origin in its third-country exports, and calls less a trace", () => {
    const germanium = result.commodities.find((c) => c.commodity === "germanium")!;
    expect(germanium.leftOut.routes).toBe(0);
    const trace = thirdCountryExports([flow(2027, "germanium", "EU", "US", 1000, 0.999)], CN_GALLIUM);
    expect(trace.commodities).toEqual([]);
    expect(trace.traces).toEqual(["gallium-primary", "gallium", "germanium"]);
  });

  it("counts no exporter of a control covering the commodity as a third country", () => {
    const both = world([
      { id: "ga-licensing", exporter: "CN", commodities: ["gallium"] },
      { id: "ga-ban-jp", exporter: "JP", commodities: ["gallium"] },
    ]);
    const shown = thirdCountryExports(TRADE, both);
    expect(shown.origins).toEqual(["CN", "JP"]);
    const galliumBoth = shown.commodities.find((c) => c.commodity === "gallium")!;
    expect(galliumBoth.controllingExporters).toEqual(["CN", "JP"]);
    expect([...new Set(galliumBoth.rows.map((r) => r.exporter))]).toEqual(["CA", "KR", "EU"]);
    expect(galliumBoth.leftOut.routes).toBe(0);
  });

  it("is empty for a world without controls", () => {
    expect(thirdCountryExports(TRADE, world([]))).toEqual({ origins: [], years: [2026, 2027], commodities: [], traces: [] });
  });
});

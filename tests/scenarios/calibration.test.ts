/**
 * Calibration of the shipped reference world against the publications it was built from
 * (docs/sources.md): the world's data year is 2025 (USGS MCS 2026, 2025 estimates), and the
 * baseline-2024 run (the reference world with no controls, run from 2024) must reproduce, in
 * its year 2025, world mine output within 5%, China's shares of mining and refining within 3
 * points, and the US's and Japan's import sources within 5 points. Each target names its source.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, simulate, type RunResult, type Timeline } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let run: RunResult & { readonly timeline: Timeline };

/** The world's data year: the year of the run the targets are checked in. */
const DATA_YEAR = 2025;

beforeAll(() => {
  run = simulate(loadScenario(path.join(ROOT, "scenarios/baseline-2024.yaml")));
});

/** Tonnes produced in the data year, by country, of the given commodities. */
function productionInDataYear(commodities: readonly string[]): Map<string, number> {
  const { timeline } = run;
  const byCountry = new Map<string, number>();
  const first = timeline.startEpochDay;
  const days = Array.from({ length: timeline.dayCount }, (_, d) => d).filter((d) => new Date((first + d) * 86_400_000).getUTCFullYear() === DATA_YEAR);
  for (const s of timeline.reportedSeries) {
    const { country, commodity } = timeline.series[s];
    if (!commodities.includes(commodity)) continue;
    let total = 0;
    for (const d of days) total += timeline.value("production_t", d, s);
    byCountry.set(country, (byCountry.get(country) ?? 0) + total);
  }
  return byCountry;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/** Share of the data year's shipments to `importer` of the commodities, by exporter. */
function importSharesInDataYear(importer: string, commodities: readonly string[]): Map<string, number> {
  const flows = run.trade.filter((f) => f.year === DATA_YEAR && f.importer === importer && commodities.includes(f.commodity));
  const total = sum(flows.map((f) => f.tonnes));
  const shares = new Map<string, number>();
  for (const f of flows) shares.set(f.exporter, (shares.get(f.exporter) ?? 0) + f.tonnes / total);
  return shares;
}

const REE_OXIDES = ["la-ce-oxides", "ndpr-oxide", "sm-oxide", "gd-oxide", "tb-oxide", "dy-oxide", "y-oxide", "lu-sc-oxides", "heavy-oxides-october"];

/** World mine (or primary) output in 2025, t, and China's share: USGS MCS 2026 (2025 estimates) unless noted. */
const MINING: { commodity: string; world?: number; china?: number; source: string }[] = [
  { commodity: "ree-concentrate", world: 390_000, china: 0.69, source: "USGS MCS 2026, rare earths (270,000 of 390,000 t REO)" },
  { commodity: "gallium-primary", world: 900, china: 0.99, source: "USGS MCS 2026, gallium (900,000 of 900,000 kg rounded; 99% of primary low-purity output)" },
  { commodity: "germanium", china: 0.68, source: "USGS figure cited by CSIS 2025 (68%; EU 2024 study: 83%); no USGS world table in MCS 2025 or 2026" },
  { commodity: "natural-graphite", world: 1_800_000, china: 1400 / 1800, source: "USGS MCS 2026, graphite (1,400,000 of 1,800,000 t)" },
  { commodity: "antimony-ore", world: 110_000, china: 40 / 110, source: "USGS MCS 2026, antimony (40,000 of 110,000 t)" },
  { commodity: "tungsten-concentrate", world: 85_000, china: 67 / 85, source: "USGS MCS 2026, tungsten (67,000 of 85,000 t)" },
  { commodity: "cobalt-intermediate", world: 310_000, source: "USGS MCS 2026, cobalt" },
  { commodity: "lithium-ore", world: 290_000, china: 62 / 290, source: "USGS MCS 2026, lithium (62,000 of 290,000 t, excl. US)" },
  { commodity: "nickel-ore", world: 3_900_000, china: 120 / 3900, source: "USGS MCS 2026, nickel (120,000 of 3,900,000 t)" },
  { commodity: "manganese-ore", world: 20_000_000, china: 700 / 20_000, source: "USGS MCS 2026, manganese (700 of 20,000 kt)" },
  { commodity: "copper-concentrate", world: 23_000_000, china: 1800 / 23_000, source: "USGS MCS 2026, copper (1,800 of 23,000 kt)" },
];

/** China's share of refined or processed output (each target names its publication). */
const REFINING: { name: string; commodities: string[]; china: number; atLeast?: boolean; source: string }[] = [
  { name: "separated rare earths", commodities: REE_OXIDES, china: 0.92, source: "IEA GCMO 2024 (92% of refined REE output, 2023)" },
  { name: "NdFeB magnets", commodities: ["ndfeb-magnet", "ndfeb-magnet-plain"], china: 0.9, source: 'Bloomberg via Business Times, Jun 2025 ("about 90%")' },
  { name: "graphite anode material", commodities: ["graphite-anode"], china: 0.9, atLeast: true, source: 'Reuters-based reports ("more than 90%")' },
  { name: "refined cobalt", commodities: ["cobalt"], china: 0.8, source: "IEA via Cipher News (~80% of processing)" },
  { name: "lithium chemicals", commodities: ["lithium-chemicals"], china: 2 / 3, source: "IEA via Cipher News (~2/3 of processing)" },
  { name: "refined copper", commodities: ["copper"], china: 14 / 29, source: "USGS MCS 2026, copper refinery table (14,000 of 29,000 kt)" },
  { name: "high-purity gallium", commodities: ["gallium"], china: 0.5, source: "CSIS 2025 (~50% of high-purity refined gallium)" },
];

/**
 * US import sources 2021-24 (USGS MCS 2026); EU = Germany, Belgium, Estonia, Finland, ...; other = ROW.
 * Antimony: Thailand (8%) and other (19%) are ROW, of which Bolivia's smelter carries 4 points
 * (scenarios/world/antimony.yaml).
 */
const US_IMPORTS: { name: string; commodities: string[]; shares: Record<string, number> }[] = [
  { name: "rare-earth compounds and metals", commodities: REE_OXIDES, shares: { CN: 0.71, MY: 0.13, JP: 0.05, EU: 0.05, ROW: 0.06 } },
  { name: "gallium metal", commodities: ["gallium"], shares: { CA: 0.28, JP: 0.22, CN: 0.18, EU: 0.16, ROW: 0.16 } },
  { name: "germanium metal and dioxide", commodities: ["germanium"], shares: { EU: 0.55, CN: 0.23, CA: 0.17, ROW: 0.05 } },
  { name: "natural graphite", commodities: ["natural-graphite"], shares: { CN: 0.46, CA: 0.13, MZ: 0.13, MX: 0.12, ROW: 0.16 } },
  { name: "antimony metal and oxide", commodities: ["antimony"], shares: { CN: 0.55, EU: 0.12, IN: 0.06, BO: 0.04, ROW: 0.23 } },
  { name: "tungsten (concentrates and products)", commodities: ["tungsten-concentrate", "tungsten"], shares: { CN: 0.26, EU: 0.14, BO: 0.08, VN: 0.08, ROW: 0.44 } },
  { name: "cobalt", commodities: ["cobalt"], shares: { NO: 0.26, EU: 0.16, JP: 0.14, CA: 0.14, ROW: 0.3 } },
  { name: "lithium", commodities: ["lithium-chemicals"], shares: { CL: 0.54, AR: 0.43, ROW: 0.03 } },
  { name: "nickel", commodities: ["nickel"], shares: { CA: 0.44, NO: 0.11, AU: 0.08, BR: 0.07, ROW: 0.3 } },
  { name: "manganese (Mn content)", commodities: ["manganese-ore"], shares: { GA: 0.23, ZA: 0.21, MY: 0.11, AU: 0.1, ROW: 0.35 } },
  { name: "refined copper", commodities: ["copper"], shares: { CL: 0.68, CA: 0.16, PE: 0.07, MX: 0.06, ROW: 0.03 } },
];

describe("the 2025 world (baseline-2024, its year 2025) against USGS and the other published sources", () => {
  it.each(MINING.filter((m) => m.world !== undefined))("$commodity: 2025 world output within 5% of USGS ($source)", ({ commodity, world }) => {
    const total = sum(productionInDataYear([commodity]).values());
    expect(Math.abs(total - world!) / world!).toBeLessThan(0.05);
  });

  it.each(MINING.filter((m) => m.china !== undefined))("$commodity: China's 2025 share of output within 3 points ($source)", ({ commodity, china }) => {
    const byCountry = productionInDataYear([commodity]);
    expect(Math.abs((byCountry.get("CN") ?? 0) / sum(byCountry.values()) - china!)).toBeLessThan(0.03);
  });

  it.each(REFINING)("$name: China's 2025 share of output within 3 points ($source)", ({ commodities, china, atLeast }) => {
    const byCountry = productionInDataYear(commodities);
    const share = (byCountry.get("CN") ?? 0) / sum(byCountry.values());
    if (atLeast) expect(share).toBeGreaterThan(china - 0.03);
    else expect(Math.abs(share - china)).toBeLessThan(0.03);
  });

  it.each(US_IMPORTS)("US imports of $name: 2025 shares by source within 5 points of USGS (2021-24)", ({ commodities, shares }) => {
    const simulated = importSharesInDataYear("US", commodities);
    for (const [source, share] of Object.entries(shares)) {
      expect(Math.abs((simulated.get(source) ?? 0) - share), `${source}: simulated ${simulated.get(source)}, USGS ${share}`).toBeLessThan(0.05);
    }
  });

  it("Japan's rare-earth imports: 60-70% from China (JOGMEC 2024 via WSJ/Mint), within 5 points", () => {
    const china = importSharesInDataYear("JP", REE_OXIDES).get("CN") ?? 0;
    expect(china).toBeGreaterThan(0.55);
    expect(china).toBeLessThan(0.75);
  });
});

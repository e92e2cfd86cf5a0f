/**
 * Calibration of the shipped reference world against the publications it was built from
 * (docs/sources.md): the baseline-2024 run must reproduce 2024 world mine output (USGS MCS
 * 2025) within 5%, China's shares of mining and refining within 3 points, and the US's and
 * Japan's import sources within 5 points. Each target names its source.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, simulate, type RunResult, type Timeline } from "../../src/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let run: RunResult & { readonly timeline: Timeline };

beforeAll(() => {
  run = simulate(loadScenario(path.join(ROOT, "scenarios/baseline-2024.yaml")));
});

/** Tonnes produced in 2024, by country, of the given commodities. */
function production2024(commodities: readonly string[]): Map<string, number> {
  const { timeline } = run;
  const byCountry = new Map<string, number>();
  const first = timeline.startEpochDay;
  const days = Array.from({ length: timeline.dayCount }, (_, d) => d).filter((d) => new Date((first + d) * 86_400_000).getUTCFullYear() === 2024);
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

/** Share of 2024 shipments to `importer` of the commodities, by exporter. */
function importShares2024(importer: string, commodities: readonly string[]): Map<string, number> {
  const flows = run.trade.filter((f) => f.year === 2024 && f.importer === importer && commodities.includes(f.commodity));
  const total = sum(flows.map((f) => f.tonnes));
  const shares = new Map<string, number>();
  for (const f of flows) shares.set(f.exporter, (shares.get(f.exporter) ?? 0) + f.tonnes / total);
  return shares;
}

const REE_OXIDES = ["la-ce-oxides", "ndpr-oxide", "sm-oxide", "gd-oxide", "tb-oxide", "dy-oxide", "y-oxide", "lu-sc-oxides", "heavy-oxides-october"];

/** World mine (or primary) output in 2024, t, and China's share: USGS MCS 2025 unless noted. */
const MINING: { commodity: string; world?: number; china?: number; source: string }[] = [
  { commodity: "ree-concentrate", world: 390_000, china: 0.69, source: "USGS MCS 2025, rare earths (270,000 of 390,000 t REO)" },
  { commodity: "gallium-primary", world: 760, china: 0.99, source: "USGS MCS 2025, gallium (99% of primary low-purity output)" },
  { commodity: "germanium", china: 0.68, source: "USGS figure cited by CSIS 2025 (68%; EU 2024 study: 83%)" },
  { commodity: "natural-graphite", world: 1_600_000, china: 0.78, source: "USGS MCS 2025, graphite (China 78%)" },
  { commodity: "antimony-ore", world: 100_000, china: 0.6, source: "USGS MCS 2025, antimony (60,000 of 100,000 t)" },
  { commodity: "tungsten-concentrate", world: 81_000, china: 0.83, source: "USGS MCS 2025, tungsten (67,000 of 81,000 t)" },
  { commodity: "cobalt-intermediate", world: 290_000, source: "USGS MCS 2025, cobalt" },
  { commodity: "lithium-ore", world: 240_000, china: 0.17, source: "USGS MCS 2025, lithium (41,000 of 240,000 t, excl. US)" },
  { commodity: "nickel-ore", world: 3_700_000, china: 120 / 3700, source: "USGS MCS 2025, nickel (120,000 of 3,700,000 t)" },
  { commodity: "manganese-ore", world: 20_000_000, china: 770 / 20_000, source: "USGS MCS 2025, manganese (770 of 20,000 kt)" },
  { commodity: "copper-concentrate", world: 23_000_000, china: 1800 / 23_000, source: "USGS MCS 2025, copper (1,800 of 23,000 kt)" },
];

/** China's share of refined or processed output (each target names its publication). */
const REFINING: { name: string; commodities: string[]; china: number; atLeast?: boolean; source: string }[] = [
  { name: "separated rare earths", commodities: REE_OXIDES, china: 0.92, source: "IEA GCMO 2024 (92% of refined REE output, 2023)" },
  { name: "NdFeB magnets", commodities: ["ndfeb-magnet"], china: 0.9, source: 'Bloomberg via Business Times, Jun 2025 ("about 90%")' },
  { name: "graphite anode material", commodities: ["graphite-anode"], china: 0.9, atLeast: true, source: 'Reuters-based reports ("more than 90%")' },
  { name: "refined cobalt", commodities: ["cobalt"], china: 0.8, source: "IEA via Cipher News (~80% of processing)" },
  { name: "lithium chemicals", commodities: ["lithium-chemicals"], china: 2 / 3, source: "IEA via Cipher News (~2/3 of processing)" },
  { name: "refined copper", commodities: ["copper"], china: 0.44, source: "USGS MCS 2025, copper refinery table (12,000 of 27,000 kt)" },
  { name: "high-purity gallium", commodities: ["gallium"], china: 0.5, source: "CSIS 2025 (~50% of high-purity refined gallium)" },
];

/** US import sources 2020-23 (USGS MCS 2025); EU = Germany, Belgium, Estonia, Finland, ...; other = ROW. */
const US_IMPORTS: { name: string; commodities: string[]; shares: Record<string, number> }[] = [
  { name: "rare-earth compounds and metals", commodities: REE_OXIDES, shares: { CN: 0.7, MY: 0.13, JP: 0.06, EU: 0.05, ROW: 0.06 } },
  { name: "gallium metal", commodities: ["gallium"], shares: { JP: 0.24, CN: 0.19, EU: 0.19, CA: 0.17, ROW: 0.21 } },
  { name: "germanium metal and dioxide", commodities: ["germanium"], shares: { EU: 0.49, CA: 0.23, CN: 0.23, ROW: 0.05 } },
  { name: "natural graphite", commodities: ["natural-graphite"], shares: { CN: 0.43, CA: 0.13, MX: 0.13, MZ: 0.13, ROW: 0.18 } },
  { name: "antimony metal and oxide", commodities: ["antimony"], shares: { CN: 0.63, EU: 0.08, IN: 0.06, BO: 0.05, ROW: 0.18 } },
  { name: "tungsten (concentrates and products)", commodities: ["tungsten-concentrate", "tungsten"], shares: { CN: 0.27, EU: 0.14, BO: 0.08, VN: 0.08, ROW: 0.43 } },
  { name: "cobalt", commodities: ["cobalt"], shares: { NO: 0.27, EU: 0.17, JP: 0.14, CA: 0.13, ROW: 0.29 } },
  { name: "lithium", commodities: ["lithium-chemicals"], shares: { CL: 0.5, AR: 0.47, ROW: 0.03 } },
  { name: "nickel", commodities: ["nickel"], shares: { CA: 0.46, NO: 0.11, AU: 0.08, BR: 0.06, ROW: 0.29 } },
  { name: "manganese (Mn content)", commodities: ["manganese-ore"], shares: { GA: 0.24, ZA: 0.21, AU: 0.1, MY: 0.09, ROW: 0.36 } },
  { name: "refined copper", commodities: ["copper"], shares: { CL: 0.65, CA: 0.17, MX: 0.09, PE: 0.06, ROW: 0.03 } },
];

describe("the 2024 world (baseline-2024) against USGS and the other published sources", () => {
  it.each(MINING.filter((m) => m.world !== undefined))("$commodity: 2024 world output within 5% of USGS ($source)", ({ commodity, world }) => {
    const total = sum(production2024([commodity]).values());
    // 2024 had 366 days; USGS figures are annual.
    expect(Math.abs(total * (365 / 366) - world!) / world!).toBeLessThan(0.05);
  });

  it.each(MINING.filter((m) => m.china !== undefined))("$commodity: China's 2024 share of output within 3 points ($source)", ({ commodity, china }) => {
    const byCountry = production2024([commodity]);
    expect(Math.abs((byCountry.get("CN") ?? 0) / sum(byCountry.values()) - china!)).toBeLessThan(0.03);
  });

  it.each(REFINING)("$name: China's 2024 share of output within 3 points ($source)", ({ commodities, china, atLeast }) => {
    const byCountry = production2024(commodities);
    const share = (byCountry.get("CN") ?? 0) / sum(byCountry.values());
    if (atLeast) expect(share).toBeGreaterThan(china - 0.03);
    else expect(Math.abs(share - china)).toBeLessThan(0.03);
  });

  it.each(US_IMPORTS)("US imports of $name: 2024 shares by source within 5 points of USGS", ({ commodities, shares }) => {
    const simulated = importShares2024("US", commodities);
    for (const [source, share] of Object.entries(shares)) {
      expect(Math.abs((simulated.get(source) ?? 0) - share), `${source}: simulated ${simulated.get(source)}, USGS ${share}`).toBeLessThan(0.05);
    }
  });

  it("Japan's rare-earth imports: 60-70% from China (JOGMEC 2024 via WSJ/Mint), within 5 points", () => {
    const china = importShares2024("JP", REE_OXIDES).get("CN") ?? 0;
    expect(china).toBeGreaterThan(0.55);
    expect(china).toBeLessThan(0.75);
  });
});

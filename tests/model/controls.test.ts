/**
 * How controls bite, on small worlds with known answers: a licensing office with a capacity
 * (a burst of applications is decided one review slot apart; unlimited capacity is the old
 * delay), front-running between announcement and effect, re-exports of a controlling
 * exporter's origin refused, the de-minimis threshold, reserves released by decision and
 * refilled at ordinary transit times, and quotas prorated when they start mid-year.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simulateWorld, type TimelineResult } from "../../src/model/index.js";
import { buildWorld, START, type SmallWorld } from "./small-world.js";

function column(result: TimelineResult, country: string, commodity: string, name: "imports_t" | "exports_t" | "stockpile_t" | "shortfall_t" | "consumed_t" | "inventory_t"): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  if (s < 0) throw new Error(`no series ${country} ${commodity}`);
  return result.timeline.seriesValues(name, s);
}

const firstDay = (values: Float64Array) => values.findIndex((v) => v > 1e-9);

describe("a licensing office with a capacity", () => {
  const burst = (perDay: number): SmallWorld => ({
    countries: ["BB", "A1", "A2", "A3", "A4", "A5"],
    commodities: ["x"],
    days: 40,
    transitDays: 0,
    orderIntervalDays: 60,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
    markets: [
      { country: "BB", commodity: "x", inventory: 10_000 },
      ...["A1", "A2", "A3", "A4", "A5"].map((c) => ({ country: c, commodity: "x", demand: 1, coverDays: 10, inventory: 0, imports: { BB: 1 } })),
    ],
    controls: [
      {
        id: "licence",
        exporter: "BB",
        commodities: ["x"],
        measure: { kind: "licensing", approval: 1, processingDays: { kind: "fixed", value: 10 }, capacity: { unit: "applications", perDay } },
        effectiveDay: 0,
      },
    ],
  });

  it("starts one review every 1/c days: the k-th of a burst is decided (k - 1)/c + D days after filing", () => {
    // Five importers apply together on day 0; the office starts one review every 2 days; each takes 10.
    const result = simulateWorld(buildWorld(burst(0.5)), { seed: 1 });
    const arrivals = ["A1", "A2", "A3", "A4", "A5"].map((c) => firstDay(column(result, c, "x", "imports_t")));
    expect(arrivals).toEqual([10, 12, 14, 16, 18]);
    // The backlog is visible day by day.
    const pending = (day: number) => (result.licences ?? []).filter((r) => r.day === day).reduce((n, r) => n + r.pendingApplications, 0);
    expect(pending(0)).toBe(5);
    expect(pending(11)).toBe(4);
    expect(pending(19)).toBe(0);
  });

  it("moves the waiting applications to the new pace when a licensing-change raises the capacity", () => {
    // One review every 2 days, then from day 3 one a day: the reviews of day 0 and 2 stand (the
    // second holds the office to day 3 at the new pace); the rest start on days 3, 4 and 5.
    const world = burst(0.5);
    world.events = [{ id: "deal", day: 3, action: { kind: "licensing-change", controls: [0], approvalByCountry: null, processingDays: null, capacity: { unit: "applications", perDay: 1 } } }];
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    expect(["A1", "A2", "A3", "A4", "A5"].map((c) => firstDay(column(result, c, "x", "imports_t")))).toEqual([10, 12, 13, 14, 15]);
  });

  it("with unlimited capacity decides every application its own review time after filing, as before", () => {
    const result = simulateWorld(buildWorld(burst(Infinity)), { seed: 1 });
    expect(["A1", "A2", "A3", "A4", "A5"].map((c) => firstDay(column(result, c, "x", "imports_t")))).toEqual([10, 10, 10, 10, 10]);
  });
});

describe("applications per contract", () => {
  it("files an order as one application per applicationTonnes, each decided on its own, queued behind each other", () => {
    // One importer orders on day 0 for its cover and the 60-day round (about 18 t); at 2 t an
    // application that is nine applications. The office starts one review a day; each takes 10 days.
    const world: SmallWorld = {
      countries: ["BB", "AA"],
      commodities: ["x"],
      days: 59,
      transitDays: 0,
      orderIntervalDays: 60,
      facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
      markets: [
        { country: "BB", commodity: "x", inventory: 10_000 },
        { country: "AA", commodity: "x", demand: 0.25, coverDays: 10, inventory: 0, imports: { BB: 1 } },
      ],
      controls: [
        {
          id: "licence",
          exporter: "BB",
          commodities: ["x"],
          measure: { kind: "licensing", approval: 1, processingDays: { kind: "fixed", value: 10 }, capacity: { unit: "applications", perDay: 1 }, applicationTonnes: 2 },
          effectiveDay: 0,
        },
      ],
    };
    const result = simulateWorld(buildWorld(world), { seed: 1 });
    const imports = column(result, "AA", "x", "imports_t");
    // The day-0 order, in applications of at most 2 t, one review started a day, each decided 10 days later.
    const filed = result.licences?.find((r) => r.day === 0);
    const applications = Math.ceil(filed!.appliedTonnes / 2);
    expect(filed!.pendingApplications).toBe(applications);
    expect(applications).toBeGreaterThan(5);
    expect(Array.from(imports.slice(0, 10)).every((v) => v === 0)).toBe(true);
    for (let day = 10; day < 10 + applications; day++) expect(imports[day]).toBeCloseTo(filed!.appliedTonnes / applications, 9);
    expect(Array.from(imports.slice(10 + applications)).every((v) => v === 0)).toBe(true);
  });
});

/** AA buys all its x from BB (5 t a day, 20 days of cover), which has a ban on it: `control` and `events` say which and when. */
function bannedSupplier(days: number, control: Partial<NonNullable<SmallWorld["controls"]>[number]>, events?: SmallWorld["events"]): SmallWorld {
  return {
    countries: ["AA", "BB"],
    commodities: ["x"],
    days,
    transitDays: 5,
    orderIntervalDays: 10,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 50, outputs: { x: 1 } }],
    markets: [
      { country: "BB", commodity: "x", inventory: 5_000 },
      { country: "AA", commodity: "x", demand: 5, coverDays: 20, imports: { BB: 1 } },
    ],
    controls: [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 100, ...control }],
    events,
  };
}

describe("an announced control", () => {
  const world = (announcedDay: number | undefined): SmallWorld => bannedSupplier(200, { effectiveDay: 100, announcedDay, frontRunCoverDays: announcedDay === undefined ? 0 : 60 });
  const imports = (w: SmallWorld) => {
    const values = column(simulateWorld(buildWorld(w), { seed: 1 }), "AA", "x", "imports_t");
    return (from: number, to: number) => values.slice(from, to).reduce((a, b) => a + b, 0);
  };

  it("raises imports before its effective date, and the importer holds out longer", () => {
    const quiet = imports(world(undefined));
    const warned = imports(world(40));
    expect(warned(40, 100)).toBeGreaterThan(quiet(40, 100) + 250);
    expect(warned(0, 40)).toBeCloseTo(quiet(0, 40), 9);
    const shortAfter = (w: SmallWorld) => firstDay(column(simulateWorld(buildWorld(w), { seed: 1 }), "AA", "x", "shortfall_t"));
    expect(shortAfter(world(40))).toBeGreaterThan(shortAfter(world(undefined)) + 40);
  });

  it("changes nothing without an announcement", () => {
    const a = simulateWorld(buildWorld(world(undefined)), { seed: 1 });
    const b = simulateWorld(buildWorld({ ...world(undefined), controls: world(undefined).controls?.map((c) => ({ ...c, frontRunCoverDays: 90 })) }), { seed: 1 });
    expect(b.timeline.columns.imports_t).toEqual(a.timeline.columns.imports_t);
  });
});

describe("a control suspended until a known date", () => {
  // A ban in force from day 20, suspended on day 40 until day 150 (or, with `lifted`, lifted on day 40).
  const world = (frontRunCoverDays: number, lifted = false): SmallWorld =>
    bannedSupplier(240, { effectiveDay: 20, frontRunCoverDays }, [
      { id: "deal", day: 40, action: lifted ? { kind: "lift", controls: [0] } : { kind: "suspend", controls: [0], untilEpochDay: START + 150 } },
    ]);
  const run = (w: SmallWorld) => simulateWorld(buildWorld(w), { seed: 1 });
  const sum = (values: Float64Array, from: number, to: number) => values.slice(from, to).reduce((a, b) => a + b, 0);

  it("is front-run in the last days of its suspension: importers build the extra cover before it returns and hold out longer", () => {
    const plain = run(world(0));
    const warned = run(world(60));
    // About 60 days of 5 t/day more bought in the 60 days before day 150, none before, and the shortage after day 150 starts later.
    expect(sum(column(warned, "AA", "x", "imports_t"), 40, 85)).toBeCloseTo(sum(column(plain, "AA", "x", "imports_t"), 40, 85), 9);
    expect(sum(column(warned, "AA", "x", "imports_t"), 85, 150) - sum(column(plain, "AA", "x", "imports_t"), 85, 150)).toBeGreaterThan(250);
    expect(firstDay(column(warned, "AA", "x", "shortfall_t").slice(150)) - firstDay(column(plain, "AA", "x", "shortfall_t").slice(150))).toBeGreaterThan(40);
  });

  it("is not front-run once lifted for good", () => {
    expect(run(world(60, true)).timeline.columns.imports_t).toEqual(run(world(0, true)).timeline.columns.imports_t);
  });
});

describe("re-exports of a controlling exporter's origin", () => {
  /** BB bans exports to AA; CC and DD buy from BB and also mine their own; AA buys from CC and DD. */
  const laundering = (shares: { cc: number; dd: number; ccMine: number; ddMine: number; ccFromBB: number }): SmallWorld => ({
    countries: ["AA", "BB", "CC", "DD"],
    commodities: ["x"],
    days: 300,
    warmUpDays: 60,
    transitDays: 7,
    orderIntervalDays: 15,
    qualificationLagDays: 30,
    facilities: [
      { id: "bb-mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
      { id: "cc-mine", country: "CC", capacityTonnesPerDay: shares.ccMine, outputs: { x: 1 } },
      { id: "dd-mine", country: "DD", capacityTonnesPerDay: shares.ddMine, outputs: { x: 1 } },
    ],
    markets: [
      { country: "AA", commodity: "x", demand: 20, coverDays: 20, imports: { CC: shares.cc, DD: shares.dd } },
      { country: "CC", commodity: "x", demand: 5, coverDays: 20, imports: { BB: shares.ccFromBB, DD: 1 - shares.ccFromBB } },
      { country: "DD", commodity: "x", demand: 5, coverDays: 20, imports: { BB: 1 } },
    ],
    controls: [{ id: "ban", exporter: "BB", commodities: ["x"], destinations: { mode: "only", countries: ["AA"] }, measure: { kind: "ban" }, effectiveDay: 0 }],
  });

  it("never lets tonnes of the banned origin reach the banned destination through third countries (random worlds)", () => {
    fc.assert(
      fc.property(
        fc.record({
          cc: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
          ccMine: fc.double({ min: 0, max: 30, noNaN: true }),
          ddMine: fc.double({ min: 0, max: 30, noNaN: true }),
          ccFromBB: fc.double({ min: 0.1, max: 1, noNaN: true }),
        }),
        fc.integer({ min: 0, max: 100 }),
        (w, seed) => {
          const result = simulateWorld(buildWorld(laundering({ ...w, dd: 1 - w.cc })), { seed });
          const intoAA = result.trade.filter((f) => f.importer === "AA");
          const banned = intoAA.reduce((sum, f) => sum + f.controlledOriginTonnes, 0);
          const total = intoAA.reduce((sum, f) => sum + f.tonnes, 0);
          expect(banned).toBeLessThanOrEqual(1e-9 * (1 + total));
        },
      ),
      { numRuns: 40 },
    );
  });

  it("lets tonnes of other origin through, and without the rule the banned origin would flow", () => {
    // CC mines 10 t/day against its own 5; DD mines nothing and lives on BB's tonnes.
    const shares = { cc: 0.5, dd: 0.5, ccMine: 10, ddMine: 0, ccFromBB: 0.5 };
    const intoAA = (result: TimelineResult) => result.trade.filter((f) => f.importer === "AA").reduce((sum, f) => sum + f.tonnes, 0);
    const refused = simulateWorld(buildWorld(laundering(shares)), { seed: 1 });
    const free = simulateWorld(buildWorld({ ...laundering(shares), controls: laundering(shares).controls!.map((c) => ({ ...c, reExport: "none" as const })) }), { seed: 1 });
    // CC's own surplus still reaches AA under the rule (5 t/day over 240 days, less what its stock holds of BB's).
    expect(intoAA(refused)).toBeGreaterThan(1000);
    // With re-exports free, BB's tonnes flow to AA through CC and DD.
    expect(intoAA(free)).toBeGreaterThan(intoAA(refused) + 1000);
  });

  /** BB licenses all its exports of x (approval 100%, 10 days): the laundering world under licensing. */
  const licensed = (reExport?: "covered" | "none" | { only: string[] }): SmallWorld => {
    const w = laundering({ cc: 0.5, dd: 0.5, ccMine: 0, ddMine: 0, ccFromBB: 1 });
    const licensing = { kind: "licensing" as const, approval: 1, processingDays: { kind: "fixed" as const, value: 10 } };
    return { ...w, controls: [{ id: "licensing", exporter: "BB", commodities: ["x"], measure: licensing, effectiveDay: 0, reExport }] };
  };
  const originInto = (result: TimelineResult, importer: string) => result.trade.filter((f) => f.importer === importer && f.exporter !== "BB").reduce((sum, f) => sum + f.controlledOriginTonnes, 0);

  it("lets a third country sell what it refined from a licensing exporter's goods to anyone (a licensing regime reaches no further)", () => {
    // CC and DD mine nothing: all they sell AA is of BB's origin, licensed when BB shipped it.
    const result = simulateWorld(buildWorld(licensed()), { seed: 1 });
    expect(originInto(result, "AA")).toBeGreaterThan(1000);
    expect(originInto(simulateWorld(buildWorld(licensed("none")), { seed: 1 }), "AA")).toBe(originInto(result, "AA"));
  });

  it("refuses the origin only to the destinations a re-export rule lists", () => {
    const onlyAA = simulateWorld(buildWorld({ ...licensed({ only: ["AA"] }), markets: [...(licensed().markets ?? []), { country: "EE", commodity: "x", demand: 5, coverDays: 20, imports: { CC: 1 } }], countries: ["AA", "BB", "CC", "DD", "EE"] }), { seed: 1 });
    expect(originInto(onlyAA, "AA")).toBeLessThanOrEqual(1e-9);
    // EE buys from CC, whose stock is all BB's origin: not listed, so it flows.
    expect(originInto(onlyAA, "EE")).toBeGreaterThan(100);
  });
});

describe("extraterritorial reach (de minimis)", () => {
  /** CC makes p from BB's x (0.05 t of x per t of p) and its own y; BB's rule on p reaches CC's exports to AA. */
  const made = (threshold: number): SmallWorld => ({
    countries: ["AA", "BB", "CC"],
    commodities: ["x", "y", "p"],
    days: 200,
    warmUpDays: 60,
    transitDays: 5,
    orderIntervalDays: 10,
    facilities: [
      { id: "bb-mine", country: "BB", capacityTonnesPerDay: 50, outputs: { x: 1 } },
      { id: "cc-y", country: "CC", capacityTonnesPerDay: 50, outputs: { y: 1 } },
      { id: "cc-plant", country: "CC", capacityTonnesPerDay: 20, inputs: { x: 0.05, y: 0.95 }, outputs: { p: 1 } },
    ],
    markets: [
      { country: "CC", commodity: "x", coverDays: 20, imports: { BB: 1 } },
      { country: "AA", commodity: "p", demand: 10, coverDays: 20, imports: { CC: 1 } },
    ],
    controls: [{ id: "reach", exporter: "BB", commodities: ["p"], destinations: { mode: "only", countries: ["AA"] }, measure: { kind: "ban" }, effectiveDay: 0, extraterritorialInputs: ["x"], threshold }],
  });
  const importsAfterWarmUp = (threshold: number) => column(simulateWorld(buildWorld(made(threshold)), { seed: 1 }), "AA", "p", "imports_t").slice(60).reduce((a, b) => a + b, 0);

  it("lets the third country's good through below the threshold (5% of its mass is of the exporter's origin)", () => {
    expect(importsAfterWarmUp(0.1)).toBeGreaterThan(1000);
  });

  it("governs it above the threshold", () => {
    expect(importsAfterWarmUp(0.01)).toBe(0);
  });
});

describe("a reserve", () => {
  it("refills to its target within the time its refill rate and the transit allow", () => {
    const world: SmallWorld = {
      countries: ["AA", "BB"],
      commodities: ["x"],
      days: 200,
      transitDays: 45,
      orderIntervalDays: 30,
      facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 50, outputs: { x: 1 } }],
      markets: [
        { country: "BB", commodity: "x", inventory: 5_000 },
        { country: "AA", commodity: "x", demand: 2, coverDays: 30, imports: { BB: 1 } },
      ],
      // Drained: 0 t held toward a 60 t target, buying back 1 t a day.
      stockpiles: [{ id: "reserve", country: "AA", commodity: "x", tonnes: 0, target: 60, maxRelease: 2, refill: 1 }],
    };
    const level = column(simulateWorld(buildWorld(world), { seed: 1 }), "AA", "x", "stockpile_t");
    // Orders go out each round (30 t a round at 1 t/day), land 45 days later: 30 t by day 45, 60 t by day 75.
    expect(level[44]).toBe(0);
    expect(level[45]).toBeCloseTo(30, 6);
    expect(level[75]).toBeCloseTo(60, 6);
    expect(level[199]).toBeCloseTo(60, 6);
  });

  it("releases only after the shortage has lasted and the decision lag passed, and never before its first date", () => {
    const world = (release: { sustainedDays?: number; decisionLagDays?: number; fromEpochDay?: number | null }): SmallWorld => ({
      countries: ["AA"],
      commodities: ["x"],
      days: 120,
      markets: [{ country: "AA", commodity: "x", demand: 10, inventory: 100 }],
      stockpiles: [{ id: "reserve", country: "AA", commodity: "x", tonnes: 2_000, maxRelease: 10, release }],
    });
    const shortfall = (release: Parameters<typeof world>[0]) => column(simulateWorld(buildWorld(world(release)), { seed: 1 }), "AA", "x", "shortfall_t");
    // The stock runs out on day 10. A reflex reserve covers at once; with 5 days sustained and 20 of lag, on day 35.
    expect(shortfall({}).every((v) => v < 1e-9)).toBe(true);
    const decided = shortfall({ sustainedDays: 5, decisionLagDays: 20 });
    expect(decided[9]).toBe(0);
    expect(decided[10]).toBeCloseTo(10, 6);
    expect(decided[34]).toBeCloseTo(10, 6);
    expect(decided[35]).toBeLessThan(1e-9);
    const later = shortfall({ fromEpochDay: START + 60 });
    expect(later[59]).toBeCloseTo(10, 6);
    expect(later[60]).toBeLessThan(1e-9);
  });
});

describe("a reserve under a sawtooth supply", () => {
  it("counts dry spells between deliveries as one shortage, and releases through them once decided", () => {
    // BB mines 5 t/day and ships it each 30-day round: AA (10 t/day) is dry for the first 30
    // days, then has stock for 15 days of every 30 and is dry for the other 15.
    const world = (withReserve: boolean): SmallWorld => ({
      countries: ["AA", "BB"],
      commodities: ["x"],
      days: 200,
      transitDays: 0,
      orderIntervalDays: 30,
      facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 5, outputs: { x: 1 } }],
      markets: [
        { country: "BB", commodity: "x", inventory: 0 },
        { country: "AA", commodity: "x", demand: 10, coverDays: 10, inventory: 0, imports: { BB: 1 } },
      ],
      stockpiles: withReserve ? [{ id: "reserve", country: "AA", commodity: "x", tonnes: 5_000, maxRelease: 10, release: { sustainedDays: 30, decisionLagDays: 10 } }] : [],
    });
    const shortfall = (withReserve: boolean) => column(simulateWorld(buildWorld(world(withReserve)), { seed: 1 }), "AA", "x", "shortfall_t");
    const without = shortfall(false);
    expect(without[50]).toBeCloseTo(10, 6); // the second dry spell, days 45-59
    const decided = shortfall(true);
    // The shortage opened on day 0; the 15 days of stock from day 30 are a gap shorter than the
    // 30 sustained days, so the decision of day 40 stands and the reserve covers every later dry spell.
    expect(decided[29]).toBeCloseTo(10, 6);
    expect(Array.from(decided.slice(30)).every((v) => v < 1e-9)).toBe(true);
  });
});

describe("a quota that starts mid-year", () => {
  it("allows only the share of its annual tonnes left in that year", () => {
    // START is 2024-10-04: a quota effective on day 0 has 89 of 366 days of 2024 left.
    const world: SmallWorld = {
      countries: ["AA", "BB"],
      commodities: ["x"],
      days: 80,
      transitDays: 0,
      orderIntervalDays: 5,
      facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
      markets: [
        { country: "BB", commodity: "x", inventory: 10_000 },
        { country: "AA", commodity: "x", demand: 50, coverDays: 10, imports: { BB: 1 } },
      ],
      controls: [{ id: "quota", exporter: "BB", commodities: ["x"], measure: { kind: "quota", tonnesPerYear: 3660 }, effectiveDay: 0 }],
    };
    const shipped = column(simulateWorld(buildWorld(world), { seed: 1 }), "BB", "x", "exports_t").reduce((a, b) => a + b, 0);
    expect(shipped).toBeCloseTo((3660 * 89) / 366, 3);
  });
});

describe("importers re-plan when the rules change", () => {
  /** AA buys half from BB and half from CC, every 30 days, 7 days' transit; BB bans AA from day 40. */
  const world = (ban: { effectiveDay?: number | null; imposeDay?: number }): SmallWorld => ({
    countries: ["AA", "BB", "CC"],
    commodities: ["x"],
    days: 120,
    warmUpDays: 0,
    transitDays: 7,
    orderIntervalDays: 30,
    facilities: [
      { id: "bb-mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } },
      { id: "cc-mine", country: "CC", capacityTonnesPerDay: 100, outputs: { x: 1 } },
    ],
    markets: [
      { country: "AA", commodity: "x", demand: 10, coverDays: 20, imports: { BB: 0.5, CC: 0.5 } },
      { country: "BB", commodity: "x", demand: 1, coverDays: 20 },
      { country: "CC", commodity: "x", demand: 1, coverDays: 20 },
    ],
    controls: [{ id: "ban", exporter: "BB", commodities: ["x"], destinations: { mode: "only", countries: ["AA"] }, measure: { kind: "ban" }, effectiveDay: ban.effectiveDay }],
    events: ban.imposeDay === undefined ? [] : [{ id: "impose", day: ban.imposeDay, action: { kind: "impose", controls: [0] } }],
  });
  /** Days on which tonnes land in AA. */
  const landings = (w: SmallWorld) => [...column(simulateWorld(buildWorld(w), { seed: 1 }), "AA", "x", "imports_t").entries()].filter(([, v]) => v > 1e-9).map(([d]) => d);

  it("orders on the day a control takes effect, and the rounds restart from it", () => {
    // AA starts at its order-up-to level, so the round of day 0 orders nothing; the round of day 30
    // lands on day 37; on day 40, when the ban takes effect, a round sends BB's half to CC, landing
    // on day 47; the next rounds are 30 days on from it, on days 70 and 100.
    expect(landings(world({ effectiveDay: 40 }))).toEqual([37, 47, 77, 107]);
  });

  it("orders on the day an event imposes a control", () => {
    expect(landings(world({ effectiveDay: null, imposeDay: 40 }))).toEqual([37, 47, 77, 107]);
  });

  it("keeps the grid where nothing changes", () => {
    expect(landings(world({ effectiveDay: null }))).toEqual([37, 67, 97]);
  });
});

/**
 * Reserve policies with known answers: a release at a known rate or share of the shortfall, the
 * demand a reserve serves (defence, critical, participants), each release trigger (shortage,
 * price, cover, control) firing on its condition and not otherwise, the stop after a duration,
 * the refill price ceiling, and the run's account of a reserve that released nothing. The world
 * is one importer (AA) and one producer (BB) that bans it.
 */
import { describe, expect, it } from "vitest";
import { simulateWorld, type ReleasePolicy, type SimulationResult } from "../../src/model/index.js";
import { buildWorld, type SmallWorld } from "./small-world.js";

const DEMAND = 7; // t/day
const STOCK = 700; // AA runs dry at day 100 under a ban from day 0
const DRY_DAY = STOCK / DEMAND;
/** A government decision: 30 days of a 10% shortage, then 30 days to decide. */
const DECIDED: Partial<ReleasePolicy> = { triggerShare: 0.1, sustainedDays: 30, decisionLagDays: 30 };

type Reserve = NonNullable<SmallWorld["stockpiles"]>[number];
type Control = NonNullable<SmallWorld["controls"]>[number];

interface Options {
  controls?: Control[];
  events?: SmallWorld["events"];
  priority?: { defence?: number; critical?: number };
  response?: SmallWorld["response"];
}

function world(reserve: Partial<Reserve>, options: Options = {}): SmallWorld {
  return {
    countries: ["AA", "BB"],
    commodities: ["x"],
    days: 400,
    transitDays: 20,
    orderIntervalDays: 30,
    facilities: [{ id: "mine", country: "BB", capacityTonnesPerDay: 100, outputs: { x: 1 } }],
    markets: [{ country: "AA", commodity: "x", demand: DEMAND, coverDays: 30, inventory: STOCK, imports: { BB: 1 }, priority: options.priority }],
    stockpiles: [{ id: "reserve", country: "AA", commodity: "x", tonnes: 1000, maxRelease: 50, ...reserve }],
    controls: options.controls ?? [{ id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 0 }],
    events: options.events,
    response: options.response,
  };
}

function run(w: SmallWorld): SimulationResult {
  return simulateWorld(buildWorld(w), { seed: 1 });
}

const kpi = (result: SimulationResult) => result.kpis.find((k) => k.country === "AA")!;
const outcome = (result: SimulationResult) => result.reserves[0];

describe("a release rate", () => {
  it("of a share of the shortfall covers exactly that share until the reserve is empty", () => {
    const reserve = 280;
    const result = run(world({ tonnes: reserve, release: { shortfallShare: 0.5 } }));
    const empty = DRY_DAY + reserve / (DEMAND / 2);
    // Half the demand unmet while it releases, all of it after, to the end of the 400 days.
    expect(kpi(result).unmetTonnes).toBeCloseTo((DEMAND / 2) * (empty - DRY_DAY) + DEMAND * (400 - empty), 6);
    expect(outcome(result)).toMatchObject({ id: "reserve", country: "AA", commodity: "x", firstReleaseDay: DRY_DAY, idleReason: null });
    expect(outcome(result).releasedTonnes).toBeCloseTo(reserve, 6);
  });

  it("in tonnes per day covers exactly that rate, the share of the shortfall capped by it", () => {
    const result = run(world({ tonnes: 1000, maxRelease: 2, release: { shortfallShare: 0.5 } }));
    expect(kpi(result).unmetTonnes).toBeCloseTo((DEMAND - 2) * (400 - DRY_DAY), 6);
    expect(outcome(result).releasedTonnes).toBeCloseTo(2 * (400 - DRY_DAY), 6);
  });
});

describe("the demand a reserve serves", () => {
  const priority = { defence: 0.2, critical: 0.3 };
  const days = 400 - DRY_DAY;
  const served = (serves: Reserve["serves"], participants?: number) => kpi(run(world({ tonnes: 5000, serves, participants }, { priority })));

  it("all of it", () => {
    expect(served("all").unmetTonnes).toBeCloseTo(0, 6);
  });

  it("defence: the defence class only", () => {
    const k = served("defence");
    expect(k.unmetTonnes).toBeCloseTo(DEMAND * 0.8 * days, 6);
    expect(k.defenceUnmetTonnes).toBeCloseTo(0, 6);
    expect(k.criticalUnmetTonnes).toBeCloseTo(DEMAND * 0.3 * days, 6);
  });

  it("critical: defence and critical civilian use", () => {
    const k = served("critical");
    expect(k.unmetTonnes).toBeCloseTo(DEMAND * 0.5 * days, 6);
    expect(k.defenceUnmetTonnes).toBeCloseTo(0, 6);
    expect(k.criticalUnmetTonnes).toBeCloseTo(0, 6);
  });

  it("participants: their share of all unmet demand, filling the classes in the order they are served", () => {
    const k = served("participants", 0.4);
    expect(k.unmetTonnes).toBeCloseTo(DEMAND * 0.6 * days, 6);
    expect(k.defenceUnmetTonnes).toBeCloseTo(0, 6);
    expect(k.criticalUnmetTonnes).toBeCloseTo((DEMAND * 0.3 - (DEMAND * 0.4 - DEMAND * 0.2)) * days, 6);
  });
});

describe("a release trigger", () => {
  const firstRelease = (release: Partial<ReleasePolicy>, options: Options = {}) => outcome(run(world({ release: { ...DECIDED, ...release } }, options))).firstReleaseDay;
  // A shortage alone: decided 60 days after AA runs dry.
  const SHORTAGE_ONLY = DRY_DAY + 60;

  it("a shortage: decided after the sustained time and the lag", () => {
    expect(firstRelease({})).toBe(SHORTAGE_ONLY);
  });

  // Triggers that move without a re-solve (cover, price, controls) are looked at at the start of
  // each day, so one that comes true during day t fires at the start of day t + 1.
  it("cover below N days fires once the stock falls below N days of use, and not before", () => {
    // Below 90 days of use from day 10: decided at day 71, released once AA runs dry.
    expect(firstRelease({ coverBelowDays: 90 })).toBe(DRY_DAY);
    // Below 20 days after day 80: decided at day 81 + 60.
    expect(firstRelease({ coverBelowDays: 20 })).toBe(81 + 60);
    // Below 1 day after day 99: looked at on day 100, when the shortage opens the episode anyway.
    expect(firstRelease({ coverBelowDays: 1 })).toBe(SHORTAGE_ONLY);
  });

  it("a control in force on the commodity covering a member fires from its effective date", () => {
    expect(firstRelease({ onControl: "in-force" })).toBe(DRY_DAY); // the ban is in force from day 0: decided at day 60
  });

  it("a control fires only where it covers a member, 'in force' from its effective date, 'announced' from its announcement", () => {
    // AA runs dry at day 100 because BB's mine stops (no control on AA).
    const stop: SmallWorld["events"] = [{ id: "stop", day: 0, action: { kind: "facility-offline", facility: 0, untilEpochDay: null } }];
    const elsewhere: Control = { id: "elsewhere", exporter: "BB", commodities: ["x"], destinations: { mode: "only", countries: ["BB"] }, measure: { kind: "ban" }, effectiveDay: 0 };
    expect(firstRelease({ onControl: "in-force" }, { controls: [elsewhere], events: stop })).toBe(SHORTAGE_ONLY);
    // Announced at day 10, in force at day 300.
    const later: Control = { id: "later", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, announcedDay: 10, effectiveDay: 300 };
    expect(firstRelease({ onControl: "in-force" }, { controls: [later], events: stop })).toBe(SHORTAGE_ONLY);
    expect(firstRelease({ onControl: "announced" }, { controls: [later], events: stop })).toBe(DRY_DAY);
  });

  it("a price above a level fires once the member's price index passes it, and never below it", () => {
    // Prices follow cover at once: the index is 210 t (30 days of cover) over AA's stock. No
    // expectations (horizon 0), so the ban in force from day 0 moves the price through cover only.
    const response: SmallWorld["response"] = { priceStepDays: 1, all: { adjustmentDays: 0, relaxationDays: 0, coverSensitivity: 1, maxPrice: 5, minPrice: 0.2, horizonDays: 0 } };
    // Above 1.2 once the stock is below 175 t, after day 75: decided at day 76 + 60.
    expect(firstRelease({ priceAbove: 1.2 }, { response })).toBe(76 + 60);
    // Above 2 below 105 t, after day 85.
    expect(firstRelease({ priceAbove: 2 }, { response })).toBe(86 + 60);
    // The index never passes its cap of 5: the shortage decides.
    expect(firstRelease({ priceAbove: 6 }, { response })).toBe(SHORTAGE_ONLY);
  });
});

describe("a stop rule", () => {
  it("after a duration: the release lapses that long after its decision", () => {
    const result = run(world({ release: { maxDurationDays: 30 } }));
    expect(outcome(result).releasedTonnes).toBeCloseTo(30 * DEMAND, 6);
    expect(kpi(result).unmetTonnes).toBeCloseTo(DEMAND * (400 - DRY_DAY - 30), 6);
  });

  it("at the floor: it releases down to its floor only", () => {
    const result = run(world({ tonnes: 500, floor: 300 }));
    expect(outcome(result).releasedTonnes).toBeCloseTo(200, 6);
  });
});

describe("a refill price ceiling", () => {
  const refilling = (ceiling?: number) => {
    const w = world({ tonnes: 0, target: 100, refill: 5, refillPriceCeiling: ceiling }, { controls: [] });
    const result = simulateWorld(buildWorld(w), { seed: 1 });
    const s = result.timeline.series.findIndex((x) => x.country === "AA");
    return result.timeline.value("stockpile_t", result.timeline.dayCount - 1, s);
  };

  it("buys nothing while the host's price index is above it, and buys without it", () => {
    expect(refilling()).toBeCloseTo(100, 6);
    expect(refilling(0.5)).toBe(0); // the index stays at 1 (no response)
    expect(refilling(1)).toBeCloseTo(100, 6);
  });
});

describe("a reserve that released nothing says why", () => {
  it("it was empty", () => {
    expect(outcome(run(world({ tonnes: 0 })))).toMatchObject({ releasedTonnes: 0, firstReleaseDay: null, idleReason: "empty" });
  });

  it("its trigger never fired", () => {
    expect(outcome(run(world({ release: DECIDED }, { controls: [] }))).idleReason).toBe("never-triggered");
  });

  it("each shortage ended before the decision", () => {
    const brief: Control = { id: "ban", exporter: "BB", commodities: ["x"], measure: { kind: "ban" }, effectiveDay: 0, endDay: 110 };
    expect(outcome(run(world({ release: { ...DECIDED, decisionLagDays: 200 } }, { controls: [brief] }))).idleReason).toBe("never-decided");
  });

  it("the demand it serves was never short (a defence reserve where there is no defence use)", () => {
    expect(outcome(run(world({ serves: "defence" }))).idleReason).toBe("never-short");
  });
});

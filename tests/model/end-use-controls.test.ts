/**
 * End-use controls (`endUse: defence`, src/model/end-use-rule.ts) with known answers: where one
 * applies, the defence class may not consume the exporter's origin, so it takes at most
 * (1 - the stock's content of that origin) of what the market consumes; the other classes are
 * served as before (with stock) or take what defence cannot (rationing); orders and trade are
 * untouched; nothing changes before the control takes effect or while it is suspended or after it
 * is lifted; a reserve that serves defence fills the gap.
 */
import { describe, expect, it } from "vitest";
import { simulateWorld, type ReleasePolicy, type SimulationResult, type TimelineResult } from "../../src/model/index.js";
import { buildWorld, START, type SmallWorld } from "./small-world.js";

const DEMAND = 10; // t/day
const DEFENCE = 0.1; // defence's share of demand
const DAYS = 100;

type Control = NonNullable<SmallWorld["controls"]>[number];
type Reserve = NonNullable<SmallWorld["stockpiles"]>[number];

/** CN's end-use ban on x to every destination (military end users), in force from day 0. */
const endUseBan = (options: Partial<Control> = {}): Control => ({ id: "military", exporter: "CN", commodities: ["x"], measure: { kind: "ban" }, endUse: "defence", effectiveDay: 0, ...options });

/**
 * AA holds stock for the whole run (no orders come due) whose origin is `controlled` CN and the
 * rest XX (its import shares, with nothing arriving: the content stays put).
 */
function stocked(controlled: number, controls: Control[] = [endUseBan()], extra: Partial<SmallWorld> = {}): SmallWorld {
  const imports: Record<string, number> = controlled >= 1 ? { CN: 1 } : controlled <= 0 ? { XX: 1 } : { CN: controlled, XX: 1 - controlled };
  return {
    countries: ["AA", "CN", "XX"],
    commodities: ["x"],
    days: DAYS,
    orderIntervalDays: 1000,
    markets: [{ country: "AA", commodity: "x", demand: DEMAND, coverDays: 0, inventory: 100_000, imports, priority: { defence: DEFENCE } }],
    controls,
    ...extra,
  };
}

const run = (w: SmallWorld): TimelineResult => simulateWorld(buildWorld(w), { seed: 1, timeline: true });
const kpiOf = (result: SimulationResult, country = "AA", commodity = "x") => result.kpis.find((k) => k.country === country && k.commodity === commodity)!;
/** What the classes other than defence consumed, tonnes. */
const othersConsumed = (result: SimulationResult, country = "AA", commodity = "x"): number => {
  const k = kpiOf(result, country, commodity);
  return k.demandTonnes - k.unmetTonnes - (DEFENCE * k.demandTonnes - k.defenceUnmetTonnes);
};
function column(result: TimelineResult, country: string, commodity: string, name: "shortfall_t" | "consumed_t" | "imports_t" | "exports_t" | "inventory_t"): Float64Array {
  const s = result.timeline.series.findIndex((x) => x.country === country && x.commodity === commodity);
  return result.timeline.seriesValues(name, s);
}

describe("an end-use ban where the stock holds the controlled origin", () => {
  it("refuses exactly the defence share when the stock is all of the exporter's origin, and the other classes consume as before", () => {
    const result = run(stocked(1));
    const plain = run(stocked(1, []));
    const k = kpiOf(result);
    expect(k.demandTonnes).toBeCloseTo(DEMAND * DAYS, 9);
    expect(k.defenceUnmetTonnes).toBeCloseTo(DEFENCE * DEMAND * DAYS, 9);
    expect(k.unmetTonnes).toBeCloseTo(DEFENCE * DEMAND * DAYS, 9);
    expect(othersConsumed(result)).toBeCloseTo(othersConsumed(plain), 9);
    expect(kpiOf(plain).unmetTonnes).toBe(0);
    // What defence did not consume stays in stock.
    const stock = column(result, "AA", "x", "inventory_t");
    expect(stock[DAYS - 1]).toBeCloseTo(100_000 - (1 - DEFENCE) * DEMAND * DAYS, 6);
  });

  it("serves defence in full when the uncontrolled part of the stock covers it (40% controlled: 10% < 60%)", () => {
    const k = kpiOf(run(stocked(0.4)));
    expect(k.defenceUnmetTonnes).toBe(0);
    expect(k.unmetTonnes).toBe(0);
  });

  it("gives defence exactly the uncontrolled share of consumption when that is less than its demand (95% controlled)", () => {
    const result = run(stocked(0.95));
    const k = kpiOf(result);
    const consumed = k.demandTonnes - k.unmetTonnes;
    const defenceServed = DEFENCE * k.demandTonnes - k.defenceUnmetTonnes;
    expect(defenceServed / consumed).toBeCloseTo(0.05, 12);
    // The others consume their whole demand; defence gets 5% of what is consumed.
    expect(othersConsumed(result)).toBeCloseTo((1 - DEFENCE) * DEMAND * DAYS, 9);
    expect(k.defenceUnmetTonnes).toBeCloseTo(DEFENCE * DEMAND * DAYS - (0.05 * (1 - DEFENCE) * DEMAND * DAYS) / 0.95, 9);
  });

  it("takes its coverage of the controlled origin, and two controls of one exporter on the same goods refuse no more than one", () => {
    const half = kpiOf(run(stocked(1, [endUseBan({ coverage: 0.5 })])));
    // Half the origin is refused to defence: 50% of consumption is open to it, more than its 10%.
    expect(half.defenceUnmetTonnes).toBe(0);
    const twice = kpiOf(run(stocked(0.95, [endUseBan(), endUseBan({ id: "military-2" })])));
    expect(twice.defenceUnmetTonnes).toBeCloseTo(kpiOf(run(stocked(0.95))).defenceUnmetTonnes, 9);
  });

  it("does not apply to a destination it does not cover, nor to a commodity it does not name, nor to other exporters' origin", () => {
    expect(kpiOf(run(stocked(1, [endUseBan({ destinations: { mode: "except", countries: ["AA"] } })]))).unmetTonnes).toBe(0);
    expect(kpiOf(run({ ...stocked(1, [endUseBan({ commodities: ["y"] })]), commodities: ["x", "y"] })).unmetTonnes).toBe(0);
    expect(kpiOf(run(stocked(0))).unmetTonnes).toBe(0);
  });
});

describe("an end-use ban's dates", () => {
  it("changes nothing before it takes effect, while it is suspended, or after it is lifted", () => {
    // In force on days 30-49 and 80-89: suspended on day 50 until day 80, lifted on day 90.
    const result = run(
      stocked(1, [endUseBan({ effectiveDay: 30 })], {
        events: [
          { id: "deal", day: 50, action: { kind: "suspend", controls: [0], untilEpochDay: START + 80 } },
          { id: "lifted", day: 90, action: { kind: "lift", controls: [0] } },
        ],
      }),
    );
    const shortfall = Array.from(column(result, "AA", "x", "shortfall_t"));
    const inForce = (d: number) => (d >= 30 && d < 50) || (d >= 80 && d < 90);
    shortfall.forEach((value, d) => expect(value).toBeCloseTo(inForce(d) ? DEFENCE * DEMAND : 0, 9));
    expect(kpiOf(result).defenceUnmetTonnes).toBeCloseTo(30 * DEFENCE * DEMAND, 9);
  });

  it("ends on its end date, and a general licence for the destination exempts it for its term", () => {
    const ended = run(stocked(1, [endUseBan({ endDay: 40 })]));
    expect(kpiOf(ended).defenceUnmetTonnes).toBeCloseTo(40 * DEFENCE * DEMAND, 9);
    const licensed = run(stocked(1, [endUseBan()], { events: [{ id: "gl", day: 20, action: { kind: "general-licence", controls: [0], destinations: [0], untilEpochDay: START + 60, share: 1 } }] }));
    expect(kpiOf(licensed).defenceUnmetTonnes).toBeCloseTo(60 * DEFENCE * DEMAND, 9);
  });
});

describe("an end-use ban in a rationing market with trade", () => {
  /**
   * CN mines y and sells it to AA, whose plant makes x from it at 8 t/day against a demand of
   * 10 (defence 10%): x is rationed, all of CN origin. The ban names x and y. A warm-up lets
   * deliveries settle and x's stock take its content from the plant's feed (the rule reads the
   * content at each solve).
   */
  const rationed = (controls: Control[]): SmallWorld => ({
    countries: ["AA", "CN"],
    commodities: ["y", "x"],
    days: 300,
    warmUpDays: 90,
    transitDays: 20,
    orderIntervalDays: 30,
    facilities: [
      { id: "mine", country: "CN", capacityTonnesPerDay: 100, outputs: { y: 1 } },
      { id: "plant", country: "AA", capacityTonnesPerDay: 8, inputs: { y: 1 }, outputs: { x: 1 } },
    ],
    markets: [
      { country: "AA", commodity: "y", coverDays: 30, inventory: 240, imports: { CN: 1 } },
      { country: "AA", commodity: "x", demand: DEMAND, coverDays: 0, inventory: 0, priority: { defence: DEFENCE } },
    ],
    controls: controls.map((c) => ({ ...c, commodities: ["x", "y"] })),
  });

  it("leaves orders and trade as without it, and gives the other classes what defence may not take", () => {
    const plain = run(rationed([]));
    const banned = run(rationed([endUseBan()]));
    // The same tonnes on the same routes (only the report of controlled origin differs: without a control no origin is tracked).
    const tonnes = (r: SimulationResult) => r.trade.map(({ year, exporter, importer, commodity, tonnes }) => ({ year, exporter, importer, commodity, tonnes }));
    expect(tonnes(banned)).toEqual(tonnes(plain));
    expect(column(banned, "AA", "y", "imports_t")).toEqual(column(plain, "AA", "y", "imports_t"));
    expect(column(banned, "CN", "y", "exports_t")).toEqual(column(plain, "CN", "y", "exports_t"));
    expect(plain.trade.some((flow) => flow.tonnes > 0)).toBe(true);
    const [p, b] = [kpiOf(plain, "AA", "x"), kpiOf(banned, "AA", "x")];
    // Consumption is the plant's 8 t/day either way; defence's 1 t/day goes to the others.
    expect(b.unmetTonnes).toBeCloseTo(p.unmetTonnes, 6);
    expect(p.defenceUnmetTonnes).toBe(0);
    expect(b.defenceUnmetTonnes).toBeCloseTo(DEFENCE * DEMAND * 300, 6);
  });

  it("while a ban on all uses of the same goods stops the trade", () => {
    const all = run(rationed([endUseBan({ endUse: "all" })]));
    expect(all.trade.reduce((sum, flow) => sum + flow.tonnes, 0)).toBe(0);
  });
});

describe("a reserve that serves defence", () => {
  const nds = (release: Partial<ReleasePolicy> = {}): Reserve => ({ id: "nds", country: "AA", commodity: "x", tonnes: 1000, maxRelease: 5, serves: "defence", release });

  it("fills the gap the end-use ban leaves defence (its release is not held to the origin rule)", () => {
    const result = run(stocked(1, [endUseBan()], { stockpiles: [nds()] }));
    expect(kpiOf(result).defenceUnmetTonnes).toBeCloseTo(0, 9);
    expect(kpiOf(result).unmetTonnes).toBeCloseTo(0, 9);
    expect(result.reserves[0].releasedTonnes).toBeCloseTo(DEFENCE * DEMAND * DAYS, 6);
  });

  it("once decided: a gap of 10% of use held for 20 days opens a release that fills it from then on", () => {
    const result = run(stocked(1, [endUseBan()], { stockpiles: [nds({ triggerShare: 0.05, sustainedDays: 10, decisionLagDays: 10 })] }));
    expect(kpiOf(result).defenceUnmetTonnes).toBeCloseTo(20 * DEFENCE * DEMAND, 6);
    expect(result.reserves[0]).toMatchObject({ firstReleaseDay: 20 });
    expect(result.reserves[0].releasedTonnes).toBeCloseTo((DAYS - 20) * DEFENCE * DEMAND, 6);
  });

  it("is not triggered by a gap below its trigger, and a reserve that serves all does not release into a market with stock", () => {
    const below = run(stocked(1, [endUseBan()], { stockpiles: [nds({ triggerShare: 0.2, sustainedDays: 10, decisionLagDays: 10 })] }));
    expect(below.reserves[0].releasedTonnes).toBe(0);
    const all = run(stocked(1, [endUseBan()], { stockpiles: [{ ...nds(), serves: "all" }] }));
    expect(all.reserves[0].releasedTonnes).toBe(0);
    expect(kpiOf(all).defenceUnmetTonnes).toBeCloseTo(DEFENCE * DEMAND * DAYS, 9);
  });
});

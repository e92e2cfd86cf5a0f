/**
 * fast-check generators of small random worlds: a few countries, a chain of up to three
 * commodities (mined, refined, manufactured), random facilities, demand, import shares,
 * reserves (some for defence only), export controls of every kind, outages, scripted events,
 * priority classes of demand and, in about half of them, a market response.
 */
import fc from "fast-check";
import type { EventAction } from "../../src/model/index.js";
import { START, type SmallWorld } from "./small-world.js";

export interface RandomWorldOptions {
  /** Only one commodity (mined), no processing. */
  readonly singleStage?: boolean;
  /** Leave out scripted stockpile releases and purchases. */
  readonly noStockpileEvents?: boolean;
  /**
   * Give the first reserve's holder demand, import sources and a supplier that bans it at
   * some point, so that the holder usually runs short and the reserve has work to do.
   */
  readonly stressedHolder?: boolean;
  /** Whether markets respond (prices, demand, supply, throttles) in about half the worlds (default true). */
  readonly response?: boolean;
}

const COUNTRIES = ["AA", "BB", "CC", "DD"];
const COMMODITIES = ["ore", "metal", "part"];

export function randomWorld(options: RandomWorldOptions = {}): fc.Arbitrary<SmallWorld> {
  return fc
    .record({
      countryCount: fc.integer({ min: 2, max: 4 }),
      stageCount: options.singleStage ? fc.constant(1) : fc.integer({ min: 1, max: 3 }),
      days: fc.integer({ min: 60, max: 240 }),
      warmUpDays: fc.integer({ min: 0, max: 60 }),
      orderIntervalDays: fc.integer({ min: 5, max: 45 }),
      transitDays: fc.integer({ min: 0, max: 40 }),
      qualificationLagDays: fc.integer({ min: 0, max: 120 }),
      seeds: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 300, maxLength: 300 }),
    })
    .map(({ countryCount, stageCount, days, warmUpDays, orderIntervalDays, transitDays, qualificationLagDays, seeds }) => {
      // A deterministic walk over pre-drawn numbers keeps shrinking meaningful and the code plain.
      let cursor = 0;
      const u = () => seeds[cursor++ % seeds.length];
      const pick = <T>(items: readonly T[]) => items[Math.floor(u() * items.length) % items.length];
      const countries = COUNTRIES.slice(0, countryCount);
      const commodities = COMMODITIES.slice(0, stageCount);
      const world: SmallWorld = { countries, commodities, days, warmUpDays, orderIntervalDays, transitDays, qualificationLagDays };
      world.facilities = [];
      for (const country of countries) {
        if (u() < 0.6) {
          world.facilities.push({
            id: `mine-${country}`,
            country,
            capacityTonnesPerDay: 1 + 40 * u(),
            utilization: 0.5 + 0.5 * u(),
            outputs: { ore: 1 },
            onlineDay: u() < 0.2 ? Math.floor(u() * days) : undefined,
            rampUpDays: u() < 0.3 ? Math.floor(60 * u()) : 0,
            outages: u() < 0.3 ? { ratePerYear: 6 * u(), durationDays: { kind: "uniform", min: 1, max: 30 } } : undefined,
          });
        }
        for (let k = 1; k < stageCount; k++) {
          if (u() < 0.5) {
            world.facilities.push({
              id: `plant-${commodities[k]}-${country}`,
              country,
              capacityTonnesPerDay: 1 + 20 * u(),
              inputs: { [commodities[k - 1]]: 1 + u(), ...(k === 2 && u() < 0.5 ? { ore: 0.2 } : {}) },
              outputs: { [commodities[k]]: 0.5 + 0.5 * u() },
            });
          }
        }
      }
      world.markets = [];
      for (const country of countries) {
        for (const commodity of commodities) {
          if (u() < 0.3) continue;
          const imports: Record<string, number> = {};
          for (const other of countries) if (other !== country && u() < 0.5) imports[other] = 0.1 + u();
          world.markets.push({
            country,
            commodity,
            demand: u() < 0.8 ? 10 * u() : 0,
            growth: u() < 0.3 ? u() * 0.2 - 0.05 : 0,
            coverDays: 60 * u(),
            inventory: u() < 0.5 ? 200 * u() : undefined,
            imports,
            priority: u() < 0.4 ? { defence: 0.5 * u(), critical: 0.5 * u() } : undefined,
          });
        }
      }
      world.stockpiles = [];
      for (const country of countries) {
        // In single-stage worlds every reserve holds the one commodity; make them likelier.
        if (u() < (options.singleStage ? 0.8 : 0.4)) {
          const shared = u() < 0.3;
          world.stockpiles.push({
            id: `reserve-${country}`,
            country,
            commodity: pick(commodities),
            members: shared ? [country, pick(countries.filter((c) => c !== country))] : [country],
            tonnes: 300 * u(),
            floor: u() < 0.3 ? 20 * u() : 0,
            maxRelease: 0.5 + 10 * u(),
            refill: u() < 0.3 ? 2 * u() : 0,
            serves: u() < 0.25 ? "defence" : "all",
          });
        }
      }
      world.controls = [];
      const controlCount = Math.floor(u() * 4);
      for (let i = 0; i < controlCount; i++) {
        const kind = pick(["ban", "licensing", "quota"] as const);
        world.controls.push({
          id: `control-${i}`,
          exporter: pick(countries),
          commodities: [pick(commodities)],
          destinations: u() < 0.5 ? { mode: "all", countries: [] } : { mode: pick(["only", "except"] as const), countries: [pick(countries)] },
          measure:
            kind === "ban"
              ? { kind }
              : kind === "quota"
                ? { kind, tonnesPerYear: 2000 * u() }
                : { kind, approval: u(), processingDays: { kind: "triangular", min: 0, mode: 20 * u(), max: 20 + 60 * u() } },
          effectiveDay: u() < 0.2 ? null : Math.floor((days + warmUpDays) * u()) - warmUpDays,
          endDay: u() < 0.2 ? days - Math.floor(days * u() * 0.5) : null,
        });
      }
      world.events = [];
      const eventCount = Math.floor(u() * 4);
      for (let i = 0; i < eventCount; i++) {
        const day = Math.floor(days * u());
        const until = START + day + 1 + Math.floor(60 * u());
        const choices: EventAction[] = [];
        if (world.controls.length > 0) {
          const control = Math.floor(u() * world.controls.length) % world.controls.length;
          const controls = [control];
          choices.push({ kind: "suspend", controls, untilEpochDay: until }, { kind: "extend", controls, untilEpochDay: until }, { kind: "lift", controls }, { kind: "impose", controls });
        }
        if (world.facilities.length > 0) {
          const facility = Math.floor(u() * world.facilities.length) % world.facilities.length;
          choices.push({ kind: "facility-offline", facility, untilEpochDay: u() < 0.5 ? until : null }, { kind: "facility-online", facility });
        }
        if (world.stockpiles.length > 0 && !options.noStockpileEvents) {
          const stockpile = Math.floor(u() * world.stockpiles.length) % world.stockpiles.length;
          choices.push({ kind: "stockpile-release", stockpile, tonnes: 100 * u() }, { kind: "stockpile-purchase", stockpile, tonnes: 100 * u() });
        }
        if (choices.length === 0) continue;
        const dated = u() < 0.3 ? day + Math.floor(30 * u()) : day;
        world.events.push({ id: `event-${i}`, day: dated, probability: u() < 0.3 ? u() : 1, action: pick(choices) });
      }
      if (options.stressedHolder) stressHolder(world, u);
      if ((options.response ?? true) && u() < 0.5) {
        world.response = {
          priceStepDays: 1 + Math.floor(14 * u()),
          all: {
            adjustmentDays: 100 * u(),
            relaxationDays: 200 * u(),
            coverSensitivity: 3 * u(),
            maxPrice: 1 + 9 * u(),
            minPrice: 0.1 + 0.9 * u(),
            elasticity: -u(),
            substitutionThreshold: 1 + u(),
            substitutionPerYear: 0.5 * u(),
            substitutionMax: 0.5 * u(),
            unwindPerYear: 0.2 * u(),
            supplyThreshold: 1 + u(),
            restartDays: 60 * u(),
            supplyRampPerYear: 0.5 * u(),
            storageDays: u() < 0.5 ? 10 + 60 * u() : Infinity,
            investmentThreshold: 1 + u(),
            investmentAfterDays: 100 * u(),
            investmentLeadDays: 200 * u(),
            investmentShare: u() < 0.5 ? u() : 0,
            investmentMax: 2 * u(),
            expansionThreshold: 1 + u(),
            expansionAfterDays: 100 * u(),
            expansionLeadDays: 200 * u(),
            expansionPerYear: u() < 0.5 ? u() : 0,
            expansionMax: 2 * u(),
            horizonDays: u() < 0.5 ? 400 * u() : 0,
          },
        };
      }
      return world;
    });
}

/** Makes the first reserve's holder a short importer (see RandomWorldOptions.stressedHolder). */
function stressHolder(world: SmallWorld, u: () => number): void {
  const holder = world.countries[0];
  const commodity = world.commodities[0];
  const suppliers = world.countries.slice(1);
  world.stockpiles = [
    {
      id: "reserve-held",
      country: holder,
      commodity,
      members: u() < 0.3 ? [holder, suppliers[0]] : [holder],
      tonnes: 20 + 400 * u(),
      floor: u() < 0.3 ? 10 * u() : 0,
      maxRelease: 0.5 + 10 * u(),
      refill: u() < 0.3 ? 2 * u() : 0,
    },
    ...(world.stockpiles ?? []).filter((s) => s.country !== holder),
  ];
  const imports: Record<string, number> = {};
  for (const s of suppliers) imports[s] = 0.1 + u();
  world.markets = [
    { country: holder, commodity, demand: 2 + 8 * u(), coverDays: 60 * u(), inventory: u() < 0.5 ? 100 * u() : undefined, imports },
    ...(world.markets ?? []).filter((m) => !(m.country === holder && m.commodity === commodity)),
  ];
  world.controls = [
    ...(world.controls ?? []),
    {
      id: "holder-ban",
      exporter: suppliers[Math.floor(u() * suppliers.length) % suppliers.length],
      commodities: [commodity],
      destinations: { mode: "only", countries: [holder] },
      measure: { kind: "ban" },
      effectiveDay: Math.floor(world.days * u() * 0.5),
    },
  ];
}

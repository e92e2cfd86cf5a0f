/** Resolution of `stockpiles`: hosts and members to indices, days of cover to tonnes, defaults. */
import type { ReleasePolicy, StockpileSpec } from "../model/index.js";
import type { MarketTable } from "./market-table.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { ConcreteScenario } from "./scenario-schema.js";

type ReleaseFields = NonNullable<NonNullable<ConcreteScenario["stockpiles"]>[string]["release"]>;

/** A reserve's release rule: its own fields, else `defaults.release`'s, else the defaults (no trigger but a shortage; stop once it has cleared for the sustained time). */
function resolveRelease(own: ReleaseFields | undefined, fallback: ReleaseFields | undefined): ReleasePolicy {
  const sustainedDays = own?.sustained ?? fallback?.sustained ?? DEFAULTS.sustainedDays;
  const control = own?.control ?? fallback?.control;
  return {
    triggerShare: own?.trigger ?? fallback?.trigger ?? DEFAULTS.triggerShare,
    sustainedDays,
    decisionLagDays: own?.lag ?? fallback?.lag ?? DEFAULTS.decisionLagDays,
    fromEpochDay: own?.from ?? fallback?.from ?? null,
    priceAbove: own?.price ?? fallback?.price ?? Infinity,
    coverBelowDays: own?.cover ?? fallback?.cover ?? 0,
    onControl: control === undefined ? null : control === "announced" ? "announced" : "in-force",
    clearedDays: own?.cleared ?? fallback?.cleared ?? sustainedDays,
    maxDurationDays: own?.duration ?? fallback?.duration ?? Infinity,
    shortfallShare: own?.share ?? fallback?.share ?? 1,
  };
}

/**
 * The reserves of `doc`. Levels given in days of cover are days of the members' use at the
 * start of the warm-up; the default release rate is that use. A release rule's missing fields
 * come from `defaults.release`, field by field.
 */
export function resolveStockpiles(doc: ConcreteScenario, refs: ReferenceIndex, note: Report, markets: MarketTable): StockpileSpec[] {
  const stockpiles: StockpileSpec[] = [];
  const fallback = doc.defaults?.release;
  for (const [id, s] of Object.entries(doc.stockpiles ?? {})) {
    const path = ["stockpiles", id];
    const country = refs.country(s.country, [...path, "country"], note);
    const commodity = refs.commodity(s.commodity, [...path, "commodity"], note);
    const members = (s.members ?? [s.country]).flatMap((m, i) => {
      const c = refs.country(m, s.members === undefined ? [...path, "country"] : [...path, "members", i], note);
      return c === undefined ? [] : [c];
    });
    if (country === undefined || commodity === undefined) continue;
    markets.ensure(country, commodity);
    for (const c of members) markets.ensure(c, commodity);
    const memberUse = members.reduce((sum, c) => sum + markets.useAtStart(c, commodity), 0);
    const tonnes = (v: { tonnes: number } | { coverDays: number }) => ("tonnes" in v ? v.tonnes : v.coverDays * memberUse);
    const level = tonnes(s.level);
    const floor = s.floor === undefined ? 0 : tonnes(s.floor);
    if (floor > level) note([...path, "floor"], "floor-above-level", `floor (${floor.toFixed(1)} t) must not exceed the level (${level.toFixed(1)} t)`);
    stockpiles.push({
      id,
      country,
      commodity,
      members,
      initialTonnes: level,
      floorTonnes: floor,
      maxReleaseTonnesPerDay: s.maxRelease ?? memberUse,
      refillTonnesPerDay: s.refill ?? DEFAULTS.refillTonnesPerDay,
      targetTonnes: s.target === undefined ? level : tonnes(s.target),
      refillPriceCeiling: s.refillPriceCeiling ?? Infinity,
      release: resolveRelease(s.release, fallback),
      serves: typeof s.serves === "object" ? "participants" : (s.serves ?? DEFAULTS.serves),
      participantShare: typeof s.serves === "object" ? s.serves.participants : 1,
      holdingCostPerYear: s.holdingCost ?? doc.defaults?.holdingCost ?? DEFAULTS.holdingCostPerYear,
    });
  }
  return stockpiles;
}

/** Resolution of `stockpiles`: hosts and members to indices, days of cover to tonnes, defaults. */
import type { StockpileSpec } from "../model/index.js";
import type { MarketTable } from "./market-table.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/**
 * The reserves of `doc`. Levels given in days of cover are days of the members' use at the
 * start of the warm-up; the default release rate is that use. A release rule's missing fields
 * come from `defaults.release`.
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
      release: {
        triggerShare: s.release?.trigger ?? fallback?.trigger ?? DEFAULTS.triggerShare,
        sustainedDays: s.release?.sustained ?? fallback?.sustained ?? DEFAULTS.sustainedDays,
        decisionLagDays: s.release?.lag ?? fallback?.lag ?? DEFAULTS.decisionLagDays,
        fromEpochDay: s.release?.from ?? fallback?.from ?? null,
      },
      serves: s.serves ?? DEFAULTS.serves,
      holdingCostPerYear: s.holdingCost ?? doc.defaults?.holdingCost ?? DEFAULTS.holdingCostPerYear,
    });
  }
  return stockpiles;
}

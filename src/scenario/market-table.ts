/**
 * MarketTable: the markets of a world being resolved. Declared markets come first (from the
 * `markets` section), then every (country, commodity) pair that a facility, an import source
 * or a reserve needs, so that the model finds a market wherever one is used.
 */
import type { FacilitySpec, MarketSpec } from "../model/index.js";
import type { Position } from "./position-map.js";
import type { ReferenceIndex, Report } from "./reference-index.js";
import { DEFAULTS } from "./scenario-defaults.js";
import type { FieldPath } from "./scenario-issue.js";
import type { ConcreteScenario } from "./scenario-schema.js";

/** Where a field (or, for a mapping entry, its key) is written, when known. */
export type WhereWritten = (path: FieldPath) => Position | undefined;

/** A market without priority classes: all of its demand is "other". */
const NO_PRIORITY = { defence: 0, critical: 0 } as const;

/** Markets by (country, commodity), with the use figures reserves are sized from. */
export class MarketTable {
  readonly markets: MarketSpec[] = [];
  private readonly byPair = new Map<string, number>();
  private readonly defaultCoverDays: number;
  private readonly facilities: readonly FacilitySpec[];
  private readonly warmUpStartEpochDay: number;

  constructor(defaultCoverDays: number, facilities: readonly FacilitySpec[], warmUpStartEpochDay: number) {
    this.defaultCoverDays = defaultCoverDays;
    this.facilities = facilities;
    this.warmUpStartEpochDay = warmUpStartEpochDay;
  }

  /** The market of commodity `k` in country `c`, or undefined. */
  indexOf(c: number, k: number): number | undefined {
    return this.byPair.get(`${c}/${k}`);
  }

  /** The market of commodity `k` in country `c`, created empty (no demand, default cover) if needed. */
  ensure(c: number, k: number): number {
    let m = this.indexOf(c, k);
    if (m === undefined) {
      m = this.markets.length;
      this.markets.push({ country: c, commodity: k, demandTonnesPerDay: 0, demandGrowthPerYear: 0, coverDays: this.defaultCoverDays, initialInventoryTonnes: null, imports: [], priority: NO_PRIORITY });
      this.byPair.set(`${c}/${k}`, m);
    }
    return m;
  }

  /**
   * Tonnes per day country `c` uses of commodity `k` at the start of the warm-up: final demand
   * plus the input of facilities already online by then (at capacity x utilization).
   */
  useAtStart(c: number, k: number): number {
    let use = 0;
    const m = this.indexOf(c, k);
    if (m !== undefined) use += this.markets[m].demandTonnesPerDay;
    for (const f of this.facilities) {
      if (f.country !== c || f.onlineEpochDay > this.warmUpStartEpochDay) continue;
      for (const input of f.inputs) if (input.commodity === k) use += f.capacityTonnesPerDay * f.utilization * input.tonnesPerTonne;
    }
    return use;
  }

  /**
   * Adds the declared markets of `doc`, then the markets their import sources and the facilities
   * need. `where` tells which file wrote each import share, so that shares that do not add up
   * name those inherited from another file.
   */
  resolveDeclared(doc: ConcreteScenario, refs: ReferenceIndex, note: Report, where: WhereWritten = () => undefined): void {
    const inventoryCover: { m: number; coverDays: number }[] = [];
    for (const [countryId, entries] of Object.entries(doc.markets ?? {})) {
      const c = refs.country(countryId, ["markets", countryId], note, true);
      for (const [commodityId, entry] of Object.entries(entries)) {
        const path = ["markets", countryId, commodityId];
        const k = refs.commodity(commodityId, path, note, true);
        if (c === undefined || k === undefined) continue;
        const imports: { supplier: number; share: number }[] = [];
        let total = 0;
        for (const [supplierId, share] of Object.entries(entry.imports ?? {})) {
          const s = refs.country(supplierId, [...path, "imports", supplierId], note, true);
          if (s === undefined) continue;
          if (s === c) {
            note([...path, "imports", supplierId], "self-import", "a country cannot import from itself; its own production is used first", true);
            continue;
          }
          if (share > 0) imports.push({ supplier: s, share });
          total += share;
        }
        if (imports.length > 0 && Math.abs(total - 1) > 0.02) {
          const inherited = inheritedEntries(entry.imports ?? {}, [...path, "imports"], where);
          note([...path, "imports"], "shares-sum", `shares add up to ${(total * 100).toFixed(1)}%; they must add up to 100% (within 2 points)${inherited}`);
        }
        const priority = { defence: entry.priority?.defence ?? DEFAULTS.defenceShare, critical: entry.priority?.critical ?? DEFAULTS.criticalShare };
        if (priority.defence + priority.critical > 1 + 1e-9) {
          note([...path, "priority"], "shares-sum", `defence and critical shares add up to ${((priority.defence + priority.critical) * 100).toFixed(1)}%; they may add up to at most 100%`);
        }
        const m = this.ensure(c, k);
        this.markets[m] = {
          country: c,
          commodity: k,
          demandTonnesPerDay: entry.demand ?? 0,
          demandGrowthPerYear: entry.growth ?? 0,
          coverDays: entry.cover ?? this.defaultCoverDays,
          initialInventoryTonnes: entry.inventory !== undefined && "tonnes" in entry.inventory ? entry.inventory.tonnes : null,
          imports: imports.map((i) => ({ supplier: i.supplier, share: i.share / total })),
          priority,
        };
        if (entry.inventory !== undefined && "coverDays" in entry.inventory) inventoryCover.push({ m, coverDays: entry.inventory.coverDays });
      }
    }
    // Days of cover become tonnes once every market's demand is known.
    for (const { m, coverDays } of inventoryCover) {
      const market = this.markets[m];
      this.markets[m] = { ...market, initialInventoryTonnes: coverDays * this.useAtStart(market.country, market.commodity) };
    }
    for (const market of [...this.markets]) for (const i of market.imports) this.ensure(i.supplier, market.commodity);
    for (const f of this.facilities) for (const term of [...f.inputs, ...f.outputs]) this.ensure(f.country, term.commodity);
  }
}

/**
 * The entries of a mapping of shares written in another file than the mapping itself (inherited
 * through extends, which merges mappings key by key), as they read after a message, or "".
 */
function inheritedEntries(shares: Record<string, number>, path: FieldPath, where: WhereWritten): string {
  const here = where(path)?.file;
  if (here === undefined) return "";
  const others = Object.entries(shares).flatMap(([key, share]) => {
    const at = where([...path, key]);
    return share > 0 && at !== undefined && at.file !== here ? [{ key, text: `${key} ${(share * 100).toFixed(1)}% at ${at.file}:${at.line}:${at.column}` }] : [];
  });
  if (others.length === 0) return "";
  const removal = `write ${others[0].key}: null to remove ${others.length === 1 ? "it" : "one"}`;
  return `; inherited from another file and kept (entries merge key by key): ${others.map((o) => o.text).join(", ")}; ${removal}`;
}

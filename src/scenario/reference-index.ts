/**
 * ReferenceIndex: the ids a scenario declares (commodities, countries and their groups,
 * facilities, stockpiles, controls) and the lookups that turn references into indices, with
 * "did you mean" suggestions when a reference is unknown.
 */
import type { FieldPath } from "./scenario-issue.js";

/** What an unknown reference names: a commodity (or commodity group), a country (or group), a facility, a stockpile, a control or an authority. */
export interface Reference {
  readonly kind: "commodity" | "country" | "facility" | "stockpile" | "control" | "authority";
  readonly id: string;
}

/**
 * Reports one problem at a field path (at its key when `atKey`: the reference is a mapping key);
 * an unknown reference also says what it names, so that a caller that set an invalid entry aside
 * can tell a reference to it from a typo.
 */
export type Report = (path: FieldPath, code: string, message: string, atKey?: boolean, reference?: Reference) => void;

/** Ids by kind, with groups expanded on demand. */
export class ReferenceIndex {
  readonly commodityIds: string[];
  readonly countryIds: string[];
  private readonly commodityIndex: Map<string, number>;
  private readonly countryIndex: Map<string, number>;
  private readonly commodityGroups = new Map<string, number[]>();
  private readonly countryGroups = new Map<string, number[]>();

  constructor(
    commodities: Record<string, { groups?: string[] | undefined }>,
    countries: Record<string, { groups?: string[] | undefined }>,
    report: Report,
  ) {
    this.commodityIds = Object.keys(commodities);
    this.countryIds = Object.keys(countries);
    this.commodityIndex = new Map(this.commodityIds.map((id, i) => [id, i]));
    this.countryIndex = new Map(this.countryIds.map((id, i) => [id, i]));
    this.commodityIds.forEach((id, k) => {
      (commodities[id].groups ?? []).forEach((group, g) => {
        if (this.commodityIndex.has(group)) {
          report(["commodities", id, "groups", g], "group-clash", `group "${group}" has the same id as a commodity; pick another name`);
          return;
        }
        const members = this.commodityGroups.get(group) ?? [];
        if (!members.includes(k)) members.push(k);
        this.commodityGroups.set(group, members);
      });
    });
    this.countryIds.forEach((id, c) => {
      (countries[id].groups ?? []).forEach((group) => {
        const members = this.countryGroups.get(group) ?? [];
        if (!members.includes(c)) members.push(c);
        this.countryGroups.set(group, members);
      });
    });
  }

  /** Whether `id` is a declared country (not a group). */
  isCountry(id: string): boolean {
    return this.countryIndex.has(id);
  }

  /** Index of a commodity id (not a group), reporting it if unknown (at the key when `atKey`). */
  commodity(id: string, path: FieldPath, report: Report, atKey = false): number | undefined {
    const k = this.commodityIndex.get(id);
    if (k === undefined) report(path, "unknown-reference", `unknown commodity "${id}"${suggest(id, this.commodityIds)}`, atKey, { kind: "commodity", id });
    return k;
  }

  /** Index of a country id (not a group), reporting it if unknown (at the key when `atKey`). */
  country(id: string, path: FieldPath, report: Report, atKey = false): number | undefined {
    const c = this.countryIndex.get(id);
    if (c === undefined) report(path, "unknown-reference", `unknown country "${id}"${suggest(id, this.countryIds)}`, atKey, { kind: "country", id });
    return c;
  }

  /** Commodity indices of a commodity or group id, reporting it if unknown. */
  commodities(id: string, path: FieldPath, report: Report): number[] {
    const k = this.commodityIndex.get(id);
    if (k !== undefined) return [k];
    const group = this.commodityGroups.get(id);
    if (group !== undefined) return group;
    report(path, "unknown-reference", `unknown commodity or commodity group "${id}"${suggest(id, [...this.commodityIds, ...this.commodityGroups.keys()])}`, false, { kind: "commodity", id });
    return [];
  }

  /** Country indices of a country or group id, reporting it if unknown (at the key when `atKey`). */
  countries(id: string, path: FieldPath, report: Report, atKey = false): number[] {
    const c = this.countryIndex.get(id);
    if (c !== undefined) return [c];
    const group = this.countryGroups.get(id);
    if (group !== undefined) return group;
    report(path, "unknown-reference", `unknown country or country group "${id}"${suggest(id, [...this.countryIds, ...this.countryGroups.keys()])}`, atKey, { kind: "country", id });
    return [];
  }
}

/** Resolves a reference among named things (facilities, stockpiles, controls), reporting it if unknown. */
export function lookup(kind: "facility" | "stockpile" | "control" | "authority", id: string, ids: readonly string[], path: FieldPath, report: Report): number | undefined {
  const i = ids.indexOf(id);
  if (i < 0) report(path, "unknown-reference", `unknown ${kind} "${id}"${suggest(id, ids)}`, false, { kind, id });
  return i < 0 ? undefined : i;
}

/** `; did you mean "x"?` for the closest candidate within a small edit distance, else "". */
export function suggest(word: string, candidates: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? `; did you mean "${best}"?` : "";
}

/**
 * Edits (insert, delete, substitute, or swap two neighbouring letters) from `a` to `b`: the
 * optimal string alignment distance, so that a swap ("levle" for "level") costs one edit, as a
 * dropped letter ("comodity") does.
 */
function editDistance(a: string, b: string): number {
  // Three rows of the table: two back (for swaps), the previous, and the current.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1);
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

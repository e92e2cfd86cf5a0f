/**
 * licences.csv: licensing per day and route (exporter, commodity, destination): tonnes applied
 * for, approved and refused that day, and what is pending at its end, in tonnes and
 * applications. One row per day and route with anything pending or decided.
 */
import { isoFromEpochDay, type LicenceRow, type WorldSpec } from "../model/index.js";
import { formatNumber } from "./number-format.js";

/** The header line's columns. */
export const LICENCES_CSV_COLUMNS = ["date", "exporter", "commodity", "destination", "applied_t", "approved_t", "refused_t", "pending_t", "pending_applications"];

/** Renders licence rows as CSV, sorted by exporter, commodity, destination and date. */
export function renderLicencesCsv(rows: readonly LicenceRow[], spec: WorldSpec): string {
  const countryRank = idRanks(spec.countries);
  const commodityRank = idRanks(spec.commodities);
  // Sorted on numbers that order as the ids do (a flagship run has 100,000 rows): the same order as comparing the ids.
  const order = rows.map((_, i) => i);
  const key = (r: LicenceRow) => [countryRank[r.exporter], commodityRank[r.commodity], countryRank[r.destination]] as const;
  const keys = rows.map(key);
  order.sort((a, b) => keys[a][0] - keys[b][0] || keys[a][1] - keys[b][1] || keys[a][2] - keys[b][2] || rows[a].day - rows[b].day);
  const dates = new Map<number, string>();
  const lines = [LICENCES_CSV_COLUMNS.join(",")];
  for (const i of order) {
    const r = rows[i];
    let date = dates.get(r.day);
    if (date === undefined) {
      date = isoFromEpochDay(spec.startEpochDay + r.day);
      dates.set(r.day, date);
    }
    lines.push(
      `${date},${spec.countries[r.exporter].id},${spec.commodities[r.commodity].id},${spec.countries[r.destination].id},` +
        `${formatNumber(r.appliedTonnes)},${formatNumber(r.approvedTonnes)},${formatNumber(r.refusedTonnes)},${formatNumber(r.pendingTonnes)},${r.pendingApplications}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** Each entry's place when the entries are sorted by id (equal ids, equal places). */
function idRanks(entries: readonly { readonly id: string }[]): Int32Array {
  const ids = [...new Set(entries.map((e) => e.id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const place = new Map(ids.map((id, i) => [id, i]));
  return Int32Array.from(entries, (e) => place.get(e.id) ?? 0);
}

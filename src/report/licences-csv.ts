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
  const lines = [LICENCES_CSV_COLUMNS.join(",")];
  const named = rows.map((r) => ({ r, exporter: spec.countries[r.exporter].id, commodity: spec.commodities[r.commodity].id, destination: spec.countries[r.destination].id }));
  named.sort((a, b) => (a.exporter < b.exporter ? -1 : a.exporter > b.exporter ? 1 : 0) || (a.commodity < b.commodity ? -1 : a.commodity > b.commodity ? 1 : 0) || (a.destination < b.destination ? -1 : a.destination > b.destination ? 1 : 0) || a.r.day - b.r.day);
  for (const { r, exporter, commodity, destination } of named) {
    lines.push(
      [isoFromEpochDay(spec.startEpochDay + r.day), exporter, commodity, destination, formatNumber(r.appliedTonnes), formatNumber(r.approvedTonnes), formatNumber(r.refusedTonnes), formatNumber(r.pendingTonnes), String(r.pendingApplications)].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * The reserves table printed after a run: each reserve, the tonnes it released in the reported
 * period and from when, and for one that released nothing, why (summary.json's `reserves`).
 */
import type { ReserveSummary } from "../sweep/index.js";
import { formatNumber } from "./number-format.js";

/** Renders a run's reserves as an aligned text table, or "" when the scenario has none. */
export function renderReserveTable(reserves: readonly ReserveSummary[]): string {
  if (reserves.length === 0) return "";
  const header = ["reserve", "country", "commodity", "released t", "from", "why nothing"];
  const rows = reserves.map((r) => [r.id, r.country, r.commodity, formatNumber(r.releasedTonnes, 1), r.firstRelease ?? "", r.whyNot ?? ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const idle = reserves.filter((r) => r.whyNot !== null).length;
  const title = `Reserves: ${reserves.length - idle} of ${reserves.length} released in the reported period:`;
  return [title, line(header), ...rows.map(line)].join("\n") + "\n";
}

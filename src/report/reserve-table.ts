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

/**
 * The compare's account of reserves that released nothing, alternative by alternative, in one
 * replicate (`replicate`): one line per alternative and reason, naming the reserves; "" when
 * every reserve of every alternative released.
 */
export function renderIdleReserves(alternatives: readonly { readonly name: string; readonly reserves: readonly ReserveSummary[] }[], replicate: number): string {
  const lines: string[] = [];
  for (const alternative of alternatives) {
    const byReason = new Map<string, string[]>();
    for (const r of alternative.reserves) if (r.whyNot !== null) byReason.set(r.whyNot, [...(byReason.get(r.whyNot) ?? []), r.id]);
    for (const [reason, ids] of byReason) lines.push(`  ${alternative.name}: ${reason}: ${ids.join(", ")}`);
  }
  if (lines.length === 0) return "";
  return [`Reserves that released nothing in replicate ${replicate}, and why (\`run --replicate ${replicate}\` lists every reserve):`, ...lines].join("\n") + "\n";
}

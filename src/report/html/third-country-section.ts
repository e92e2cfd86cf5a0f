/**
 * The run report's section on third countries' exports of controlled-origin content: an
 * overview by commodity, then per commodity its largest routes year by year (the first open,
 * the others folded), each saying how many routes it leaves out.
 */
import { columnDecimals, formatNumber } from "../number-format.js";
import { TRACE_SHARE, type ThirdCountryCommodity, type ThirdCountryExports } from "../third-country-exports.js";
import type { DisplayNames } from "./display-names.js";
import { escapeHtml, paragraph, renderTable } from "./html.js";

/** The section's id in the report. */
export const THIRD_COUNTRY_SECTION_ID = "third-country";

/** The section's heading. */
export const THIRD_COUNTRY_HEADING = "Controlled origin in third countries' exports";

/** Exporters named per commodity in the overview. */
const NAMED_EXPORTERS = 4;

function percent(share: number | null): string {
  return share === null ? "" : `${formatNumber(share * 100, 1)}%`;
}

/** Tonnes to three significant digits of a small figure. */
function tonnes(value: number): string {
  return formatNumber(value, columnDecimals([value], 1));
}

/** Tonnes at a column's decimals, or to three significant digits of their own where those would show a shipment as 0. */
function cellTonnes(value: number, decimals: number): string {
  const text = formatNumber(value, decimals);
  return text === "0" ? tonnes(value) : text;
}

function listOf(ids: readonly string[], names: DisplayNames): string {
  return ids.map((id) => `${names.country(id)} (${id})`).join(", ");
}

/** The section's content. */
export function renderThirdCountrySection(exports: ThirdCountryExports, names: DisplayNames): string {
  const { commodities, traces } = exports;
  const origin = listOf(exports.origins, names);
  const parts = [
    paragraph(
      `What countries other than a control's exporter shipped of the goods it covers, and how many of those tonnes were of controlled origin (${origin}): ` +
        "refiners working controlled feed and traders passing it on, the flows a re-export rule or an extraterritorial reach governs. " +
        "Origin is followed through every stock and recipe and conserved, so these tonnes are exact (trade.csv's controlled_origin_t), not estimates.",
    ),
  ];
  if (commodities.length === 0) {
    parts.push(paragraph(`No third country's exports of a controlled good were ${formatNumber(TRACE_SHARE * 100, 1)}% or more of controlled origin.`));
  } else {
    parts.push(overview(commodities), ...commodities.map((c, i) => routesBlock(c, i === 0, names)));
  }
  if (traces.length > 0) {
    parts.push(paragraph(`Under a control but left out, their third-country exports less than ${formatNumber(TRACE_SHARE * 100, 1)}% of controlled origin, or none: ${traces.join(", ")}.`, "note"));
  }
  return parts.join("\n");
}

function overview(commodities: readonly ThirdCountryCommodity[]): string {
  const decimals = columnDecimals(commodities.map((c) => c.tonnes), 1);
  return renderTable({
    columns: ["commodity", "third-country exports t", "of which controlled origin t", "share", "largest exporters (controlled origin t)"],
    rows: commodities.map((c) => [
      c.commodity,
      cellTonnes(c.tonnes, decimals),
      cellTonnes(c.controlledOriginTonnes, decimals),
      percent(c.controlledOriginTonnes / c.tonnes),
      c.exporters
        .slice(0, NAMED_EXPORTERS)
        .map((e) => `${e.exporter} ${tonnes(e.controlledOriginTonnes)}`)
        .join(", ") + (c.exporters.length > NAMED_EXPORTERS ? ", ..." : ""),
    ]),
    numeric: [false, true, true, true, false],
    caption: "Third countries' exports of each controlled good over the reported period, in the order the scenario's controls name them",
  });
}

function routesBlock(c: ThirdCountryCommodity, open: boolean, names: DisplayNames): string {
  const decimals = columnDecimals(c.rows.map((r) => r.tonnes), 1);
  const table = renderTable({
    columns: ["exporter", "importer", "year", "t shipped", "of which controlled origin t", "share"],
    rows: c.rows.map((r) => [r.exporter, r.importer, String(r.year), cellTonnes(r.tonnes, decimals), cellTonnes(r.controlledOriginTonnes, decimals), percent(r.share)]),
    numeric: [false, false, false, true, true, true],
    caption:
      `${names.commodity(c.commodity)}: exports by countries other than ${listOf(c.controllingExporters, names)}, by route and year, ` +
      `the exporters and routes carrying the most controlled-origin tonnes first (under ${c.controls.map((id) => names.label(id)).join("; ")})`,
  });
  const left = c.leftOut;
  const note =
    left.routes === 0
      ? paragraph(`Every route is shown (${c.routes}).`, "note")
      : paragraph(
          `${left.routes} more ${left.routes === 1 ? "route" : "routes"} left out: ${tonnes(left.tonnes)} t, ` +
            `of which ${tonnes(left.controlledOriginTonnes)} t of controlled origin (trade.csv has every route).`,
          "note",
        );
  const summary =
    `${names.commodity(c.commodity)} (${c.commodity}): ${tonnes(c.controlledOriginTonnes)} t of the ${tonnes(c.tonnes)} t third countries exported ` +
    `were of controlled origin (${percent(c.controlledOriginTonnes / c.tonnes)})`;
  return [`<details${open ? " open" : ""}><summary>${escapeHtml(summary)}</summary>`, table, note, "</details>"].join("\n");
}

/**
 * report.html of a run: the scenario's question; the worst shortfalls (the ranking the terminal
 * table prints); per pair that ran short, its market chart and who supplied it (each exporter in
 * one colour throughout); what third countries exported of controlled goods and how much of it
 * was of controlled origin; the events; the manifest and the command that reruns it. Countries,
 * commodities and events go by their names (DisplayNames); tables of figures keep the ids.
 */
import { isoFromEpochDay, type LicenceRow, type Timeline, type TradeFlow, type WorldSpec } from "../../model/index.js";
import type { Scenario } from "../../scenario/index.js";
import type { RunResult, Summary } from "../../sweep/index.js";
import { formatNumber } from "../number-format.js";
import { atStartNote, firstShortCell, RANKING_RULE, type RankedShortfall } from "../worst-shortfalls.js";
import { oneAtATime, renderChart, renderSvg, type SvgDrawer } from "./chart.js";
import { countryColours } from "./country-colours.js";
import { DisplayNames } from "./display-names.js";
import { eventMarks, type EventMark } from "./event-markers.js";
import { escapeHtml, paragraph, renderSection, renderTable, slug } from "./html.js";
import { marketChart } from "./market-chart.js";
import { renderPage } from "./report-page.js";
import { supplierChart, supplierShipments } from "./supplier-chart.js";
import { thirdCountryExports } from "../third-country-exports.js";
import { NO_WHAT_IF, overridesNote, type WhatIf } from "../what-if.js";
import { renderThirdCountrySection, THIRD_COUNTRY_HEADING, THIRD_COUNTRY_SECTION_ID } from "./third-country-section.js";
import { renderWhatIfSection, WHAT_IF_HEADING, WHAT_IF_SECTION_ID } from "./what-if-section.js";

/** What a run's report is made of. */
export interface RunReportInput {
  readonly title: string;
  readonly question: string;
  readonly description: string;
  readonly summary: Summary;
  /** The run's shortfalls, ranked once for every view (rankShortfalls). */
  readonly ranked: readonly RankedShortfall[];
  readonly timeline: Timeline;
  readonly trade: readonly TradeFlow[];
  readonly licences: readonly LicenceRow[];
  readonly spec: WorldSpec;
  /** What the scenario calls its controls and events (`name:`), by id. */
  readonly labels?: Readonly<Record<string, string>>;
  /** The command that reruns this run exactly. */
  readonly command: string;
  /** The other files of the run, beside the report. */
  readonly files: readonly string[];
  /** The run's --set overrides and its --vs base (none: a plain run). */
  readonly whatIf?: WhatIf;
}

/** The report's input from a loaded scenario and one run of it that kept its timeline. */
export function runReportInput(
  scenario: Scenario,
  run: RunResult & { readonly timeline: Timeline },
  ranked: readonly RankedShortfall[],
  command: string,
  files: readonly string[],
  whatIf: WhatIf = NO_WHAT_IF,
): RunReportInput {
  return {
    title: scenario.title,
    question: scenario.question,
    description: scenario.description,
    summary: run.summary,
    ranked,
    timeline: run.timeline,
    trade: run.trade,
    licences: run.licences ?? [],
    spec: scenario.spec,
    labels: scenario.labels,
    command,
    files,
    whatIf,
  };
}

/** Pairs given a chart of their own, worst first; the rest are listed in the headline table. */
export const CHARTED_PAIRS = 10;

/**
 * The report's HTML. Its charts are drawn by `draw` (by default by Vega here, one after
 * another); every chart is asked for before any is awaited, so that a drawer on another
 * thread draws them while this one goes on with other work.
 */
export async function renderRunReport(input: RunReportInput, draw: SvgDrawer = oneAtATime(renderSvg)): Promise<string> {
  const { summary, timeline } = input;
  const { manifest } = summary;
  const start = isoFromEpochDay(timeline.startEpochDay);
  const end = isoFromEpochDay(timeline.startEpochDay + timeline.dayCount - 1);
  const marks = eventMarks(summary.events, input.spec, start, end, input.labels);
  const names = new DisplayNames(input.spec, input.labels);
  const charted = input.ranked.slice(0, CHARTED_PAIRS).filter(({ kpi }) => timeline.series.some((x) => x.country === kpi.country && x.commodity === kpi.commodity));
  const whatIf = input.whatIf ?? NO_WHAT_IF;
  const contents: { id: string; heading: string }[] = [];
  const body: (string | Promise<string>)[] = [];
  // Against a base, what the change did comes first: it is what the reader ran this for.
  if (whatIf.vs !== null) {
    contents.push({ id: WHAT_IF_SECTION_ID, heading: WHAT_IF_HEADING });
    body.push(renderWhatIfSection(whatIf.vs, manifest.seed, manifest.replicate));
  }
  contents.push({ id: "worst", heading: "Worst shortfalls" });
  body.push(renderSection(2, "worst", "Worst shortfalls", headline(input.ranked, start)));
  // Every exporter the report charts, coloured once for the whole report.
  const shipments = charted.map(({ kpi }) => supplierShipments(input.trade, kpi.country, kpi.commodity));
  const colours = countryColours(
    input.spec.countries.map((c) => c.id),
    shipments.flatMap((s) => s?.exporters ?? []),
  );

  const pendingTonnes = pendingFor(
    input.licences,
    input.spec,
    charted.map(({ kpi }) => kpi),
    timeline.dayCount,
  );

  for (const [i, { kpi }] of charted.entries()) {
    const s = timeline.series.findIndex((x) => x.country === kpi.country && x.commodity === kpi.commodity);
    const pending = pendingTonnes.get(kpi);
    const began = firstShortCell(kpi, start) === "at start" ? `Already short when the period began (${start})` : `First short ${kpi.firstShortfallDate}`;
    const parts = [
      paragraph(
        `${began}; ${kpi.shortfallDays} days short; ${formatNumber(kpi.unmetTonnes, 1)} t unmet of ${formatNumber(kpi.demandTonnes, 1)} t demanded; ` +
          `${formatNumber(kpi.givenUpTonnes, 1)} t given up in answer to price; peak price ${formatNumber(kpi.peakPriceIndex, 2)}x; ` +
          (kpi.recoveryDate === null ? "not recovered by the end." : `recovered ${kpi.recoveryDate}.`),
      ),
      renderChart(marketChart({ timeline, series: s, events: marks, pendingTonnes: pending, names }), draw),
    ];
    const supplied = shipments[i];
    if (supplied !== undefined) parts.push(renderChart(supplierChart(supplied, colours, names), draw));
    const id = slug("pair", kpi.country, kpi.commodity);
    const heading = `${names.pair(kpi.country, kpi.commodity)} (${kpi.country} ${kpi.commodity})`;
    contents.push({ id, heading });
    body.push(Promise.all(parts).then((drawn) => renderSection(2, id, heading, drawn.join("\n"))));
  }

  // Where controlled-origin content went through third countries: only a world with controls has any.
  if (input.spec.controls.length > 0) {
    contents.push({ id: THIRD_COUNTRY_SECTION_ID, heading: THIRD_COUNTRY_HEADING });
    body.push(renderSection(2, THIRD_COUNTRY_SECTION_ID, THIRD_COUNTRY_HEADING, renderThirdCountrySection(thirdCountryExports(input.trade, input.spec), names)));
  }
  contents.push({ id: "events", heading: "Events" }, { id: "manifest", heading: "How this was made" });
  body.push(renderSection(2, "events", "Events", eventsTable(summary, marks, names)));
  body.push(renderSection(2, "manifest", "How this was made", manifestBlock(input)));
  return renderPage({
    title: `${input.title}: chokepoint run report`,
    // The overrides on the title line: the question and description below are the file's, about the base.
    heading: `${input.title}${overridesNote(whatIf.overrides)}`,
    lead: [
      input.question,
      input.description,
      whatIf.overrides.length === 0 ? "" : `What-if: the title, question and description above are the scenario file's; this run changes ${whatIf.overrides.join("; ")}.`,
      `Simulated from ${start} to ${end}, seed ${manifest.seed}, replicate ${manifest.replicate}.`,
    ].filter((line) => line !== ""),
    contents,
    body: await Promise.all(body),
  });
}

function headline(ranked: readonly RankedShortfall[], start: string): string {
  if (ranked.length === 0) return paragraph("No shortfalls: every country's demand was met on every day.");
  const shown = ranked.slice(0, CHARTED_PAIRS);
  const rows = shown.map(({ kpi, share, shareRank, tonnesRank }) => [
    String(shareRank),
    String(tonnesRank),
    kpi.country,
    kpi.commodity,
    firstShortCell(kpi, start),
    `${formatNumber(kpi.peakShortfallShare * 100, 1)}%`,
    String(kpi.shortfallDays),
    formatNumber(kpi.unmetTonnes, 1),
    `${formatNumber(share * 100, 1)}%`,
    formatNumber(kpi.givenUpTonnes, 1),
    `${formatNumber(kpi.peakPriceIndex, 2)}x`,
    kpi.recoveryDate ?? "no",
  ]);
  const notes = [
    paragraph(
      "Two rankings, each showing what the other hides: the share of demand left unmet over the run (how deep, whatever the market's size) and the tonnes left unmet (how much). " +
        `Each pair stands at the better of its two places, so the ${Math.floor(CHARTED_PAIRS / 2)} worst by either measure are always here.`,
      "note",
    ),
    shown.some(({ kpi }) => firstShortCell(kpi, start) === "at start") ? paragraph(atStartNote(start), "note") : "",
    ranked.length > CHARTED_PAIRS ? paragraph(`${ranked.length - CHARTED_PAIRS} more pairs ran short, lower in both rankings: ${ranked.slice(CHARTED_PAIRS).map(({ kpi }) => `${kpi.country} ${kpi.commodity}`).join(", ")} (summary.json has them all).`, "note") : "",
  ];
  return (
    renderTable({
      columns: ["share #", "t #", "country", "commodity", "first short", "peak unmet", "days short", "unmet t", "of demand", "given up t", "peak price", "recovered"],
      rows,
      numeric: [true, true, false, false, false, true, true, true, true, true, true, false],
      caption: `The worst shortfalls, ${RANKING_RULE}`,
    }) + notes.join("")
  );
}

function eventsTable(summary: Summary, marks: readonly EventMark[], names: DisplayNames): string {
  const scripted =
    summary.events.length === 0
      ? paragraph("The scenario has no scripted events.")
      : renderTable({
          columns: ["scripted event", "id (in the scenario and summary.json)", "happened", "date"],
          rows: summary.events.map((e) => [names.label(e.id), e.id, e.happened ? "yes" : "no", e.date ?? ""]),
          caption: "Scripted events (some before the reported period)",
        });
  const marked = marks.length === 0 ? "" : renderTable({ columns: ["date", "what happens"], rows: marks.map((m) => [m.date, m.label]), caption: "The dates marked on the charts" });
  return scripted + marked;
}

function manifestBlock(input: RunReportInput): string {
  const { manifest, inputs } = input.summary;
  const vs = input.whatIf?.vs;
  const entries: [string, string][] = [
    ["tool", `${manifest.tool} ${manifest.version}`],
    ["scenario", manifest.scenario],
    ["scenario hash", manifest.scenarioHash],
    ["seed", String(manifest.seed)],
    ["replicate", String(manifest.replicate)],
    ["period", `${manifest.start} to ${manifest.end}`],
    ...(input.whatIf?.overrides ?? []).map((set): [string, string] => ["--set", set]),
    ...(vs === undefined || vs === null ? [] : [["--vs", `${vs.file} (${vs.scenario}, scenario hash ${vs.scenarioHash})`] satisfies [string, string]]),
    ...inputs.map((v): [string, string] => [`input ${v.name}`, String(v.value)]),
  ];
  return [
    `<dl class="manifest">${entries.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl>`,
    paragraph("The same command gives the same bytes on any machine:"),
    `<pre><code>${escapeHtml(input.command)}</code></pre>`,
    paragraph(`Beside this report: ${input.files.join(", ")}.`, "note"),
  ].join("\n");
}

/**
 * Tonnes pending licences for each pair's country and commodity at each day's end, summed over
 * exporters; undefined when none ever were. One pass over the rows for all pairs (a flagship
 * run has 100,000), each pair's sums taken in the rows' order.
 */
function pendingFor<K extends { readonly country: string; readonly commodity: string }>(rows: readonly LicenceRow[], spec: WorldSpec, pairs: readonly K[], dayCount: number): Map<K, Float64Array | undefined> {
  const routeKey = (destination: number, good: number) => destination * spec.commodities.length + good;
  const byRoute = new Map<number, { pending: Float64Array; isAnyPending: boolean }>();
  const ofPair = pairs.map((pair) => {
    const destination = spec.countries.findIndex((c) => c.id === pair.country);
    const good = spec.commodities.findIndex((c) => c.id === pair.commodity);
    if (destination < 0 || good < 0) return undefined;
    const key = routeKey(destination, good);
    let sums = byRoute.get(key);
    if (sums === undefined) byRoute.set(key, (sums = { pending: new Float64Array(dayCount), isAnyPending: false }));
    return sums;
  });
  for (const r of rows) {
    const sums = byRoute.get(routeKey(r.destination, r.commodity));
    if (sums === undefined) continue;
    if (r.pendingTonnes > 0) sums.isAnyPending = true;
    // Rows exist only on days with something pending or decided: a route with no row that day has nothing pending.
    if (r.day >= 0 && r.day < dayCount) sums.pending[r.day] += r.pendingTonnes;
  }
  return new Map(pairs.map((pair, i) => [pair, ofPair[i]?.isAnyPending === true ? ofPair[i].pending : undefined]));
}

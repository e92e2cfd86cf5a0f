/**
 * A chart of a report: a Vega-Lite specification compiled and rendered to SVG by Vega in
 * Node (no canvas, no browser), inlined in a figure with its title, a description for screen
 * readers, and the table of the numbers drawn, so every chart can be read as text too.
 * Times are UTC throughout, so a report renders to the same bytes in every time zone.
 */
import type { Config, TopLevelSpec } from "vega-lite";
import { epochMsFromIso } from "../../model/index.js";
import { escapeHtml, renderTable, type TableData } from "./html.js";
import { OKABE_ITO } from "./palette.js";

/** One chart: what it shows, how, and the numbers behind it. */
export interface ChartDefinition {
  /** Unique within the report: the figure's id. */
  readonly id: string;
  readonly title: string;
  /** What the chart shows, in a sentence (the SVG's accessible description). */
  readonly description: string;
  /** The chart, without title or config (both are added here). */
  readonly spec: TopLevelSpec;
  /** The numbers drawn. */
  readonly table: TableData;
  /** Show the table open (when it is a result in its own right, not only the chart's backing). */
  readonly tableOpen?: boolean;
}

/** Fonts the reader's system has; nothing is fetched. */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

const CONFIG: Config = {
  font: FONT,
  // The figure is one image to assistive technology (its description and the table beneath), not hundreds of marks.
  aria: false,
  background: "#ffffff",
  padding: 8,
  range: { category: [...OKABE_ITO] },
  axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: "normal", gridColor: "#e6e6e6", labelLimit: 600 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "top", direction: "horizontal", labelLimit: 400 },
  title: { fontSize: 13, anchor: "start", fontWeight: "bold" },
  view: { stroke: null },
};

/**
 * What turns a Vega-Lite specification into its SVG text: `renderSvg` here, or the same function
 * run elsewhere (the CLI draws a run's charts on a thread of their own while it writes the CSVs).
 */
export type SvgDrawer = (spec: TopLevelSpec) => Promise<string>;

/**
 * `draw` with one drawing at a time, in the order asked: a report asks for all its charts at
 * once (so that a drawer on another thread is never left waiting), and Vega draws each whole
 * before the next starts, as when charts were awaited one by one.
 */
export function oneAtATime(draw: SvgDrawer): SvgDrawer {
  let previous: Promise<unknown> = Promise.resolve();
  return (spec) => {
    const next = previous.then(() => draw(spec));
    previous = next.catch(() => undefined);
    return next;
  };
}

/** Renders the chart as a figure: inline SVG (drawn by `draw`, by default here), caption, and its table in a closed details block. */
export async function renderChart(chart: ChartDefinition, draw: SvgDrawer = renderSvg): Promise<string> {
  const svg = (await draw({ ...chart.spec, description: chart.description } as TopLevelSpec)).replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(chart.description)}" `);
  return [
    `<figure class="chart" id="${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}">`,
    `<figcaption>${escapeHtml(chart.title)}</figcaption>`,
    svg,
    `<details${chart.tableOpen === true ? " open" : ""}><summary>The numbers behind this chart</summary>`,
    renderTable(chart.table),
    `</details>`,
    `</figure>`,
  ].join("\n");
}

/** Vega and Vega-Lite, loaded on the first chart (they take a fifth of a second to load, which commands that draw nothing should not pay). */
let libraries: Promise<[typeof import("vega"), typeof import("vega-lite")]> | undefined;

/** The SVG text of a Vega-Lite specification. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  libraries ??= Promise.all([import("vega"), import("vega-lite")]);
  const [vega, vegaLite] = await libraries;
  const compiled = vegaLite.compile(spec, { config: CONFIG }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    return shortenNumbers(svg);
  } finally {
    view.finalize();
  }
}

/**
 * Coordinates to two decimals (a hundredth of a pixel): the SVG shrinks by a third, the picture
 * not at all. Only inside tags: the text between them (axis labels such as 0.002) stays whole.
 */
function shortenNumbers(svg: string): string {
  return svg.replace(/<[^>]*>/g, (tag) => tag.replace(/(\d+\.\d{2})\d+/g, "$1"));
}

/** The x encoding of a time axis over [start, end] (ISO dates), UTC, shared by every panel of a report. */
export function timeAxis(start: string, end: string, title = "date"): Record<string, unknown> {
  return {
    field: "date",
    type: "temporal",
    title,
    scale: { type: "utc", domain: [epochMsFromIso(start), epochMsFromIso(end)] },
    axis: { format: "%b %Y", labelAngle: 0, tickCount: 8 },
  };
}

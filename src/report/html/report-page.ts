/**
 * The page every report is: one HTML file with its styles inline and nothing to fetch (no
 * scripts, fonts, stylesheets or images from anywhere), so it opens the same from a file, an
 * e-mail attachment or a web server, online or not.
 */
import { TOOL_NAME, TOOL_VERSION } from "../../version.js";
import { escapeHtml } from "./html.js";

/** What a page holds. */
export interface PageContent {
  /** The document's title (the browser tab's). */
  readonly title: string;
  /** The heading, and the lines under it. */
  readonly heading: string;
  readonly lead: readonly string[];
  /** Table of contents: section id and its heading. */
  readonly contents: readonly { readonly id: string; readonly heading: string }[];
  /** Rendered sections, in order. */
  readonly body: readonly string[];
}

/** A page's sections as its parts build them, with its table of contents (a sweep's or a compare's body). */
export interface ReportBody {
  readonly contents: { id: string; heading: string }[];
  readonly sections: string[];
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 0; line-height: 1.45; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 1.6rem; margin: 0 0 8px; }
h2 { font-size: 1.25rem; margin: 40px 0 8px; padding-top: 8px; border-top: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin: 28px 0 6px; }
p.lead { font-size: 1.05rem; margin: 4px 0; }
p.note { color: #444; font-size: 0.9rem; }
nav ol { columns: 2; font-size: 0.9rem; padding-left: 20px; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 8px 0 12px; }
caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e3e3e3; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
table.data td { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 12px 0 20px; }
figure.chart figcaption { font-weight: bold; margin-bottom: 4px; }
figure.chart svg { max-width: 100%; height: auto; }
details { margin: 4px 0; font-size: 0.9rem; }
details > table { max-height: none; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }
pre { background: #f6f6f6; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
dl.manifest { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 0.9rem; }
dl.manifest dt { color: #555; }
dl.manifest dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
footer { color: #666; font-size: 0.8rem; margin-top: 48px; }
@media print { nav { display: none; } h2 { break-before: page; } figure.chart { break-inside: avoid; } }
`;

/** The whole HTML document. */
export function renderPage(content: PageContent): string {
  const contents =
    content.contents.length === 0
      ? ""
      : `<nav aria-label="Contents"><ol>${content.contents.map((c) => `<li><a href="#${escapeHtml(c.id)}">${escapeHtml(c.heading)}</a></li>`).join("")}</ol></nav>`;
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may load from anywhere: the report is one file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="${TOOL_NAME} ${TOOL_VERSION}">`,
    `<title>${escapeHtml(content.title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    "<header>",
    `<h1>${escapeHtml(content.heading)}</h1>`,
    ...content.lead.map((line) => `<p class="lead">${escapeHtml(line)}</p>`),
    "</header>",
    contents,
    ...content.body,
    `<footer>Made by ${TOOL_NAME} ${TOOL_VERSION}. Every chart has the numbers it draws in a table beneath it; the full daily record is in the CSV files beside this report.</footer>`,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

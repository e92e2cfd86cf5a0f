/**
 * The names a report shows for the world's ids: countries and commodities by the names the
 * world spec gives them (an id where it gives none), and events and controls, which have ids
 * only, spelled as words ("october-package-suspended" reads "October package suspended",
 * "us-ban-2024" "US ban 2024": a word that is the id of a country the world's controls name,
 * as exporter or destination, in capitals; not other countries', so "ga-ge-licensing" does not
 * read as Gabon's). Tables of numbers keep the ids the CSV files use.
 */
import type { WorldSpec } from "../../model/index.js";

/** Display names of one world's ids. */
export class DisplayNames {
  private readonly countries: ReadonlyMap<string, string>;
  private readonly commodities: ReadonlyMap<string, string>;
  /** Lower-cased ids of the countries the controls name (a word of an event's id that is one is written in capitals). */
  private readonly countryWords: ReadonlySet<string>;

  /** The names scenario files give controls and events (`name:`), by id. */
  private readonly labels: Readonly<Record<string, string>>;

  constructor(spec: Pick<WorldSpec, "countries" | "commodities" | "controls">, labels: Readonly<Record<string, string>> = {}) {
    this.labels = labels;
    this.countries = new Map(spec.countries.map((c) => [c.id, c.name]));
    this.commodities = new Map(spec.commodities.map((c) => [c.id, c.name]));
    const named = spec.controls.flatMap((c) => [c.exporter, ...c.destinations.countries]);
    this.countryWords = new Set(named.map((i) => spec.countries[i].id.toLowerCase()));
  }

  /** The country's name ("United States"), or its id when the world names it no further. */
  country(id: string): string {
    return this.countries.get(id) ?? id;
  }

  /** The commodity's name ("Refined high-purity gallium"), or its id. */
  commodity(id: string): string {
    return this.commodities.get(id) ?? id;
  }

  /** A country's commodity: "United States – Refined high-purity gallium". */
  pair(country: string, commodity: string): string {
    return `${this.country(country)} \u2013 ${this.commodity(commodity)}`;
  }

  /** What the scenario calls an event or control (its `name:`), else its id in words (see `words`). */
  label(id: string): string {
    return Object.hasOwn(this.labels, id) ? this.labels[id] : this.words(id);
  }

  /** An event's or control's id as words: dashes become spaces (except between digits, as in 2025-10), a word that is the id of a country the controls name is written in capitals, the first letter is a capital. */
  words(id: string): string {
    const parts = id.split("-").filter((w) => w !== "");
    let text = "";
    parts.forEach((word, i) => {
      const shown = this.countryWords.has(word) ? word.toUpperCase() : word;
      const joint = i === 0 ? "" : /^\d+$/.test(parts[i - 1]) && /^\d+$/.test(word) ? "-" : " ";
      text += joint + shown;
    });
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
}

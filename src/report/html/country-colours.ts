/**
 * One colour per country for a whole report, the same from run to run: the first sixteen
 * countries of the world's list (the order its scenario declares them; the shipped world lists
 * the largest producers and consumers first) each own a colour of COUNTRY_PALETTE, so China is
 * always the first, blue. A later country the report shows takes the colour of an owner the
 * report does not show, in list order, so that no two countries of a report share a colour
 * unless it shows more than sixteen. "others" (exporters summed) is grey.
 */
import { COUNTRY_PALETTE, OTHERS_COLOUR } from "./palette.js";

/** The label of the exporters summed together in a chart. */
export const OTHERS = "others";

/** Colours of the countries in `shown` (any order), owners by their place in `worldOrder` (the world's country ids in order). */
export function countryColours(worldOrder: readonly string[], shown: Iterable<string>): ReadonlyMap<string, string> {
  const place = new Map(worldOrder.map((id, i) => [id, i]));
  const wanted = [...new Set(shown)].filter((id) => id !== OTHERS);
  // Countries outside the world's list (none in a run's report) come after it, by id.
  const order = (id: string) => place.get(id) ?? worldOrder.length;
  wanted.sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  const colours = new Map<string, string>([[OTHERS, OTHERS_COLOUR]]);
  const taken = new Set<number>();
  const late: string[] = [];
  for (const id of wanted) {
    const slot = place.get(id);
    if (slot !== undefined && slot < COUNTRY_PALETTE.length) {
      colours.set(id, COUNTRY_PALETTE[slot]);
      taken.add(slot);
    } else {
      late.push(id);
    }
  }
  const free = COUNTRY_PALETTE.map((_, slot) => slot).filter((slot) => !taken.has(slot));
  late.forEach((id, i) => colours.set(id, COUNTRY_PALETTE[free.length > 0 ? free[i % free.length] : i % COUNTRY_PALETTE.length]));
  return colours;
}

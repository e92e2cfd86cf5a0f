/**
 * Colours of every chart: the Okabe-Ito palette, distinguishable with the common forms of
 * colour blindness (Okabe & Ito 2008, "Color Universal Design"), and its roles in reports.
 */

/** Okabe-Ito, in its usual order (black last). */
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"] as const;

/** What each series of a report means, and its colour. */
export const COLOURS = {
  demand: "#000000",
  consumed: "#56B4E9",
  unmet: "#D55E00",
  givenUp: "#CC79A7",
  inventory: "#009E73",
  stockpile: "#E69F00",
  price: "#0072B2",
  backlog: "#D55E00",
  event: "#555555",
  band: "#0072B2",
  better: "#009E73",
  worse: "#D55E00",
} as const;

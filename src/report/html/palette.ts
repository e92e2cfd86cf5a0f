/**
 * Colours of every chart: the Okabe-Ito palette, distinguishable with the common forms of
 * colour blindness (Okabe & Ito 2008, "Color Universal Design"), and its roles in reports; and
 * the longer palette of countries, which must tell more of them apart.
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
  record: "#D55E00",
} as const;

/**
 * Colours of countries (see countryColours): Okabe-Ito's first six, then colours of Paul Tol's
 * qualitative schemes that stay apart from them (Tol 2021, "Colour Schemes", SRON/EPS/TN/09-002),
 * Okabe-Ito's yellow and black last. Grey is kept for the exporters summed as "others".
 */
export const COUNTRY_PALETTE = [
  "#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7",
  "#332288", "#999933", "#882255", "#44AA99", "#AA3377", "#DDCC77",
  "#117733", "#661100", "#F0E442", "#000000",
] as const;

/** The exporters summed as "others". */
export const OTHERS_COLOUR = "#BBBBBB";

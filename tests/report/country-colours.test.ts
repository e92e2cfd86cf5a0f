/**
 * One colour per country in a report, the same from run to run: the first sixteen countries of
 * the world's list own theirs whichever others a report shows; later ones borrow an absent
 * owner's; no two shown countries share one while a report shows at most sixteen.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countryColours, OTHERS } from "../../src/report/html/country-colours.js";
import { COUNTRY_PALETTE, OTHERS_COLOUR } from "../../src/report/html/palette.js";

const WORLD = Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(2, "0")}`);

describe("countryColours", () => {
  it("gives each of the first sixteen countries its own colour whatever else is shown, and others grey", () => {
    expect(countryColours(WORLD, ["C00", "C03"]).get("C03")).toBe(COUNTRY_PALETTE[3]);
    expect(countryColours(WORLD, ["C39", "C03", OTHERS, "C00"]).get("C03")).toBe(COUNTRY_PALETTE[3]);
    expect(countryColours(WORLD, ["C00", OTHERS]).get(OTHERS)).toBe(OTHERS_COLOUR);
    // A later country borrows the colour of the first owner not shown.
    expect(countryColours(WORLD, ["C00", "C01", "C30"]).get("C30")).toBe(COUNTRY_PALETTE[2]);
  });

  it("never gives two shown countries one colour while at most sixteen are shown, nor grey", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...WORLD, "XX"), { maxLength: COUNTRY_PALETTE.length }), fc.shuffledSubarray(WORLD), (shown, order) => {
        const colours = countryColours(order.length > 0 ? order : WORLD, shown);
        const given = shown.map((c) => colours.get(c));
        expect(new Set(given).size).toBe(shown.length);
        for (const c of given) expect(COUNTRY_PALETTE as readonly (string | undefined)[]).toContain(c);
        // The same shown countries in any order: the same colours.
        const again = countryColours(order.length > 0 ? order : WORLD, [...shown].reverse());
        for (const c of shown) expect(again.get(c)).toBe(colours.get(c));
      }),
    );
  });
});

/** Money fields: prices per mass to US$ per tonne, amounts to US$, and the messages for what is not money. */
import { describe, expect, it } from "vitest";
import { parseMoney, parsePricePerTonne } from "../../src/scenario/money.js";

describe("prices per mass", () => {
  it.each([
    ["56 US$/kg", 56_000],
    ["US$9.50/lb", 9.5 / 0.00045359237],
    ["$2,100/kg", 2_100_000],
    ["14,000 US$/t", 14_000],
    ["1.2 k US$/t", 1_200],
    ["500 USD/kg", 500_000],
    [17000, 17_000],
  ])("%s is %d US$ per tonne", (input, expected) => {
    const parsed = parsePricePerTonne(input);
    expect(parsed.ok && parsed.value).toBeCloseTo(expected, 6);
  });

  it.each([
    ["56 EUR/kg", '"56 EUR/kg" is not a price: write US dollars per mass, such as "56 US$/kg", "US$9.50/lb" or "14,000 US$/t"'],
    ["56 US$", '"56 US$" is not a price: write US dollars per mass, such as "56 US$/kg", "US$9.50/lb" or "14,000 US$/t"'],
    ["56 US$/day", '"56 US$/day" is not a price (after "/" comes a unit of mass: t, kg, lb): write US dollars per mass, such as "56 US$/kg", "US$9.50/lb" or "14,000 US$/t"'],
    ["2+3 US$/kg", '"2+3 US$/kg" is not a price: write US dollars per mass, such as "56 US$/kg", "US$9.50/lb" or "14,000 US$/t"'],
  ])("%s is refused", (input, message) => {
    expect(parsePricePerTonne(input)).toEqual({ ok: false, message });
  });
});

describe("amounts", () => {
  it.each([
    ["US$150 M", 150e6],
    ["43.4 M US$", 43.4e6],
    ["$1.2 bn", 1.2e9],
    ["2 billion USD", 2e9],
    ["US$820 k", 820e3],
    [5e6, 5e6],
  ])("%s is %d US$", (input, expected) => {
    const parsed = parseMoney(input);
    expect(parsed.ok && parsed.value).toBeCloseTo(expected, 6);
  });

  it("refuses other currencies, negative and non-finite amounts", () => {
    expect(parseMoney("A$200 M")).toEqual({ ok: false, message: '"A$200 M" is not an amount of money: write US dollars, such as "US$150 M", "43.4 M US$" or "2 bn US$"' });
    expect(parseMoney(-1)).toEqual({ ok: false, message: "must be a finite amount >= 0, got -1" });
    expect(parseMoney(Number.POSITIVE_INFINITY).ok).toBe(false);
  });
});

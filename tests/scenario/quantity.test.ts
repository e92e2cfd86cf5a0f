import { describe, expect, it } from "vitest";
import { parseQuantity, parseShare } from "../../src/scenario/index.js";

describe("quantities", () => {
  it.each([
    ["270 kt/yr", "rate", 270_000 / 365.25],
    ["270,000 t/yr", "rate", 270_000 / 365.25],
    ["2 t/day", "rate", 2],
    ["750000 kg/yr", "rate", 750 / 365.25],
    [36525, "rate", 100],
    ["60 days", "duration", 60],
    ["45 working days", "duration", 63],
    ["2 months", "duration", 60.875],
    ["1 yr", "duration", 365.25],
    [12, "duration", 12],
    ["750 kg", "mass", 0.75],
    ["1.2 kt", "mass", 1200],
    [5, "mass", 5],
  ] as const)("%s as %s is %d in model units", (input, kind, expected) => {
    const parsed = parseQuantity(input, kind);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toBeCloseTo(expected, 9);
  });

  it.each([
    ["5 kg", "rate", "is not a rate"],
    ["3 days", "mass", "is not a mass"],
    ["2+3 t", "mass", "is not a quantity"],
    ["sqrt(4) t", "mass", "is not a quantity"],
    ["lots", "mass", "is not a quantity"],
    ["5 furlongs", "duration", "is not a quantity"],
  ] as const)("%s as %s is refused: %s", (input, kind, message) => {
    const parsed = parseQuantity(input, kind);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it("reads shares as fractions or percentages", () => {
    expect(parseShare("70%")).toEqual({ ok: true, value: 0.7 });
    expect(parseShare(0.25)).toEqual({ ok: true, value: 0.25 });
    expect(parseShare("seventy").ok).toBe(false);
  });
});

/**
 * The calendar's conversions, and that they have one home: nothing outside calendar.ts turns an
 * ISO date into milliseconds or days by hand (issue 15 found it written out eight times).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { epochDayFromIso, epochMsFromIso, epochMsOfEpochDay, isoFromEpochDay } from "../../src/model/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Days from 0100-01-01 to 9999-12-31 (epochDayFromIso reads no year before 100). */
const epochDays = fc.integer({ min: -683_003, max: 2_932_896 });

describe("calendar", () => {
  it("puts an ISO date and its epoch day at the same millisecond, 00:00 UTC", () => {
    fc.assert(
      fc.property(epochDays, (day) => {
        const iso = isoFromEpochDay(day);
        expect(epochMsFromIso(iso)).toBe(day * 86_400_000);
        expect(epochMsOfEpochDay(day)).toBe(day * 86_400_000);
        expect(epochDayFromIso(iso)).toBe(day);
      }),
    );
  });

  it("rounds a fractional day down to its date, as isoFromEpochDay does", () => {
    expect(epochMsOfEpochDay(20_000.75)).toBe(epochMsFromIso(isoFromEpochDay(20_000.75)));
    expect(epochMsOfEpochDay(-0.5)).toBe(-86_400_000);
  });

  it("gives NaN for text that is not a date", () => {
    expect(epochMsFromIso("2026-13-01")).toBeNaN();
    expect(epochMsFromIso("soon")).toBeNaN();
  });

  it("is the only place a date becomes milliseconds", () => {
    const files = readdirSync(path.join(ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && f !== path.join("model", "calendar.ts"));
    const byHand = files.filter((f) => /T00:00:00Z|86_?400_?000/.test(readFileSync(path.join(ROOT, "src", f), "utf8")));
    expect(byHand).toEqual([]);
  });
});

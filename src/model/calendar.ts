/**
 * Calendar: ISO dates <-> epoch days (whole days since 1970-01-01, UTC). Simulation time is
 * measured in days from the scenario's start date; these helpers translate at the edges.
 */

const MS_PER_DAY = 86_400_000;

/**
 * Days in a year wherever a yearly quantity becomes a daily one (t/yr, %/yr, outages per
 * year): the Julian year, which is also what the unit parser's "yr" means.
 */
export const DAYS_PER_YEAR = 365.25;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The epoch day of an ISO calendar date (YYYY-MM-DD), or undefined if it is not a real date. */
export function epochDayFromIso(iso: string): number | undefined {
  const match = ISO_DATE.exec(iso);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

/**
 * Milliseconds since 1970-01-01T00:00Z at the start (00:00 UTC) of an ISO date, NaN if it is not
 * one: time as charts plot it.
 */
export function epochMsFromIso(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** Milliseconds since 1970-01-01T00:00Z at the start of an epoch day's date (fractional days round down). */
export function epochMsOfEpochDay(epochDay: number): number {
  return Math.floor(epochDay) * MS_PER_DAY;
}

/** The ISO date (YYYY-MM-DD) of an epoch day; fractional days round down to their date. */
export function isoFromEpochDay(epochDay: number): string {
  return new Date(Math.floor(epochDay) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The calendar year of an epoch day. */
export function yearOfEpochDay(epochDay: number): number {
  return new Date(Math.floor(epochDay) * MS_PER_DAY).getUTCFullYear();
}

/** Whether an epoch day is the first day of a calendar month. */
export function isFirstOfMonth(epochDay: number): boolean {
  return new Date(Math.floor(epochDay) * MS_PER_DAY).getUTCDate() === 1;
}

/** The epoch day of January 1 of the year after the one containing `epochDay`. */
export function nextNewYearEpochDay(epochDay: number): number {
  const year = new Date(Math.floor(epochDay) * MS_PER_DAY).getUTCFullYear();
  return Date.UTC(year + 1, 0, 1) / MS_PER_DAY;
}

/** Share of its calendar year still to come on `epochDay` (1 on January 1), by the year's real length. */
export function yearShareLeft(epochDay: number): number {
  const next = nextNewYearEpochDay(epochDay);
  const year = new Date(Math.floor(epochDay) * MS_PER_DAY).getUTCFullYear();
  const length = next - Date.UTC(year, 0, 1) / MS_PER_DAY;
  return (next - Math.floor(epochDay)) / length;
}

/** A calendar month as a whole number: year x 12 + (month - 1), so consecutive months differ by 1. */
export function monthOfEpochDay(epochDay: number): number {
  const date = new Date(Math.floor(epochDay) * MS_PER_DAY);
  return date.getUTCFullYear() * 12 + date.getUTCMonth();
}

/** The epoch day of the first day of a month (as `monthOfEpochDay` numbers it). */
export function epochDayOfMonth(month: number): number {
  return Date.UTC(Math.floor(month / 12), month % 12, 1) / MS_PER_DAY;
}

/** A month as "YYYY-MM". */
export function isoMonth(month: number): string {
  return isoFromEpochDay(epochDayOfMonth(month)).slice(0, 7);
}

/** The month of "YYYY-MM", or undefined if it is not one. */
export function monthFromIso(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? Number(match[1]) * 12 + month - 1 : undefined;
}

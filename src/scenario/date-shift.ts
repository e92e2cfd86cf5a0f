/**
 * Date shifts: an ISO date moved by whole days, weeks, months or years of the calendar, as a
 * relative edit writes it (`--set events.x.date+=1 year`). Days and weeks count days; months
 * and years move the month and keep the day of the month, or take the month's last day when
 * it has fewer (2024-02-29 + 1 year = 2025-02-28, 2026-01-31 + 1 month = 2026-02-28), so a
 * shift and its reverse need not return to the same day. Pure integer arithmetic on the
 * proleptic Gregorian calendar, years 0001 to 9999, as the format's dates.
 */

/** A whole number of calendar units, parsed from "1 year", "-18 months", "2 weeks". */
export interface CalendarShift {
  readonly amount: number;
  readonly unit: "day" | "month";
}

/** The shift written in `text`, or why it is not one. */
export function parseCalendarShift(text: string): { ok: true; shift: CalendarShift } | { ok: false; message: string } {
  const match = /^\s*([+-]?\d+(?:\.\d*)?)\s*(days?|weeks?|months?|years?|yrs?)\s*$/.exec(text);
  if (match === null || !Number.isInteger(Number(match[1]))) {
    return { ok: false, message: `a date moves by a whole number of days, weeks, months or years, such as "1 year", "6 months" or "30 days"; got "${text}"` };
  }
  const count = Number(match[1]);
  const unit = match[2].replace(/s$/, "");
  if (unit === "day") return { ok: true, shift: { amount: count, unit: "day" } };
  if (unit === "week") return { ok: true, shift: { amount: count * 7, unit: "day" } };
  if (unit === "month") return { ok: true, shift: { amount: count, unit: "month" } };
  return { ok: true, shift: { amount: count * 12, unit: "month" } };
}

/** `iso` (YYYY-MM-DD) moved by `shift` times `sign`, or undefined when it leaves years 0001-9999 or is not a date. */
export function shiftDate(iso: string, shift: CalendarShift, sign: 1 | -1): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const amount = shift.amount * sign;
  let civil: [number, number, number];
  if (shift.unit === "day") civil = civilFromDays(daysFromCivil(year, month, day) + amount);
  else {
    const months = year * 12 + (month - 1) + amount;
    const toYear = Math.floor(months / 12);
    const toMonth = months - toYear * 12 + 1;
    civil = [toYear, toMonth, Math.min(day, daysInMonth(toYear, toMonth))];
  }
  const [y, m, d] = civil;
  if (y < 1 || y > 9999) return undefined;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Days from 1970-01-01 and back, by H. Hinnant's algorithms ("chrono-compatible low-level date
// algorithms"): eras of 400 years, each of 146,097 days, starting on March 1.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/**
 * Calendar: ISO dates <-> epoch days (whole days since 1970-01-01, UTC). Simulation time is
 * measured in days from the scenario's start date; these helpers translate at the edges.
 */
/** The epoch day of an ISO calendar date (YYYY-MM-DD), or undefined if it is not a real date. */
export declare function epochDayFromIso(iso: string): number | undefined;
/** The ISO date (YYYY-MM-DD) of an epoch day; fractional days round down to their date. */
export declare function isoFromEpochDay(epochDay: number): string;
/** The epoch day of January 1 of the year after the one containing `epochDay`. */
export declare function nextNewYearEpochDay(epochDay: number): number;

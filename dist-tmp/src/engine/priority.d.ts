/**
 * Priorities break ties between events scheduled at the same time: lower runs first, and
 * events of equal time and priority run in the order they were scheduled.
 */
/** Named priority levels. Use these instead of bare numbers. */
export declare const Priority: {
    /** Runs before anything else at its time: bookkeeping that must see the state "just before". */
    readonly FIRST: 0;
    /** Early in the instant. */
    readonly EARLY: 2;
    /** The default. */
    readonly NORMAL: 4;
    /** Late in the instant. */
    readonly LATE: 6;
    /** Runs after everything else at its time. */
    readonly LAST: 8;
};
/** The highest priority value a caller may use (inclusive). */
export declare const MAX_PRIORITY = 1023;

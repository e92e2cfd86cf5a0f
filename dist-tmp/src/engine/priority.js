/**
 * Priorities break ties between events scheduled at the same time: lower runs first, and
 * events of equal time and priority run in the order they were scheduled.
 */
/** Named priority levels. Use these instead of bare numbers. */
export const Priority = {
    /** Runs before anything else at its time: bookkeeping that must see the state "just before". */
    FIRST: 0,
    /** Early in the instant. */
    EARLY: 2,
    /** The default. */
    NORMAL: 4,
    /** Late in the instant. */
    LATE: 6,
    /** Runs after everything else at its time. */
    LAST: 8,
};
/** The highest priority value a caller may use (inclusive). */
export const MAX_PRIORITY = 1023;
//# sourceMappingURL=priority.js.map
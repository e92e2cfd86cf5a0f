/**
 * The discrete-event kernel: a clock in days, an event queue ordered by
 * (time, priority, insertion sequence), and seeded, named random streams.
 * It knows nothing of what it simulates.
 */
export { assertNever } from "./assert-never.js";
export { ChokepointError, EngineError } from "./chokepoint-error.js";
export { Environment } from "./environment.js";
export { EventQueue, type EventHandler, type EventId } from "./event-queue.js";
export { Priority, MAX_PRIORITY } from "./priority.js";
export { KeyedStream, RandomStream, RandomStreams } from "./random-stream.js";
export { type Distribution, fixed, sample, quantile, bounds, meanOf } from "./distribution.js";
export { checkDistribution } from "./distribution-check.js";
export { mathjs } from "./mathjs.js";
export { erfcinv } from "./special-functions.js";

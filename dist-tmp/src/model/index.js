/**
 * The world model: markets, facilities, reserves, trade and export controls on top of the
 * discrete-event kernel. It takes a resolved WorldSpec and returns data; it does no I/O.
 */
export { ModelError } from "./model-error.js";
export { epochDayFromIso, isoFromEpochDay } from "./calendar.js";
export { Timeline, TIMELINE_COLUMNS } from "./timeline.js";
export { summarizeShortfalls, SHORT_DAY_SHARE } from "./kpis.js";
export { World } from "./world.js";
export { simulateWorld } from "./simulate.js";
export { commodityOrder } from "./world-topology.js";
//# sourceMappingURL=index.js.map
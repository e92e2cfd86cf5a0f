/**
 * simulate: one replicate of a resolved world, start to end, with its shortfall KPIs.
 */
import { RandomStreams } from "../engine/index.js";
import { summarizeShortfalls } from "./kpis.js";
import { World } from "./world.js";
/** Runs `spec` once with the given seed and replicate. Pure: same inputs, same result. */
export function simulateWorld(spec, options) {
    const replicate = options.replicate ?? 0;
    const world = new World(spec, new RandomStreams(options.seed, replicate));
    const record = world.run();
    const kpis = summarizeShortfalls(record.timeline, record.stockpileEmptyDay);
    return { seed: options.seed, replicate, timeline: record.timeline, kpis, events: record.events, eventCount: record.eventCount };
}
//# sourceMappingURL=simulate.js.map
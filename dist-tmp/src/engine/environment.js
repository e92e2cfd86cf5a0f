/**
 * Environment: one simulation run's clock and pending events, in days.
 *
 * All run state lives here (never in module-level fields), so any number of runs can proceed
 * side by side in one process. The clock only moves forward: `run` pops events in
 * (time, priority, sequence) order and sets `now` to each event's time before calling it.
 */
import { EngineError } from "./chokepoint-error.js";
import { EventQueue } from "./event-queue.js";
import { Priority } from "./priority.js";
/** A discrete-event simulation environment: clock, event queue, run loop. */
export class Environment {
    queue = new EventQueue();
    clock;
    stopRequested = false;
    executed = 0;
    currentId = -1;
    /** Creates an environment whose clock starts at `startTime` (days). */
    constructor(startTime = 0) {
        if (!Number.isFinite(startTime)) {
            throw new EngineError("bad-time", `start time must be a finite number, got ${startTime}`);
        }
        this.clock = startTime;
    }
    /** The current simulation time, in days. */
    get now() {
        return this.clock;
    }
    /** How many events have run so far. */
    get eventsRun() {
        return this.executed;
    }
    /** Events still pending (cancelled ones may be counted until discarded). */
    get pendingCount() {
        return this.queue.size;
    }
    /** Id of the event being run right now (-1 outside a handler). */
    get currentEventId() {
        return this.currentId;
    }
    /** Schedules `handler(payload)` at absolute time `day`, which must not lie in the past. */
    scheduleAt(day, handler, payload = 0, priority = Priority.NORMAL) {
        if (day < this.clock) {
            throw new EngineError("time-in-past", `cannot schedule at day ${day}: the clock is already at day ${this.clock}`);
        }
        return this.queue.push(day, priority, handler, payload);
    }
    /** Schedules `handler(payload)` after `delayDays` (>= 0) from now. */
    scheduleIn(delayDays, handler, payload = 0, priority = Priority.NORMAL) {
        if (!(delayDays >= 0)) {
            throw new EngineError("negative-delay", `delay must be >= 0 days, got ${delayDays}`);
        }
        return this.queue.push(this.clock + delayDays, priority, handler, payload);
    }
    /**
     * Cancels a pending event. Returns false if it already ran or was cancelled.
     * Linear in the number of pending events: for frequent invalidation, compare
     * `currentEventId` with the id you kept instead.
     */
    cancel(id) {
        return this.queue.cancel(id);
    }
    /** Time of the next pending event, or Infinity. */
    peek() {
        return this.queue.peekTime();
    }
    /** Asks `run` to return after the current event. */
    stop() {
        this.stopRequested = true;
    }
    /** Runs the next event, if any. Returns false when the queue is empty. */
    step() {
        const handler = this.queue.pop();
        if (handler === undefined)
            return false;
        this.fire(handler);
        return true;
    }
    /**
     * Runs events in order until the queue is empty, `stop()` is called, or the next event lies
     * at or after `until` (exclusive). With `until`, the clock ends exactly at `until`.
     */
    run(until = Infinity) {
        if (until < this.clock) {
            throw new EngineError("time-in-past", `cannot run until day ${until}: the clock is already at day ${this.clock}`);
        }
        this.stopRequested = false;
        const queue = this.queue;
        // Inlined for speed: this loop runs once per event.
        for (;;) {
            const handler = queue.popBefore(until);
            if (handler === undefined)
                break;
            this.fire(handler);
            if (this.stopRequested)
                return;
        }
        if (until !== Infinity)
            this.clock = until;
    }
    fire(handler) {
        const queue = this.queue;
        this.clock = queue.poppedTime;
        this.currentId = queue.poppedId;
        this.executed++;
        handler(queue.poppedPayload);
        this.currentId = -1;
    }
}
//# sourceMappingURL=environment.js.map
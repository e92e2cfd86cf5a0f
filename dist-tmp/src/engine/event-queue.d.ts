/** What runs when an event fires. The payload is whatever number the scheduler attached. */
export type EventHandler = (payload: number) => void;
/** Identifies one scheduled event, for cancellation. Unique within a queue. */
export type EventId = number;
/** A binary min-heap of events keyed by (time, priority, insertion sequence). */
export declare class EventQueue {
    private times;
    private keys;
    private payloads;
    private handlers;
    private count;
    private nextSequence;
    private readonly cancelled;
    /** Time of the entry most recently removed by `pop()`. */
    poppedTime: number;
    /** Payload of the entry most recently removed by `pop()`. */
    poppedPayload: number;
    /** Id of the entry most recently removed by `pop()`. */
    poppedId: EventId;
    /** Number of entries held, including cancelled ones not yet discarded. */
    get size(): number;
    /** Adds an event; returns its id. Time must be finite; priority an integer in [0, 1023]. */
    push(time: number, priority: number, handler: EventHandler, payload: number): EventId;
    /**
     * Marks a pending event as cancelled; it is discarded when it reaches the top.
     * Returns false if the id was never issued, already ran or was already cancelled.
     */
    cancel(id: EventId): boolean;
    /** Time of the earliest live event, or Infinity if none is pending. */
    peekTime(): number;
    /**
     * Removes the earliest live event and returns its handler, leaving its time, payload and id
     * in `poppedTime`, `poppedPayload` and `poppedId`; returns undefined when empty.
     */
    pop(): EventHandler | undefined;
    /** As `pop()`, but only if the earliest live event's time is before `limit`. */
    popBefore(limit: number): EventHandler | undefined;
    private discardCancelledTop;
    private removeTop;
    private grow;
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError, EventQueue, MAX_PRIORITY } from "../../src/engine/index.js";

describe("EventQueue", () => {
  it("pops events in (time, priority, insertion) order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 3 })), { maxLength: 200 }),
        (entries) => {
          const queue = new EventQueue();
          const noop = () => {};
          entries.forEach(([time, priority], i) => queue.push(time, priority, noop, i));
          const popped: number[] = [];
          while (queue.pop() !== undefined) popped.push(queue.poppedPayload);
          const expected = entries
            .map(([time, priority], i) => ({ time, priority, i }))
            .sort((a, b) => a.time - b.time || a.priority - b.priority || a.i - b.i)
            .map((e) => e.i);
          expect(popped).toEqual(expected);
        },
      ),
    );
  });

  it("gives equal-time, equal-priority events back in insertion order", () => {
    const queue = new EventQueue();
    for (let i = 0; i < 1000; i++) queue.push(5, 4, () => {}, i);
    const order: number[] = [];
    while (queue.pop() !== undefined) order.push(queue.poppedPayload);
    expect(order).toEqual([...Array(1000).keys()]);
  });

  it("skips cancelled events and reports cancellation only once", () => {
    const queue = new EventQueue();
    const ids = [1, 2, 3, 4].map((t) => queue.push(t, 0, () => {}, t));
    expect(queue.cancel(ids[1])).toBe(true);
    expect(queue.cancel(ids[1])).toBe(false);
    expect(queue.cancel(999)).toBe(false);
    const times: number[] = [];
    while (queue.pop() !== undefined) times.push(queue.poppedTime);
    expect(times).toEqual([1, 3, 4]);
    expect(queue.cancel(ids[0])).toBe(false); // already ran
  });

  it("refuses non-finite times and out-of-range priorities", () => {
    const queue = new EventQueue();
    expect(() => queue.push(Number.NaN, 0, () => {}, 0)).toThrow(EngineError);
    expect(() => queue.push(Infinity, 0, () => {}, 0)).toThrow(/finite/);
    expect(() => queue.push(1, MAX_PRIORITY + 1, () => {}, 0)).toThrow(/priority/);
    expect(() => queue.push(1, 1.5, () => {}, 0)).toThrow(/priority/);
  });

  it("grows past its initial capacity without losing order", () => {
    const queue = new EventQueue();
    for (let i = 5000; i > 0; i--) queue.push(i, 0, () => {}, i);
    let previous = -Infinity;
    let count = 0;
    while (queue.pop() !== undefined) {
      expect(queue.poppedTime).toBeGreaterThanOrEqual(previous);
      previous = queue.poppedTime;
      count++;
    }
    expect(count).toBe(5000);
  });
});

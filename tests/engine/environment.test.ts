import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EngineError, Environment, Priority } from "../../src/engine/index.js";
import { runMM1 } from "../../bench/mm1.js";

describe("Environment", () => {
  it("never moves the clock backwards, whatever handlers schedule", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true })), {
          minLength: 1,
          maxLength: 100,
        }),
        (plan) => {
          const env = new Environment();
          const seen: number[] = [];
          plan.forEach(([at, later], i) => {
            env.scheduleAt(at, () => {
              seen.push(env.now);
              if (i % 2 === 0) env.scheduleIn(later, () => seen.push(env.now));
            });
          });
          env.run();
          for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
          expect(seen.length).toBe(plan.length + Math.ceil(plan.length / 2));
        },
      ),
    );
  });

  it("runs events at equal times in priority, then insertion order", () => {
    const env = new Environment();
    const order: string[] = [];
    env.scheduleAt(3, () => order.push("normal-1"));
    env.scheduleAt(3, () => order.push("last"), 0, Priority.LAST);
    env.scheduleAt(3, () => order.push("normal-2"));
    env.scheduleAt(3, () => order.push("first"), 0, Priority.FIRST);
    env.scheduleAt(2, () => env.scheduleAt(3, () => order.push("normal-3")));
    env.run();
    expect(order).toEqual(["first", "normal-1", "normal-2", "normal-3", "last"]);
  });

  it("runs until a time, exclusive, and leaves the clock there", () => {
    const env = new Environment();
    const ran: number[] = [];
    for (const t of [1, 2, 3, 4]) env.scheduleAt(t, () => ran.push(t));
    env.run(3);
    expect(ran).toEqual([1, 2]);
    expect(env.now).toBe(3);
    env.run();
    expect(ran).toEqual([1, 2, 3, 4]);
    expect(env.now).toBe(4);
  });

  it("stops when asked, and resumes where it stopped", () => {
    const env = new Environment();
    const ran: number[] = [];
    for (const t of [1, 2, 3]) env.scheduleAt(t, () => {
      ran.push(t);
      if (t === 2) env.stop();
    });
    env.run();
    expect(ran).toEqual([1, 2]);
    env.run();
    expect(ran).toEqual([1, 2, 3]);
  });

  it("passes payloads, counts events and cancels", () => {
    const env = new Environment(10);
    const got: number[] = [];
    const handler = (payload: number) => got.push(payload);
    env.scheduleIn(1, handler, 7);
    const id = env.scheduleIn(2, handler, 8);
    env.scheduleIn(3, handler, 9);
    expect(env.cancel(id)).toBe(true);
    env.run();
    expect(got).toEqual([7, 9]);
    expect(env.eventsRun).toBe(2);
    expect(env.now).toBe(13);
  });

  it("refuses to schedule in the past or with a negative delay", () => {
    const env = new Environment(5);
    expect(() => env.scheduleAt(4, () => {})).toThrow(EngineError);
    expect(() => env.scheduleIn(-1, () => {})).toThrow(/delay must be >= 0/);
    expect(() => env.run(4)).toThrow(/already at day 5/);
  });

  it("reproduces the M/M/1 mean wait of 9.0 (arrival 0.9, service 1.0) within a 99.9% confidence bound", () => {
    // Ten independent replications; their means are nearly independent and normal, so a
    // t-interval on them is a fair test of the kernel's ordering and clock.
    const means = Array.from({ length: 10 }, (_, seed) => runMM1(200_000, seed + 1).meanWait);
    const mean = means.reduce((a, b) => a + b, 0) / means.length;
    const variance = means.reduce((a, b) => a + (b - mean) ** 2, 0) / (means.length - 1);
    const halfWidth = 4.781 * Math.sqrt(variance / means.length); // t(0.9995, 9 df)
    expect(Math.abs(mean - 9)).toBeLessThan(halfWidth);
    expect(halfWidth).toBeLessThan(1); // the interval is tight enough to mean something
  });
});

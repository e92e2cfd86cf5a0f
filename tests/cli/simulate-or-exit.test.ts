/**
 * A random draw the model cannot use (not a finite number) is an error naming the input and
 * its place in the scenario file, with the seed and replicate, exit code 2: never an infinite
 * event time deep in the kernel. Within the input limits no draw can be infinite, so the
 * distribution here is put into a loaded scenario's spec by hand.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CliExit, ExitCode } from "../../src/cli/exit-codes.js";
import { simulateOrExit } from "../../src/cli/simulate-or-exit.js";
import { loadScenario } from "../../src/index.js";
import { ModelError } from "../../src/model/index.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FILE = path.join(ROOT, "tests/fixtures/good/minimal.yaml");

describe("simulateOrExit", () => {
  it("reports an unusable draw at the input's place in the file, with seed and replicate", () => {
    const scenario = loadScenario(FILE);
    const facility = scenario.spec.facilities[0];
    const outages = { ratePerYear: 365, durationDays: { kind: "fixed" as const, value: Infinity } };
    const spec = { ...scenario.spec, facilities: [{ ...facility, outages }] };
    let error: unknown;
    try {
      // The world the run draws is replaced by one with the unusable distribution.
      simulateOrExit({ ...scenario, draw: () => ({ ok: true, spec, values: [] }) }, { seed: 4, replicate: 2 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliExit);
    expect((error as CliExit).exitCode).toBe(ExitCode.BAD_INPUT);
    // The facility has no `outages` field: the place is the facility's own entry.
    expect((error as CliExit).message).toBe(
      `${FILE}:12:5 facilities.cn-gallium.outages.duration: drew Infinity from fixed { value: Infinity }; the model needs a finite number (seed 4, replicate 2)`,
    );
  });

  it("lets other model errors through as bugs", () => {
    const scenario = loadScenario(FILE);
    const spec = { ...scenario.spec, warmUpDays: 0.5 };
    expect(() => simulateOrExit({ ...scenario, draw: () => ({ ok: true, spec, values: [] }) }, {})).toThrow(ModelError);
  });
});

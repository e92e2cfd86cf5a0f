/**
 * Compound limits: inputs each within their own limit may compound (many demand changes on one
 * market, growth over a long horizon and warm-up, recipe ratios chained through stages). Every
 * such world is either refused when loaded, each problem located in the file and naming the
 * limit, or runs to the end with finite figures: never a model error (the CLI's exit 1).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ScenarioError, formatIssue, LIMITS, memoryFileSource, parseScenario, type Scenario } from "../../src/scenario/index.js";
import { simulate } from "../../src/sweep/index.js";

const FILE = "s.yaml";

type Outcome = { readonly kind: "refused"; readonly lines: string[] } | { readonly kind: "ran" };

/** Loads and runs `text` as the CLI would; fails the test on anything but a located refusal or a finite run. */
function outcomeOf(text: string, replicates = 1): Outcome {
  const result = parseScenario(FILE, memoryFileSource({ [FILE]: text }));
  if (!result.ok) {
    const lines = result.issues.map(formatIssue);
    for (const line of lines) expect(line, text).toMatch(/^s\.yaml:\d+:\d+ [^:]+: \S/);
    return { kind: "refused", lines };
  }
  for (let replicate = 0; replicate < replicates; replicate++) {
    const run = runOrRefuse(result.scenario, replicate, text);
    if (run !== undefined) return run;
  }
  return { kind: "ran" };
}

function runOrRefuse(scenario: Scenario, replicate: number, text: string): Outcome | undefined {
  try {
    const run = simulate(scenario, { replicate });
    for (const kpi of run.summary.kpis) {
      expect(Number.isFinite(kpi.unmetTonnes) && Number.isFinite(kpi.demandTonnes), `${kpi.country} ${kpi.commodity}\n${text}`).toBe(true);
    }
    return undefined;
  } catch (error) {
    // A drawn world that breaks a rule is refused, located, like a file (exit 2); anything else is exit 1.
    if (!(error instanceof ScenarioError)) throw new Error(`exit 1 for:\n${text}`, { cause: error });
    return { kind: "refused", lines: error.issues.map(formatIssue) };
  }
}

/** A world of one gallium mine in China supplying US demand, with `extra` top-level sections. */
function world(options: { demand: string; growth?: string; start?: string; end?: string; warmUp?: string; priority?: boolean; extra?: string }): string {
  return [
    `start: ${options.start ?? "2025-01-01"}`,
    `end: ${options.end ?? "2025-12-31"}`,
    ...(options.warmUp === undefined ? [] : [`warmUp: ${options.warmUp}`]),
    "commodities:",
    "  gallium: { stage: refined, groups: [metals] }",
    "countries:",
    "  CN: { groups: [everyone] }",
    "  US: { groups: [everyone] }",
    "facilities:",
    "  cn-gallium: { country: CN, capacity: 600 t/yr, outputs: { gallium: 1 } }",
    "markets:",
    "  US:",
    "    gallium:",
    `      demand: ${options.demand}`,
    ...(options.growth === undefined ? [] : [`      growth: ${options.growth}`]),
    ...(options.priority === true ? ["      priority: { defence: 20%, critical: 30% }"] : []),
    "      imports: { CN: 100% }",
    options.extra ?? "",
  ].join("\n");
}

const demandEvents = (factors: readonly (string | number)[], pick: (i: number) => { country: string; commodity: string; class?: string }) =>
  factors.length === 0
    ? ""
    : `events:\n${factors
        .map((factor, i) => {
          const target = pick(i);
          return `  d${i}: { type: demand-change, date: 2025-03-01, country: ${target.country}, commodity: ${target.commodity}, factor: ${factor}${target.class === undefined ? "" : `, class: ${target.class}`} }`;
        })
        .join("\n")}\n`;

/** A rate in t/yr, log-uniform from 1 kg/yr to the rate limit. */
const demandTonnesPerYear = fc.double({ min: -3, max: 10, noNaN: true }).map((log) => Number((10 ** log).toPrecision(6)));
const factor = fc.oneof(fc.constant(100), fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true }).map((f) => Number(f.toPrecision(6))));
const growth = fc.oneof(fc.constant(1), fc.constant(-0.999999), fc.double({ min: -0.999999, max: 1, noNaN: true }).map((g) => Number(g.toPrecision(6))));

describe("compound limits", () => {
  it("refuses forty factor-100 demand changes on one market at the factor that crosses, naming the limit", () => {
    const text = world({ demand: "20 t/yr", extra: demandEvents(Array(40).fill(100), () => ({ country: "US", commodity: "gallium" })) });
    const outcome = outcomeOf(text);
    expect(outcome).toEqual({
      kind: "refused",
      lines: [
        "s.yaml:20:89 events.d4.factor: US gallium's demand can compound to 2.0e+81 t/yr: 20 t/yr x 1.0e+80 from 40 demand-change events (d0, d1, d2, ... d39); " +
          "a market's demand, compounded by growth and by every demand-change factor above 1 that can apply to it, must be at most 10 Gt/yr (1e10 t/yr)",
      ],
    });
  });

  it("refuses growth that compounds past the limit over the horizon, or backwards over the warm-up", () => {
    expect(outcomeOf(world({ demand: "1e9", growth: "100%", end: "2054-12-31" }))).toEqual({
      kind: "refused",
      lines: [
        "s.yaml:14:15 markets.US.gallium.growth: US gallium's demand can compound to 1.1e+18 t/yr: 1.0e+9 t/yr x 1.1e+9 from growth of +100%/yr over 30 years to the end; " +
          "a market's demand, compounded by growth and by every demand-change factor above 1 that can apply to it, must be at most 10 Gt/yr (1e10 t/yr)",
      ],
    });
    expect(outcomeOf(world({ demand: "1000", growth: "-90%", warmUp: "10 yr" }))).toEqual({
      kind: "refused",
      lines: [
        "s.yaml:15:15 markets.US.gallium.growth: US gallium's demand can compound to 1.0e+13 t/yr: 1000 t/yr x 1.0e+10 from growth of -90%/yr over 10 years back to the start of the warm-up; " +
          "a market's demand, compounded by growth and by every demand-change factor above 1 that can apply to it, must be at most 10 Gt/yr (1e10 t/yr)",
      ],
    });
  });

  it("judges an uncertain factor, demand or growth by the end of its range, so that no draw can cross", () => {
    const text = world({ demand: "{ uniform: [1e6, 1e8] }", extra: demandEvents(["{ uniform: [1, 100] }", "{ uniform: [1, 2] }"], () => ({ country: "US", commodity: "gallium" })) });
    const outcome = outcomeOf(text);
    expect(outcome.kind).toBe("refused");
    expect(outcome.kind === "refused" && outcome.lines).toEqual([
      "s.yaml:17:89 events.d1.factor: US gallium's demand can compound to 2.0e+10 t/yr: 1.0e+8 t/yr x 200 from 2 demand-change events (d0, d1); " +
        "a market's demand, compounded by growth and by every demand-change factor above 1 that can apply to it, must be at most 10 Gt/yr (1e10 t/yr)",
    ]);
  });

  it("accepts demand compounded up to the limit itself, and counts factors below 1 as no relief", () => {
    expect(outcomeOf(world({ demand: "1e8", extra: demandEvents([100], () => ({ country: "US", commodity: "gallium" })) })).kind).toBe("ran");
    expect(outcomeOf(world({ demand: "1e8", extra: demandEvents([0.5, 100.0, 2], () => ({ country: "US", commodity: "gallium" })) })).kind).toBe("refused");
    expect(LIMITS.compoundDemandTonnesPerDay.max).toBe(LIMITS.tonnesPerDay.max);
  });

  it("many demand changes with large factors, on the market, its groups or one priority class: refused located, or finite", () => {
    fc.assert(
      fc.property(
        demandTonnesPerYear,
        fc.array(fc.tuple(factor, fc.constantFrom("US", "everyone"), fc.constantFrom("gallium", "metals"), fc.constantFrom(undefined, "defence", "critical", "other")), { maxLength: 60 }),
        (demand, events) => {
          const text = world({
            demand: String(demand),
            priority: true,
            extra: demandEvents(
              events.map(([f]) => f),
              (i) => ({ country: events[i][1], commodity: events[i][2], class: events[i][3] }),
            ),
          });
          const outcome = outcomeOf(text);
          const product = events.reduce((p, [f]) => p * Math.max(1, f), 1);
          if (demand * product > 1e10 * (1 + 1e-6)) {
            expect(outcome.kind, text).toBe("refused");
            if (outcome.kind === "refused") expect(outcome.lines.join("\n")).toContain("must be at most 10 Gt/yr (1e10 t/yr)");
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("growth over up to 30 years and a warm-up of up to 10, with uncertain ranges: refused located, or finite in every draw", () => {
    fc.assert(
      fc.property(
        demandTonnesPerYear,
        growth,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 3653 }),
        fc.boolean(),
        fc.array(factor, { maxLength: 5 }),
        (demand, g, years, warmUpDays, isUncertain, factors) => {
          const text = world({
            demand: isUncertain ? `{ uniform: [${demand / 10}, ${demand}] }` : String(demand),
            growth: isUncertain ? `{ uniform: [${Math.max(-0.999999, g - 0.5)}, ${g}] }` : String(g),
            end: `${2024 + years}-12-31`,
            warmUp: `${warmUpDays} days`,
            extra: demandEvents(
              factors.map((f) => (isUncertain ? `{ uniform: [0, ${f}] }` : f)),
              () => ({ country: "US", commodity: "gallium" }),
            ),
          });
          const outcome = outcomeOf(text, isUncertain ? 3 : 1);
          if (outcome.kind === "refused") expect(outcome.lines.join("\n"), text).toMatch(/must be|must not|may be/);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("recipe ratios chained through stages do not compound: each stage runs at most at its capacity", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        demandTonnesPerYear,
        fc.integer({ min: 0, max: 3653 }),
        (stages, inLog, outLog, demand, coverDays) => {
          const ratioIn = Number((10 ** inLog).toPrecision(4));
          const ratioOut = Number((10 ** outLog).toPrecision(4));
          const lines = ["start: 2025-01-01", "end: 2026-12-31", "commodities:"];
          for (let i = 0; i <= stages; i++) lines.push(`  c${i}: {}`);
          lines.push("countries:", "  CN: {}", "  US: {}", "facilities:", `  mine: { country: CN, capacity: 1e10, outputs: { c0: ${ratioOut} } }`);
          for (let i = 1; i <= stages; i++) lines.push(`  f${i}: { country: CN, capacity: 1e10, inputs: { c${i - 1}: ${ratioIn} }, outputs: { c${i}: ${ratioOut} } }`);
          lines.push("markets:", "  US:", `    c${stages}: { demand: ${demand}, cover: ${coverDays} days, imports: { CN: 100% } }`);
          lines.push("stockpiles:", `  reserve: { country: US, commodity: c${stages}, level: ${coverDays} days }`);
          expect(outcomeOf(lines.join("\n")).kind).toBe("ran");
        },
      ),
      { numRuns: 20 },
    );
  });
});

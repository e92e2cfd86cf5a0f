/** The reserves table of a run: tonnes released, from when, and why a reserve released nothing. */
import { describe, expect, it } from "vitest";
import { renderIdleReserves, renderReserveTable } from "../../src/report/index.js";

describe("the reserves table", () => {
  it("lists each reserve with its released tonnes and first day, or why it released nothing", () => {
    const text = renderReserveTable([
      { id: "jogmec-dy-oxide", country: "JP", commodity: "dy-oxide", releasedTonnes: 12.34, firstRelease: "2027-02-01", whyNot: null },
      { id: "nds-antimony", country: "US", commodity: "antimony", releasedTonnes: 0, firstRelease: null, whyNot: "the demand it serves was never short while it could release" },
    ]);
    expect(text.split("\n")).toEqual([
      "Reserves: 1 of 2 released in the reported period:",
      "reserve          country  commodity  released t  from        why nothing",
      "jogmec-dy-oxide  JP       dy-oxide         12.3  2027-02-01",
      "nds-antimony     US       antimony            0              the demand it serves was never short while it could release",
      "",
    ]);
  });

  it("is empty without reserves", () => {
    expect(renderReserveTable([])).toBe("");
  });
});

describe("the compare's idle reserves", () => {
  it("names, per alternative and reason, the reserves that released nothing", () => {
    const reserve = (id: string, whyNot: string | null) => ({ id, country: "US", commodity: "x", releasedTonnes: whyNot === null ? 5 : 0, firstRelease: whyNot === null ? "2027-01-01" : null, whyNot });
    const text = renderIdleReserves(
      [
        { name: "base", reserves: [reserve("a", "its trigger never fired"), reserve("b", null), reserve("c", "its trigger never fired"), reserve("d", "it was empty (at its floor)")] },
        { name: "policy", reserves: [reserve("a", null)] },
      ],
      0,
    );
    expect(text.split("\n")).toEqual([
      "Reserves that released nothing in replicate 0, and why (`run --replicate 0` lists every reserve):",
      "  base: its trigger never fired: a, c",
      "  base: it was empty (at its floor): d",
      "",
    ]);
    expect(renderIdleReserves([{ name: "policy", reserves: [reserve("a", null)] }], 0)).toBe("");
  });
});

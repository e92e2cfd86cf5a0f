import { describe, expect, it } from "vitest";
import { assertNever, ChokepointError } from "../../src/engine/index.js";

describe("assertNever", () => {
  it("throws a ChokepointError naming the unhandled value when reached", () => {
    const reached = () => assertNever("surprise" as never, "measure");
    expect(reached).toThrow(ChokepointError);
    expect(reached).toThrow('unhandled measure: "surprise"');
  });
});

import { describe, expect, it } from "vitest";
import { TextBuilder } from "../../src/report/text-builder.js";

describe("TextBuilder", () => {
  it("returns exactly what was appended, across many buffer growths", () => {
    const builder = new TextBuilder(4);
    const parts: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const part = `${i},x-${i % 7},${(i * 0.37).toFixed(3)}\n`;
      parts.push(part);
      builder.append(part);
    }
    expect(builder.toString()).toBe(parts.join(""));
  });

  it("handles empty appends and an empty result", () => {
    expect(new TextBuilder().toString()).toBe("");
    expect(new TextBuilder(1).append("").append("a").append("").toString()).toBe("a");
  });
});

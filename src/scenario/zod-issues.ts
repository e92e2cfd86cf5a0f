/**
 * Translation of zod's validation issues into scenario issues that read well: a missing field
 * says it is required, an unknown key is reported at the key itself (with the nearest known
 * key suggested), and union failures give the field's own message instead of "Invalid input".
 */
import { z } from "zod";
import { suggest } from "./reference-index.js";
import { keysInContext } from "./schema-shape.js";
import type { FieldPath } from "./scenario-issue.js";

/** A translated issue before it gets a position. */
export interface PlainIssue {
  readonly code: string;
  readonly path: FieldPath;
  readonly message: string;
  /** Point at the key rather than the value (unknown and badly named keys). */
  readonly atKey: boolean;
}

const EXPECTED: Record<string, string> = {
  record: "must be a mapping (key: value entries)",
  object: "must be a mapping (key: value entries)",
  array: "must be a list",
  number: "must be a number",
  string: "must be text",
  boolean: "must be true or false",
  tuple: "must be a list",
};

/** Translates zod issues raised by `schema` (parsed with reportInput) into plain issues. */
export function translateZodIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], prefix: FieldPath = []): PlainIssue[] {
  const out: PlainIssue[] = [];
  // zod goes on checking a value of the wrong type ("too short" for a list given as text): the
  // wrong type is the whole story at that path.
  const wrongType = new Set(issues.filter((i) => i.code === "invalid_type" && i.input !== undefined).map((i) => JSON.stringify(i.path)));
  for (const issue of issues) {
    if (issue.code !== "invalid_type" && wrongType.has(JSON.stringify(issue.path))) continue;
    const path = [...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    switch (issue.code) {
      case "unrecognized_keys": {
        const { known, elsewhere } = keysInContext(schema, path, issue.input);
        for (const key of issue.keys) {
          const owner = elsewhere(key);
          if (owner !== undefined) {
            const chosen = JSON.stringify((issue.input as Record<string, unknown>)[owner.discriminator]);
            const values = owner.values.map((v) => JSON.stringify(v)).join(" or ");
            out.push({ code: "misplaced-key", path: [...path, key], message: `applies only when ${owner.discriminator} is ${values}; here ${owner.discriminator} is ${chosen}`, atKey: true });
            continue;
          }
          out.push({ code: "unknown-key", path: [...path, key], message: `unknown key "${key}"${suggest(key, known)}${known.length > 0 ? ` (allowed: ${known.join(", ")})` : ""}`, atKey: true });
        }
        break;
      }
      case "invalid_key": {
        const inner = issue.issues[0]?.message ?? "invalid key";
        out.push({ code: "bad-key", path, message: `key "${String(path[path.length - 1])}": ${inner}`, atKey: true });
        break;
      }
      case "invalid_type":
        if (issue.input === undefined) {
          out.push({ code: "missing-field", path, message: `is required${issue.message.startsWith("must") ? ` (${issue.message})` : ""}`, atKey: false });
        } else {
          const message = issue.message.startsWith("must") ? issue.message : (EXPECTED[issue.expected] ?? issue.message);
          out.push({ code: "wrong-type", path, message: tidy(message, issue.input), atKey: false });
        }
        break;
      case "invalid_union": {
        if (issue.input === undefined) {
          const message = issue.message.startsWith("must") ? issue.message : undefined;
          out.push({ code: "missing-field", path, message: `is required${message === undefined ? "" : ` (${message})`}`, atKey: false });
          break;
        }
        // When exactly one alternative has the right shape, its own complaint is the useful one
        // ("uniform: [min, max] must be in increasing order", not "must be a date or ...").
        // Unions inside unions (a value, or one of several distributions) are opened up first.
        const fitting = openBranches(issue.errors).filter((branch) => !branch.some(isShapeMismatch));
        if (fitting.length === 1) out.push(...translateZodIssues(schema, fitting[0], path));
        else out.push({ code: "wrong-type", path, message: tidy(issue.message, issue.input), atKey: false });
        break;
      }
      case "custom":
        out.push({ code: "invalid-value", path, message: issue.message, atKey: false });
        break;
      case "invalid_value":
        out.push({ code: "invalid-value", path, message: tidy(`must be one of: ${issue.values.map((v) => String(v)).join(", ")}`, issue.input), atKey: false });
        break;
      case "too_small":
      case "too_big":
        if (issue.origin === "array") {
          const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
          const side = issue.code === "too_small" ? "at least" : "at most";
          out.push({ code: "invalid-value", path, message: issue.message.startsWith("must") ? issue.message : `must be a list of ${side} ${bound} item${bound === 1 ? "" : "s"}`, atKey: false });
        } else out.push({ code: "invalid-value", path, message: tidy(issue.message, issue.input), atKey: false });
        break;
      default:
        out.push({ code: "invalid-value", path, message: tidy(issue.message, issue.input), atKey: false });
    }
  }
  return out;
}

/** The branches of a union, with each branch that is itself only a failed union at the same place replaced by its branches. */
function openBranches(branches: readonly (readonly z.core.$ZodIssue[])[]): (readonly z.core.$ZodIssue[])[] {
  return branches.flatMap((branch) =>
    branch.length === 1 && branch[0].code === "invalid_union" && branch[0].path.length === 0 ? openBranches(branch[0].errors) : [branch],
  );
}

/** Whether an issue says the value has the wrong shape altogether (wrong type, unknown or missing keys at its root). */
function isShapeMismatch(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "unrecognized_keys" && issue.path.length === 0) return true;
  if (issue.code === "invalid_type") return issue.path.length === 0 || (issue.path.length === 1 && issue.input === undefined);
  if (issue.code === "invalid_value" && issue.path.length <= 1) return true;
  // Text not in the branch's format at all (a duration where a date is written YYYY-MM-DD).
  if (issue.code === "invalid_format" && issue.path.length === 0) return true;
  return issue.code === "invalid_union" && issue.path.length === 0;
}

function tidy(message: string, input: unknown): string {
  const shown = input === undefined ? "" : `, got ${describe(input)}`;
  if (message === "Invalid input" || message.startsWith("Invalid input:")) return `has the wrong form${shown}`;
  return message.startsWith("must") ? `${message}${shown}` : message;
}

function describe(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "a mapping";
  return JSON.stringify(input);
}

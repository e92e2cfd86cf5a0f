/**
 * assertNever: the default of an exhaustive switch. A value that reaches it is a case the switch
 * forgot, which the type checker reports (`never` accepts no value); at run time it throws.
 */
import { ChokepointError } from "./chokepoint-error.js";

/** Marks a switch as exhaustive: compiles only when every case is handled; throws if reached. */
export function assertNever(value: never, what = "case"): never {
  throw new ChokepointError("unhandled-case", `unhandled ${what}: ${JSON.stringify(value)}`);
}

/** ScenarioError: a scenario could not be loaded; carries every issue found. */
import { ChokepointError } from "../engine/index.js";
import { formatIssue, type ScenarioIssue } from "./scenario-issue.js";

/** Thrown by `loadScenario` when a file is invalid; `issues` lists every problem. */
export class ScenarioError extends ChokepointError {
  readonly issues: readonly ScenarioIssue[];

  constructor(issues: readonly ScenarioIssue[]) {
    const lines = issues.slice(0, 20).map(formatIssue);
    if (issues.length > 20) lines.push(`... and ${issues.length - 20} more`);
    super("invalid-scenario", `invalid scenario:\n${lines.join("\n")}`);
    this.issues = issues;
  }
}

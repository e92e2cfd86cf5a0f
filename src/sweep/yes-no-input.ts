/**
 * Yes/no inputs: whether an event with a probability happens is an input of its own, named
 * `events.<id>.happens` (0 or 1 in a drawn world). Its value has no percentiles worth the
 * name, so the tornado swings it between its two outcomes, and the other inputs of the same
 * event (its date, its duration) mean nothing in a replicate where it did not happen.
 */

const YES_NO = /^events\.([^.]+)\.happens$/;
const OF_EVENT = /^events\.([^.]+)\./;

/** Whether input `name` is a yes/no input (an event that happens or not). */
export function isYesNoInput(name: string): boolean {
  return YES_NO.test(name);
}

/**
 * Per input of `inputs`, the index of the yes/no input of the same event (its `happens`), or
 * -1 when the input is not part of an event that may not happen (or is the yes/no input itself).
 */
export function eventOccurrenceIndex(inputs: readonly string[]): number[] {
  return inputs.map((name) => {
    if (isYesNoInput(name)) return -1;
    const event = OF_EVENT.exec(name)?.[1];
    return event === undefined ? -1 : inputs.indexOf(`events.${event}.happens`);
  });
}

/**
 * PackedLists: a list of indices per owner (a market's controls, its customers), all packed in
 * two typed arrays. The response walks such lists for every market on every step; packed, a
 * market with an empty list costs one read of `start`, and a walk reads contiguous memory
 * instead of chasing a small array object per market.
 */

/** Owner `i`'s items are `items[start[i] .. start[i + 1])`, in the order they were listed. */
export interface PackedLists {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Packs `lists` (one per owner, in owner order), keeping each list's order. */
export function packLists(lists: readonly (readonly number[])[]): PackedLists {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i] + lists[i].length;
  const items = new Int32Array(start[lists.length]);
  for (let i = 0; i < lists.length; i++) items.set(lists[i], start[i]);
  return { start, items };
}

/**
 * World topology: the order in which commodities are solved (inputs before outputs) and the
 * groups of markets that must be solved together (joined by facilities and reserves).
 */
import { ModelError } from "./model-error.js";
import type { WorldSpec } from "./world-spec.js";

/**
 * Commodity indices in topological order of the recipe graph (every input before every
 * output made from it); ties keep declaration order. Throws if recipes form a loop.
 */
export function commodityOrder(spec: WorldSpec): number[] {
  const count = spec.commodities.length;
  const successors: Set<number>[] = Array.from({ length: count }, () => new Set<number>());
  for (const facility of spec.facilities) {
    for (const input of facility.inputs) for (const output of facility.outputs) successors[input.commodity].add(output.commodity);
  }
  const indegree = new Array<number>(count).fill(0);
  for (const next of successors) for (const k of next) indegree[k]++;
  const ready: number[] = [];
  for (let k = 0; k < count; k++) if (indegree[k] === 0) ready.push(k);
  const order: number[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const k = ready.shift() as number;
    order.push(k);
    for (const next of [...successors[k]].sort((a, b) => a - b)) if (--indegree[next] === 0) ready.push(next);
  }
  if (order.length !== count) {
    const loop = findRecipeLoop(spec) as RecipeLoop;
    throw new ModelError("recipe-cycle", describeRecipeLoop(spec, loop));
  }
  return order;
}

/** Commodities that feed themselves through some chain of recipes, and the facilities on that chain. */
export interface RecipeLoop {
  readonly commodities: readonly number[];
  readonly facilities: readonly number[];
}

/** The commodities and facilities on recipe loops, or undefined when recipes never loop. */
export function findRecipeLoop(spec: WorldSpec): RecipeLoop | undefined {
  const count = spec.commodities.length;
  const successors: number[][] = Array.from({ length: count }, () => []);
  for (const facility of spec.facilities) {
    for (const input of facility.inputs) for (const output of facility.outputs) successors[input.commodity].push(output.commodity);
  }
  const reaches = (from: number, to: number): boolean => {
    const seen = new Array<boolean>(count).fill(false);
    const stack = [...successors[from]];
    while (stack.length > 0) {
      const k = stack.pop() as number;
      if (k === to) return true;
      if (seen[k]) continue;
      seen[k] = true;
      stack.push(...successors[k]);
    }
    return false;
  };
  const onLoop = new Set<number>();
  for (let k = 0; k < count; k++) if (reaches(k, k)) onLoop.add(k);
  if (onLoop.size === 0) return undefined;
  const facilities = spec.facilities
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.inputs.some((t) => onLoop.has(t.commodity)) && f.outputs.some((t) => onLoop.has(t.commodity)))
    .map(({ i }) => i);
  return { commodities: [...onLoop].sort((a, b) => a - b), facilities };
}

/** "recipes form a loop through a, b (facilities x, y)". */
export function describeRecipeLoop(spec: WorldSpec, loop: RecipeLoop): string {
  const commodities = loop.commodities.map((k) => spec.commodities[k].id).join(", ");
  const facilities = loop.facilities.map((f) => spec.facilities[f].id).join(", ");
  return `recipes form a loop through ${commodities} (facilities ${facilities}): no commodity may be made, even indirectly, from itself`;
}

/**
 * The groups of markets that must be solved together, and each market's group: markets joined
 * by a facility (its inputs and outputs, in its country) or by a reserve (its host and members).
 * Markets of different groups never read each other's rates within a solve, so a change in one
 * group re-solves that group alone. `marketIndex(c, k)` gives the market of commodity k in
 * country c, or -1.
 */
export function solveGroups(spec: WorldSpec, marketIndex: (country: number, commodity: number) => number): { groupOfMarket: Int32Array; groupCount: number } {
  const count = spec.markets.length;
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const join = (a: number, b: number) => {
    if (a < 0 || b < 0) return;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (const facility of spec.facilities) {
    const terms = [...facility.inputs, ...facility.outputs].map((t) => marketIndex(facility.country, t.commodity));
    for (let i = 1; i < terms.length; i++) join(terms[0], terms[i]);
  }
  for (const stockpile of spec.stockpiles) {
    const host = marketIndex(stockpile.country, stockpile.commodity);
    for (const member of stockpile.members) join(host, marketIndex(member, stockpile.commodity));
  }
  // Groups numbered by their first market, so the numbering never depends on the order of joins.
  const groupOfRoot = new Map<number, number>();
  const groupOfMarket = new Int32Array(count);
  for (let m = 0; m < count; m++) {
    const root = find(m);
    let group = groupOfRoot.get(root);
    if (group === undefined) {
      group = groupOfRoot.size;
      groupOfRoot.set(root, group);
    }
    groupOfMarket[m] = group;
  }
  return { groupOfMarket, groupCount: groupOfRoot.size };
}

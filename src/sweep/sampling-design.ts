/**
 * Sampling designs: the uniform number in [0, 1) that each uncertain input of a sweep gets in
 * each replicate, before the input's distribution turns it into a value by its inverse CDF.
 *
 * - "mc", plain Monte Carlo: u is a keyed pseudo-random number of (seed, input, replicate).
 *   It does not depend on the number of runs, so a longer sweep extends a shorter one.
 * - "lhs", Latin hypercube: u = (pi(replicate) + v) / runs, where pi is a pseudo-random
 *   permutation of {0, ..., runs - 1} keyed by (seed, input, runs) and v a keyed jitter in
 *   (0, 1). Each stratum [k / runs, (k + 1) / runs) of each input then holds exactly one
 *   replicate, and each input gets its own permutation, so inputs are paired at random.
 *
 * Everything is a pure function of its arguments, computed per call in O(1) memory (the
 * permutation is a Feistel network, not a shuffled array), so replicates may be drawn in any
 * order, on any worker, and a replicate reproduces from (design, seed, input, runs, replicate).
 *
 * The hash is the kernel's KeyedStream (a counter hashed by MurmurHash3's finalizer, 53 bits
 * per draw). The keys, exactly:
 * - "mc":  `new KeyedStream(_, "chokepoint/design/mc/" + seed + "/" + input).at(replicate).next()`.
 * - "lhs": one stream `new KeyedStream(_, "chokepoint/design/lhs/" + seed + "/" + input)`;
 *   round r of the Feistel network (r in 0..FEISTEL_ROUNDS-1) hashes its right half h as
 *   `.at(runs, r, h).next()`, and the jitter is `.at(runs, FEISTEL_ROUNDS, replicate).next()`.
 * The seed texts start "chokepoint/design/", which no RandomStreams seed text
 * ("chokepoint/<seed>/<replicate>/<name>", seed an integer) can equal, so design numbers are
 * never the numbers a model stream draws.
 */
import { KeyedStream } from "../engine/index.js";
import { SweepError } from "./sweep-error.js";

/** How the uniform numbers of a sweep are laid out: plain Monte Carlo or a Latin hypercube. */
export type Design = "mc" | "lhs";

/** Rounds of the Feistel network; six mix even the smallest domains well (four make a pseudo-random permutation in theory). */
const FEISTEL_ROUNDS = 6;

/** The largest `runs` a Latin hypercube takes: the jitter keeps 51 - ceil(log2(runs)) >= 19 bits. */
const MAX_LHS_RUNS = 2 ** 32;

/**
 * The uniform number in [0, 1) for input `inputName` in replicate `replicate` of a sweep of
 * `runs` replicates at master seed `seed`. For "mc" a pure function of (seed, inputName,
 * replicate); for "lhs" of (seed, inputName, runs, replicate), with floor(u * runs) running
 * over a permutation of 0..runs-1 as replicate does.
 */
export function designUniform(design: Design, seed: number, inputName: string, runs: number, replicate: number): number {
  const refuse = (rule: string, value: unknown) => {
    throw new SweepError("bad-design", `designUniform(${JSON.stringify(design)}, seed ${seed}, input ${JSON.stringify(inputName)}): ${rule}, got ${String(value)}`);
  };
  if (!Number.isSafeInteger(seed)) refuse("seed must be a safe integer", seed);
  if (!Number.isSafeInteger(runs) || runs < 1) refuse("runs must be a whole number >= 1", runs);
  if (!Number.isSafeInteger(replicate) || replicate < 0) refuse("replicate must be a whole number >= 0", replicate);
  switch (design) {
    case "mc":
      return new KeyedStream("design/mc", `chokepoint/design/mc/${seed}/${inputName}`).at(replicate).next();
    case "lhs": {
      if (runs > MAX_LHS_RUNS) refuse(`runs must be <= ${MAX_LHS_RUNS} for a Latin hypercube`, runs);
      if (replicate >= runs) refuse(`replicate must be < runs (${runs}) for a Latin hypercube`, replicate);
      const stream = new KeyedStream("design/lhs", `chokepoint/design/lhs/${seed}/${inputName}`);
      let bits = 0; // ceil(log2(runs)), in integers
      while (2 ** bits < runs) bits++;
      const stratum = permute(stream, runs, bits, replicate);
      // The jitter is kept to 51 - bits bits and centred in its cell: then stratum + v is exact
      // and v stays at least 2^(bits - 52) from either edge, more than the rounding of the
      // division below (and of a caller's u * runs), so floor(u * runs) is always the stratum
      // and u < 1.
      const cells = 2 ** (51 - bits);
      const v = (Math.floor(stream.at(runs, FEISTEL_ROUNDS, replicate).next() * cells) + 0.5) / cells;
      return (stratum + v) / runs;
    }
    default:
      return refuse('design must be "mc" or "lhs"', design);
  }
}

/**
 * pi(index) for the keyed permutation of {0, ..., runs - 1}: a Feistel network on the
 * 2^bits >= runs integers of `bits` bits, walked along its cycle until it lands below runs
 * (cycle walking), which restricts a permutation of the larger set to one of the smaller.
 */
function permute(stream: KeyedStream, runs: number, bits: number, index: number): number {
  if (runs === 1) return 0;
  let x = index;
  do x = feistel(stream, runs, bits, x);
  while (x >= runs);
  return x;
}

/**
 * One pass of an unbalanced Feistel network on `bits`-bit integers: the halves (of
 * floor(bits / 2) and ceil(bits / 2) bits) trade places each round, and the incoming half is
 * XORed with a keyed hash of the other. Each round is invertible, so the pass is a permutation.
 */
function feistel(stream: KeyedStream, runs: number, bits: number, x: number): number {
  let rightBits = bits >>> 1;
  let leftBits = bits - rightBits;
  let left = Math.floor(x / 2 ** rightBits);
  let right = x - left * 2 ** rightBits;
  for (let round = 0; round < FEISTEL_ROUNDS; round++) {
    const hash = Math.floor(stream.at(runs, round, right).next() * 2 ** leftBits);
    // Halves hold at most 16 bits (runs <= 2^32), so XOR on 32-bit integers is exact.
    const mixed = (left ^ hash) >>> 0;
    left = right;
    right = mixed;
    [leftBits, rightBits] = [rightBits, leftBits];
  }
  return left * 2 ** rightBits + right;
}

/**
 * RandomStream: one named, seeded source of random numbers, and RandomStreams, the factory
 * that derives independent streams from (master seed, replicate, stream name).
 *
 * Each stream is its own generator, so the draws of one stream never depend on how many
 * numbers another stream consumed: adding a draw in one part of a model leaves every other
 * part's numbers unchanged (the basis of common random numbers between policies).
 * The generator is seedrandom's xor4096 (Brent's xorgens): long period, good statistical
 * quality, and about 3x cheaper per draw than seedrandom's default ARC4.
 */
import seedrandom from "seedrandom";
import { EngineError } from "./chokepoint-error.js";

/** A seeded stream of uniform [0, 1) numbers with common variates on top. */
export class RandomStream {
  /** The stream's name, as given to `RandomStreams.stream`. */
  readonly name: string;
  /** Draws a uniform number in [0, 1). A plain function, cheap to call in hot loops. */
  readonly next: () => number;

  /** A stream named `name` drawing from `next` (see RandomStreams for seeded ones). */
  constructor(name: string, next: () => number) {
    this.name = name;
    this.next = next;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** True with probability `p`. Draws exactly one number whatever `p` is. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Normal by the Box-Muller transform; draws exactly two numbers. */
  normal(mean: number, standardDeviation: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + standardDeviation * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Triangular on [min, max] with the given mode, by inversion; draws one number. */
  triangular(min: number, mode: number, max: number): number {
    const u = this.next();
    const span = max - min;
    if (span <= 0) return min;
    const cut = (mode - min) / span;
    return u < cut ? min + Math.sqrt(u * span * (mode - min)) : max - Math.sqrt((1 - u) * span * (max - mode));
  }
}

/**
 * A keyed stream: its draws are a function of (seed, replicate, name, key) alone, not of how
 * many draws came before. Position it with `at(key...)`, then draw as from any stream. Used
 * where the number of draws depends on the policy being compared (a licence decision for
 * the n-th application on a route on a given day gets the same numbers whatever else
 * differs), so that two policies keep seeing the same world: common random numbers.
 * The generator is a counter hashed with MurmurHash3's 32-bit finalizer, 53 bits per draw.
 */
export class KeyedStream extends RandomStream {
  private readonly base: number;
  private keyHash = 0;
  private counter = 0;

  constructor(name: string, seedText: string) {
    super(name, () => this.draw());
    this.base = hashText(seedText);
  }

  /** Positions the stream at the first draw for this key (up to three integers). */
  at(a: number, b = 0, c = 0): this {
    this.keyHash = mix(mix(mix(this.base ^ 0x9e3779b9, a), b), c);
    this.counter = 0;
    return this;
  }

  private draw(): number {
    const n = this.counter++;
    const high = fmix(mix(this.keyHash, 2 * n)) >>> 5; // 27 bits
    const low = fmix(mix(this.keyHash, 2 * n + 1)) >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mix(h: number, value: number): number {
  // Integers up to 2^53 are folded into two 32-bit halves.
  const lowBits = value >>> 0;
  const highBits = Math.floor(value / 4294967296) >>> 0;
  h = fmix((h ^ lowBits) >>> 0) + 0x6b43a9b5;
  return fmix((h ^ highBits) >>> 0);
}

function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix(h >>> 0);
}

/** Derives independent named streams for one replicate of one master seed. */
export class RandomStreams {
  readonly seed: number;
  readonly replicate: number;
  private readonly streams = new Map<string, RandomStream>();
  private readonly keyedStreams = new Map<string, KeyedStream>();

  constructor(seed: number, replicate = 0) {
    if (!Number.isSafeInteger(seed)) throw new EngineError("bad-seed", `seed must be a safe integer, got ${seed}`);
    if (!Number.isSafeInteger(replicate) || replicate < 0) {
      throw new EngineError("bad-replicate", `replicate must be a non-negative integer, got ${replicate}`);
    }
    this.seed = seed;
    this.replicate = replicate;
  }

  /** The stream called `name`, created on first use; the same name always returns the same stream. */
  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (stream === undefined) {
      stream = new RandomStream(name, seedrandom.xor4096(this.seedText(name)));
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** The keyed stream called `name` (see KeyedStream), created on first use. */
  keyed(name: string): KeyedStream {
    let stream = this.keyedStreams.get(name);
    if (stream === undefined) {
      stream = new KeyedStream(name, this.seedText(name));
      this.keyedStreams.set(name, stream);
    }
    return stream;
  }

  private seedText(name: string): string {
    return `chokepoint/${this.seed}/${this.replicate}/${name}`;
  }
}

/**
 * A small seeded pseudo-random generator (mulberry32) for the demo and bench data: the same seed
 * gives the same sequence on every run, so generated files are byte-identical. Never Math.random.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = mixSeed(seed, 0x9e3779b9);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** An integer between `min` and `max` whose logarithm is uniform: small values are more frequent. */
  logUniformInt(min: number, max: number): number {
    return Math.round(min * (max / min) ** this.next());
  }

  /** A whole number of days drawn from an exponential law of the given mean, at least 1. */
  exponentialDays(mean: number): number {
    return Math.max(1, Math.round(-Math.log(1 - this.next()) * mean));
  }

  /** Picks a value with a probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let draw = this.next() * total;
    for (const [value, weight] of choices) {
      draw -= weight;
      if (draw < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }
}

/** Mixes a seed with a stream number into a 32-bit seed (murmur3 finalizer), for independent streams. */
export function mixSeed(seed: number, stream: number): number {
  let h = (Math.trunc(seed) ^ Math.trunc(seed / 4_294_967_296) ^ Math.imul(stream, 0x85ebca6b)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Seeded randomness for the simulator's data. Everything derives from a string seed so the
 * same tenant gets the same rows on every start and every machine.
 */

/** FNV-1a: a stable 32-bit seed from any string. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: small, fast, and good enough for demo data. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A value in [0, 1) fixed by its coordinates, without a sequence: the traffic model asks for
 * the noise of any minute in any order and must get the same answer each time.
 */
export function noiseAt(seed: number, ...coordinates: number[]): number {
  let hash = seed >>> 0;
  for (const coordinate of coordinates) {
    hash = Math.imul(hash ^ (coordinate >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash ^ Math.floor(coordinate / 4294967296), 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return mulberry32(hash)();
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

/** The draws the data generator needs, over one seeded stream. */
export class SeededRandom {
  private readonly next: () => number;

  constructor(seed: string) {
    this.next = mulberry32(hashString(seed));
  }

  unit(): number {
    return this.next();
  }

  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  pickWeighted<T>(items: readonly Weighted<T>[]): T {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let remaining = this.next() * total;
    for (const item of items) {
      remaining -= item.weight;
      if (remaining < 0) return item.value;
    }
    const last = items[items.length - 1];
    if (last === undefined) throw new Error('pick from an empty list');
    return last.value;
  }
}

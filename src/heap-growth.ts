import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what its last full collection kept alive before it
 * collects again (GATEWAY_HEAP_GROWTH_PERCENT; 100: to twice the live heap). V8's own policy lets a
 * heap whose collections keep up grow to up to four times what is alive; under the gateway's load
 * most of that is rows that lived through two scavenges (a page in flight) and died soon after,
 * so the process held two to three times the memory it used: 265–280 MB at 32 connections of a
 * 500-row flow walk, ~190 MB with a factor of 2, at the same throughput within the bench's noise
 * (bench/README.md, "Eleventh pass"). 70% (to 1.7 times) since the admission gate (admission-gate.ts)
 * took (c)'s throughput well above its target: 192 against 200–208 MB there, for 4% of (c)'s
 * throughput and 6–12% of (b)'s ("Fifteenth pass"). 50% since the bench's load became one caller
 * per connection, which no longer holds (c)'s 32 connections to 8 pages in flight: 179 against
 * 195–202 MB, at the same throughput of (a), (b) and (c) within one run's noise ("Nineteenth
 * pass"). Unlike a heap limit it is no cap: a burst of large pages still gets the heap it needs,
 * collected sooner. 0 leaves V8's own policy.
 *
 * Set once at start, by whatever starts the gateway (main.ts, the bench's target): a process-wide
 * setting of V8, read at every full collection, so it is not the gateway object's to set.
 */
export function boundHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}

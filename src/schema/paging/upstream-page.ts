/**
 * What the Relay connections ask of a paged upstream list, owned here so the planner and loader
 * depend on no upstream's types: any client whose page request and answer have these shapes fits.
 */

/** The largest pageSize the planner asks for; SIGN refuses a larger one. */
export const MAX_PAGE_SIZE = 10_000;

/** One upstream request: rows [(page-1)*pageSize, page*pageSize), clipped to the total. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** What one upstream page request gives back: its rows and the list's total. */
export interface FetchedPage<Row> {
  rows: Row[];
  total: number;
}

/** Offsets, limits and totals are row counts; anything else is a bug in the caller. */
export function assertRowCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

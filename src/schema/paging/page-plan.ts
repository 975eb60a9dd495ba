import { MAX_PAGE_SIZE, assertRowCount, type PageRequest } from './upstream-page.js';

/** Rows [offset, offset+limit) of the upstream list. */
export interface RowWindow {
  offset: number;
  limit: number;
}

/** Asks only for the total; also what an empty window costs. */
export const TOTAL_PROBE: PageRequest = { page: 1, pageSize: 1 };

interface Plan {
  requests: PageRequest[];
  /** Rows the upstream returns for these requests (overlaps counted twice). */
  cost: number;
}

/** Rows a page of `pageSize` starting at row `start` returns from a list of `total` rows. */
function rowsReturned(start: number, pageSize: number, total: number): number {
  return Math.max(0, Math.min(start + pageSize, total) - start);
}

function pageAt(start: number, pageSize: number): PageRequest {
  return { page: start / pageSize + 1, pageSize };
}

/**
 * The cheapest single page holding rows [offset, end) that costs less than `budget`, if any.
 * Walks pageSizes in blocks sharing floor((end-1)/pageSize), the number of pages before the one
 * holding the last row, which keeps the walk near 2*sqrt(end) steps at worst.
 */
function cheapestPage(offset: number, end: number, total: number, budget = Infinity): Plan | undefined {
  const lastRow = end - 1;
  const leastCost = end - offset;
  // A page bigger than the budget can only pay off when the total clips it, i.e. near the end.
  const maxSize = offset + budget <= total ? Math.min(MAX_PAGE_SIZE, budget - 1) : MAX_PAGE_SIZE;
  let best: Plan | undefined;
  let pageSize = leastCost;
  while (pageSize <= maxSize) {
    const pagesBefore = Math.floor(lastRow / pageSize);
    const blockEnd = pagesBefore === 0 ? maxSize : Math.min(maxSize, Math.floor(lastRow / pagesBefore));
    // Within a block the page start (pagesBefore * pageSize) grows with pageSize; it must stay <= offset.
    const validEnd = pagesBefore === 0 ? blockEnd : Math.min(blockEnd, Math.floor(offset / pagesBefore));
    if (pageSize <= validEnd) {
      // Cost is min(size, total - start): rises then falls over the block, so an end is cheapest.
      for (const size of [pageSize, validEnd]) {
        const start = pagesBefore * size;
        const cost = rowsReturned(start, size, total);
        if (cost < budget) {
          budget = cost;
          best = { requests: [pageAt(start, size)], cost };
        }
      }
      // Nothing later is cheaper: without a total a page costs its size, and leastCost is the floor.
      if (total === Infinity || budget === leastCost) return best;
    }
    pageSize = blockEnd + 1;
  }
  return best;
}

/** The cheapest two pages covering rows [offset, end), the first holding `offset`, if cheaper than `budget`. */
function cheapestPagePair(offset: number, end: number, total: number, budget: number): Plan | undefined {
  let best: Plan | undefined;
  for (let firstSize = 1; firstSize < budget && firstSize <= MAX_PAGE_SIZE; firstSize++) {
    const firstStart = Math.floor(offset / firstSize) * firstSize;
    const firstEnd = firstStart + firstSize;
    // One page is enough there (cheapestPage covers it), or rows [firstStart, end) alone cost the budget.
    if (firstEnd >= end || end - firstStart >= budget) continue;
    const closing = cheapestPage(firstEnd, end, total, budget - firstSize);
    if (closing !== undefined) {
      budget = firstSize + closing.cost;
      best = { requests: [pageAt(firstStart, firstSize), ...closing.requests], cost: budget };
    }
  }
  return best;
}

/** Two consecutive pages of the window's own size: never more than twice the rows. */
function alignedFallback(offset: number, end: number, total: number): Plan {
  const pageSize = end - offset;
  const start = Math.floor(offset / pageSize) * pageSize;
  if (start === offset) return { requests: [pageAt(start, pageSize)], cost: pageSize };
  return {
    requests: [pageAt(start, pageSize), pageAt(start + pageSize, pageSize)],
    cost: pageSize + rowsReturned(start + pageSize, pageSize, total),
  };
}

/** Rows [offset, end) with `total` known or Infinity; the window must be non-empty and fit two pages. */
function cheapestPlan(offset: number, end: number, total: number): Plan {
  const fallback = alignedFallback(offset, end, total);
  const best = cheapestPage(offset, end, total, fallback.cost + 1) ?? fallback;
  return cheapestPagePair(offset, end, total, best.cost) ?? best;
}

/**
 * 1 or 2 PageRequests whose union covers the window, minimising rows fetched. With `knownTotal`,
 * rows at or past it cost nothing and the window is clamped to it. An empty window (or one wholly
 * past `knownTotal`) gets the 1-row probe, which still answers the total.
 */
export function planPageWindow(window: RowWindow, knownTotal?: number): PageRequest[] {
  assertRowCount('offset', window.offset);
  assertRowCount('limit', window.limit);
  if (window.limit > MAX_PAGE_SIZE) throw new RangeError(`limit must be at most ${MAX_PAGE_SIZE}, got ${window.limit}`);
  if (knownTotal !== undefined) assertRowCount('knownTotal', knownTotal);
  const total = knownTotal ?? Infinity;
  const end = Math.min(window.offset + window.limit, total);
  if (end <= window.offset) return [TOTAL_PROBE];
  return cheapestPlan(window.offset, end, total).requests;
}

/**
 * The one request left after a probe, for rows [offset, end) of `total`: the whole window when a
 * page holds it within twice its rows (the probe's row included), otherwise the longest run of the
 * window one page returns within that bound, kept at the window's start or end (the client pages
 * on for the rest). A page of one row always qualifies.
 */
export function planFollowUpRequest(offset: number, end: number, total: number, keep: 'start' | 'end'): { request: PageRequest; offset: number; end: number } {
  // cost < 2 * rows, i.e. cost + the probe's row <= 2 * rows.
  const single = cheapestPage(offset, end, total, 2 * (end - offset));
  if (single !== undefined) return { request: single.requests[0]!, offset, end };
  let best = keep === 'start' ? { request: pageAt(offset, 1), offset, end: offset + 1 } : { request: pageAt(end - 1, 1), offset: end - 1, end };
  for (let pageSize = 2; pageSize <= MAX_PAGE_SIZE; pageSize++) {
    // The page holding the kept end of the window.
    const start = Math.floor((keep === 'start' ? offset : end - 1) / pageSize) * pageSize;
    const served = { offset: Math.max(start, offset), end: Math.min(start + pageSize, end) };
    const rows = served.end - served.offset;
    if (rows > best.end - best.offset && rowsReturned(start, pageSize, total) + 1 <= 2 * rows) best = { request: pageAt(start, pageSize), ...served };
  }
  return best;
}

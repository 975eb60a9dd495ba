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

/** The cheapest single page holding rows [offset, end), if any pageSize allows one. */
function cheapestSinglePage(offset: number, end: number, total: number): Plan | undefined {
  const lastRow = end - 1;
  let best: Plan | undefined;
  for (let pageSize = end - offset; pageSize <= MAX_PAGE_SIZE; pageSize++) {
    const start = Math.floor(offset / pageSize) * pageSize;
    if (start + pageSize <= lastRow) continue;
    const cost = rowsReturned(start, pageSize, total);
    if (best === undefined || cost < best.cost) best = { requests: [pageAt(start, pageSize)], cost };
    // A page costs min(size, total - start) >= min(size, total - offset): past both, nothing is cheaper.
    if (total === Infinity || cost === end - offset || (pageSize >= best.cost && total - offset >= best.cost)) break;
  }
  return best;
}

/**
 * The cheapest page holding `lastRow` that starts at or before `joinRow` (so it meets the page
 * before it), costing less than `budget`. Walks pageSizes in blocks sharing floor(lastRow/pageSize),
 * which keeps the walk near 2*sqrt(lastRow) steps at worst.
 */
function cheapestClosingPage(lastRow: number, joinRow: number, total: number, budget: number): Plan | undefined {
  const leastCost = lastRow + 1 - joinRow;
  // A page bigger than the budget can only pay off when the total clips it, i.e. near the end.
  const maxSize = total === Infinity || joinRow + budget <= total ? Math.min(MAX_PAGE_SIZE, budget - 1) : MAX_PAGE_SIZE;
  let best: Plan | undefined;
  let bestCost = budget;
  let pageSize = leastCost;
  while (pageSize <= maxSize) {
    const pagesBefore = Math.floor(lastRow / pageSize);
    const blockEnd = pagesBefore === 0 ? maxSize : Math.min(maxSize, Math.floor(lastRow / pagesBefore));
    // Within a block the page start (pagesBefore * pageSize) grows with pageSize; it must stay <= joinRow.
    const validEnd = pagesBefore === 0 ? blockEnd : Math.min(blockEnd, Math.floor(joinRow / pagesBefore));
    if (pageSize <= validEnd) {
      // Cost is min(size, total - start): rises then falls over the block, so an end is cheapest.
      for (const size of [pageSize, validEnd]) {
        const start = pagesBefore * size;
        const cost = rowsReturned(start, size, total);
        if (cost < bestCost) {
          bestCost = cost;
          best = { requests: [pageAt(start, size)], cost };
        }
      }
      if (total === Infinity || bestCost === leastCost) return best;
    }
    pageSize = blockEnd + 1;
  }
  return best;
}

/** The cheapest two pages (of different sizes, as a rule) covering rows [offset, end), if cheaper than `budget`. */
function cheapestPagePair(offset: number, end: number, total: number, budget: number): Plan | undefined {
  let best: Plan | undefined;
  let bestCost = budget;
  for (let firstSize = 1; firstSize < bestCost && firstSize <= MAX_PAGE_SIZE; firstSize++) {
    const firstStart = Math.floor(offset / firstSize) * firstSize;
    const firstEnd = firstStart + firstSize;
    // One page is enough there: cheapestSinglePage covers it.
    if (firstEnd >= end) continue;
    // Rows [firstStart, end) are all fetched at least once, whatever the second page is.
    if (end - firstStart >= bestCost) continue;
    const closing = cheapestClosingPage(end - 1, firstEnd, total, bestCost - firstSize);
    if (closing !== undefined) {
      bestCost = firstSize + closing.cost;
      best = { requests: [pageAt(firstStart, firstSize), ...closing.requests], cost: bestCost };
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
  let best = alignedFallback(offset, end, total);
  const single = cheapestSinglePage(offset, end, total);
  if (single !== undefined && single.cost <= best.cost) best = single;
  const pair = cheapestPagePair(offset, end, total, best.cost);
  return pair ?? best;
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
  const single = cheapestSinglePage(offset, end, total);
  if (single !== undefined && single.cost + 1 <= 2 * (end - offset)) return { request: single.requests[0]!, offset, end };
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

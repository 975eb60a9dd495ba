import { MAX_PAGE_SIZE, type FetchedPage, type PageRequest } from '../../src/schema/paging/upstream-page.js';

/**
 * A SIGN-like list of `total` rows where row i is the number i, paged exactly as SIGN pages:
 * request (page k, size P) answers rows [(k-1)P, kP) clipped to the total. Counts what it serves.
 */
export class FakeUpstream {
  requests: PageRequest[] = [];
  pins: (string | undefined)[] = [];
  rowsFetched = 0;

  constructor(public total: number) {}

  readonly fetchPage = async (request: PageRequest, pin: string | undefined): Promise<FetchedPage<number>> => {
    const { page, pageSize } = request;
    if (!Number.isInteger(page) || page < 1) throw new Error(`page must be an integer >= 1, got ${page}`);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new Error(`pageSize must be an integer in 1..${MAX_PAGE_SIZE}, got ${pageSize}`);
    }
    this.requests.push(request);
    this.pins.push(pin);
    const start = (page - 1) * pageSize;
    const end = Math.min(start + pageSize, this.total);
    const rows = end > start ? Array.from({ length: end - start }, (_, i) => start + i) : [];
    this.rowsFetched += rows.length;
    return { rows, total: this.total };
  };

  resetCounts(): void {
    this.requests = [];
    this.pins = [];
    this.rowsFetched = 0;
  }
}

/** Rows a page covering `pageRequests` returns from a list of `total` rows. */
export function rowsServed(requests: PageRequest[], total: number): number {
  return requests.reduce((sum, { page, pageSize }) => {
    const start = (page - 1) * pageSize;
    return sum + Math.max(0, Math.min(start + pageSize, total) - start);
  }, 0);
}

export interface ModelArgs {
  first?: number;
  last?: number;
  afterOffset?: number;
  beforeOffset?: number;
}

/**
 * The Relay algorithm over the list [0, total): drop rows up to `after` and from `before` on, then
 * keep the first `first` or the last `last`. Works on bounds so a 200 000-row list stays cheap.
 */
export function expectedRows(total: number, { first, last, afterOffset, beforeOffset }: ModelArgs): number[] {
  let start = afterOffset === undefined ? 0 : afterOffset + 1;
  let end = beforeOffset === undefined ? total : Math.min(beforeOffset, total);
  end = Math.max(start, end);
  if (first !== undefined) end = Math.min(end, start + first);
  if (last !== undefined) start = Math.max(start, end - last);
  return Array.from({ length: end - start }, (_, i) => start + i);
}

/**
 * Whether, once a probe has told the total, one page returns rows [offset, end) within twice
 * their count (probe row included). Brute force over every pageSize. When it cannot, `last`
 * without `before` may return a shorter tail: no two requests can do better.
 */
export function onePageHoldsTail(offset: number, end: number, total: number): boolean {
  for (let pageSize = 1; pageSize <= MAX_PAGE_SIZE; pageSize++) {
    const start = Math.floor(offset / pageSize) * pageSize;
    const fetched = Math.min(start + pageSize, total) - start;
    if (start + pageSize >= end && fetched + 1 <= 2 * (end - offset)) return true;
  }
  return false;
}

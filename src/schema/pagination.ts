import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { badUserInput } from '../errors.js';
import type { PageRequest } from '../upstreams/sign/client.js';
import type { SignPage } from '../upstreams/sign/models.js';

/** SIGN refuses a larger pageSize. */
export const MAX_PAGE_SIZE = 10_000;
/** Rows in a page when the client asks for neither `first` nor `last`. */
export const DEFAULT_PAGE_ROWS = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** One upstream request: rows [(page-1)*pageSize, page*pageSize), clipped to the total. */
export type { PageRequest };

/** Rows [offset, offset+limit) of the upstream list. */
export interface RowWindow {
  offset: number;
  limit: number;
}

/** What one upstream page request gives back: its rows and the list's total. */
export type FetchedPage<Row> = SignPage<Row>;

// ---------------------------------------------------------------------------------------------
// Planning: which upstream pages cover a row window
// ---------------------------------------------------------------------------------------------

/** Asks only for the total; also what an empty window costs. */
const TOTAL_PROBE: PageRequest = { page: 1, pageSize: 1 };

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

function assertRowCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
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
function planFollowUpRequest(offset: number, end: number, total: number, keep: 'start' | 'end'): { request: PageRequest; offset: number; end: number } {
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

// ---------------------------------------------------------------------------------------------
// Cursors
// ---------------------------------------------------------------------------------------------

const PAGING_ARGS = new Set(['first', 'last', 'after', 'before']);

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Stable key binding cursors to the arguments that made them: field name + canonical JSON
 * (sorted keys, undefined/null dropped) of the args other than first/last/after/before.
 */
export function cursorBindingKey(field: string, args: Record<string, unknown>): string {
  const bound = Object.fromEntries(Object.entries(args).filter(([name]) => !PAGING_ARGS.has(name)));
  return `${field}:${canonicalJson(bound)}`;
}

export interface CursorPayload {
  bindingKey: string;
  offset: number;
  pin?: string;
  total?: number;
}

export interface CursorCodec {
  encode(payload: CursorPayload): string;
  decode(cursor: string, bindingKey: string): CursorPayload;
}

/** What a cursor's body holds; the binding key travels as a digest to keep cursors short. */
interface CursorBody {
  v: 1;
  k: string;
  o: number;
  p?: string;
  t?: number;
}

const MAC_BYTES = 16;
/** Our cursors are ~150 characters; refuse to MAC anything absurd. */
const MAX_CURSOR_LENGTH = 2_048;

function bindingDigest(bindingKey: string): string {
  return createHash('sha256').update(bindingKey).digest().subarray(0, 12).toString('base64url');
}

function cursorPreview(cursor: string): string {
  return cursor.length > 40 ? `${cursor.slice(0, 40)}…` : cursor;
}

function isCursorBody(value: unknown): value is CursorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return (
    body.v === 1 &&
    typeof body.k === 'string' &&
    isCount(body.o) &&
    (body.p === undefined || typeof body.p === 'string') &&
    (body.t === undefined || isCount(body.t))
  );
}

/** HMAC-SHA256-signed opaque cursors: base64url(JSON body) "." base64url(MAC of that text). */
export function createCursorCodec(secret: string | Uint8Array): CursorCodec {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length === 0) throw new Error('The cursor secret must not be empty');
  // The MAC covers the encoded text, so any edited character (even a non-canonical base64 one) fails.
  const mac = (text: string) => createHmac('sha256', key).update(text).digest().subarray(0, MAC_BYTES).toString('base64url');
  // A page encodes many cursors for one binding key; hash it once.
  let lastBinding = { key: '', digest: bindingDigest('') };
  const digestOf = (bindingKey: string) => {
    if (lastBinding.key !== bindingKey) lastBinding = { key: bindingKey, digest: bindingDigest(bindingKey) };
    return lastBinding.digest;
  };

  return {
    encode({ bindingKey, offset, pin, total }) {
      assertRowCount('offset', offset);
      if (total !== undefined) assertRowCount('total', total);
      const body: CursorBody = { v: 1, k: digestOf(bindingKey), o: offset };
      if (pin !== undefined) body.p = pin;
      if (total !== undefined) body.t = total;
      const text = Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
      return `${text}.${mac(text)}`;
    },

    decode(cursor, bindingKey) {
      const invalid = () =>
        badUserInput(`The cursor "${cursorPreview(String(cursor))}" is not a valid cursor; use a cursor returned by an earlier page of this connection.`);
      if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
      const [text, signature, ...extra] = cursor.split('.');
      if (text === undefined || signature === undefined || extra.length > 0) throw invalid();
      const expected = Buffer.from(mac(text));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      let body: unknown;
      try {
        body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      if (!isCursorBody(body)) throw invalid();
      if (body.k !== digestOf(bindingKey)) {
        throw badUserInput(
          `The cursor "${cursorPreview(cursor)}" was not issued for these arguments; a cursor only works with the same arguments (other than first, last, after and before) as the page that returned it.`,
        );
      }
      const payload: CursorPayload = { bindingKey, offset: body.o };
      if (body.p !== undefined) payload.pin = body.p;
      if (body.t !== undefined) payload.total = body.t;
      return payload;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Relay pages
// ---------------------------------------------------------------------------------------------

export interface Connection<Row> {
  edges: { cursor: string; node: Row }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export interface ResolvedConnectionArgs {
  /** Exactly one of first/last is set; first defaults to DEFAULT_PAGE_ROWS. */
  first?: number;
  last?: number;
  afterOffset?: number;
  beforeOffset?: number;
  /** The pin carried by the cursors, if any. */
  pin?: string;
  /** The total the cursors saw, a hint for planning only. */
  totalHint?: number;
}

function checkRowCount(name: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
    throw badUserInput(`\`${name}\` must be an integer from 0 to ${MAX_PAGE_SIZE}, got ${value}.`);
  }
  return value;
}

function decodeArg(name: 'after' | 'before', cursor: string, bindingKey: string, codec: CursorCodec): CursorPayload {
  try {
    return codec.decode(cursor, bindingKey);
  } catch (error) {
    throw badUserInput(`Invalid \`${name}\`: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Validates first/last/after/before before any upstream call (throws badUserInput). Neither
 * first nor last means first = DEFAULT_PAGE_ROWS.
 */
export function resolveConnectionArgs(args: ConnectionArgs, bindingKey: string, codec: CursorCodec): ResolvedConnectionArgs {
  const { first, last, after, before } = args;
  const hasFirst = first !== undefined && first !== null;
  const hasLast = last !== undefined && last !== null;
  if (hasFirst && hasLast) throw badUserInput('Pass either `first` or `last`, not both.');
  const resolved: ResolvedConnectionArgs = hasLast ? { last: checkRowCount('last', last) } : { first: hasFirst ? checkRowCount('first', first) : DEFAULT_PAGE_ROWS };

  const afterCursor = after === undefined || after === null ? undefined : decodeArg('after', after, bindingKey, codec);
  const beforeCursor = before === undefined || before === null ? undefined : decodeArg('before', before, bindingKey, codec);
  if (afterCursor && beforeCursor && afterCursor.pin !== beforeCursor.pin) {
    throw badUserInput('The `after` and `before` cursors come from different reads of this list; take both from the same one.');
  }
  if (afterCursor) resolved.afterOffset = afterCursor.offset;
  if (beforeCursor) resolved.beforeOffset = beforeCursor.offset;
  const pin = afterCursor?.pin ?? beforeCursor?.pin;
  if (pin !== undefined) resolved.pin = pin;
  const totals = [afterCursor?.total, beforeCursor?.total].filter((t): t is number => t !== undefined);
  // A larger hint clamps less: safer if rows were added since.
  if (totals.length > 0) resolved.totalHint = Math.max(...totals);
  return resolved;
}

/** Pages fetched so far, by first row. */
class FetchedRows<Row> {
  private readonly pages: { start: number; rows: Row[] }[] = [];
  total = 0;

  add(request: PageRequest, page: FetchedPage<Row>): void {
    // An upstream answering more than asked must not shift later rows.
    this.pages.push({ start: (request.page - 1) * request.pageSize, rows: page.rows.slice(0, request.pageSize) });
    this.total = page.total;
  }

  covers(offset: number, end: number): boolean {
    for (let at = offset; at < end; at++) {
      if (!this.pages.some(({ start, rows }) => at >= start && at < start + rows.length)) return false;
    }
    return true;
  }

  /** Rows from `offset` on, up to `end`, stopping at the first one no page returned. */
  run(offset: number, end: number): { offset: number; row: Row }[] {
    const found: { offset: number; row: Row }[] = [];
    for (let at = offset; at < end; at++) {
      const page = this.pages.find(({ start, rows }) => at >= start && at < start + rows.length);
      if (page === undefined) break;
      found.push({ offset: at, row: page.rows[at - page.start] as Row });
    }
    return found;
  }
}

/**
 * Reads one Relay page through at most 2 upstream requests.
 * - `pin`: a value fixed when the first page is read (the gateway passes the pinned `to` date-time);
 *   when a cursor is given its pin is used instead and passed to fetchPage, so later pages send the
 *   same upstream arguments.
 * - `last` without `before` reads the oldest rows: a 1-row probe learns the total (a cursor's total
 *   stands in for it when it still matches), then one request reads the tail. Should no single page
 *   hold that tail within twice its rows (only for `last` above ~5000), the page returns the longest
 *   tail one page can, with hasPreviousPage true, rather than make a third request.
 */
export async function loadConnectionPage<Row>(options: {
  args: ConnectionArgs;
  bindingKey: string;
  codec: CursorCodec;
  pin?: string;
  fetchPage: (request: PageRequest, pin: string | undefined) => Promise<FetchedPage<Row>>;
}): Promise<Connection<Row>> {
  const { bindingKey, codec } = options;
  const resolved = resolveConnectionArgs(options.args, bindingKey, codec);
  const fromCursor = resolved.afterOffset !== undefined || resolved.beforeOffset !== undefined;
  const pin = fromCursor ? resolved.pin : options.pin;
  const fetched = new FetchedRows<Row>();
  let requestsMade = 0;
  const fetchAll = async (requests: PageRequest[]) => {
    requestsMade += requests.length;
    const pages = await Promise.all(requests.map((request) => options.fetchPage(request, pin)));
    pages.forEach((page, i) => fetched.add(requests[i]!, page));
  };
  // Only an upstream answering fewer rows than its total promises could leave a gap; never go past 2 requests.
  const mayFollowUp = (start: number, end: number) => requestsMade < 2 && !fetched.covers(start, end);

  const rangeStart = resolved.afterOffset === undefined ? 0 : resolved.afterOffset + 1;
  const rangeEnd = resolved.beforeOffset ?? Infinity;
  const hint = resolved.totalHint;
  let windowStart: number;
  let windowEnd: number;

  if (resolved.last !== undefined && rangeEnd === Infinity) {
    // The tail of the list: where it starts depends on the total, known only from a hint or a probe.
    const last = resolved.last;
    const tailStart = (total: number) => Math.max(rangeStart, total - last);
    if (hint === undefined) {
      await fetchAll([TOTAL_PROBE]);
    } else {
      const plan = planPageWindow({ offset: tailStart(hint), limit: Math.max(0, hint - tailStart(hint)) }, hint);
      await fetchAll(plan.slice(0, 1));
      if (fetched.total === hint) await fetchAll(plan.slice(1));
    }
    windowStart = tailStart(fetched.total);
    windowEnd = Math.max(windowStart, fetched.total);
    if (mayFollowUp(windowStart, windowEnd)) {
      const tail = planFollowUpRequest(windowStart, windowEnd, fetched.total, 'end');
      await fetchAll([tail.request]);
      windowStart = tail.offset;
    }
  } else {
    if (resolved.last !== undefined) {
      windowStart = Math.max(rangeStart, rangeEnd - resolved.last);
      windowEnd = Math.max(windowStart, rangeEnd);
    } else {
      windowStart = rangeStart;
      windowEnd = Math.max(rangeStart, Math.min(rangeEnd, rangeStart + resolved.first!));
    }
    if (hint !== undefined && windowStart >= hint && windowEnd > windowStart) {
      // The hint says nothing is there: probe, and read on only if rows were added since.
      await fetchAll([TOTAL_PROBE]);
      windowEnd = Math.max(windowStart, Math.min(windowEnd, fetched.total));
      if (mayFollowUp(windowStart, windowEnd)) {
        const next = planFollowUpRequest(windowStart, windowEnd, fetched.total, resolved.last === undefined ? 'start' : 'end');
        await fetchAll([next.request]);
        windowStart = next.offset;
        windowEnd = next.end;
      }
    } else {
      await fetchAll(planPageWindow({ offset: windowStart, limit: windowEnd - windowStart }, hint));
    }
  }

  const total = fetched.total;
  const rows = fetched.run(windowStart, windowEnd);
  const cursorAt = (offset: number) => codec.encode({ bindingKey, offset, total, ...(pin === undefined ? {} : { pin }) });
  // Signing is ~10 µs a cursor and most queries read only pageInfo, so edge cursors are signed on read.
  const edges = rows.map(({ offset, row }) => ({
    get cursor() {
      return cursorAt(offset);
    },
    node: row,
  }));
  const firstRow = rows[0];
  const lastRow = rows[rows.length - 1];
  return {
    edges,
    pageInfo: {
      hasNextPage: windowStart + edges.length < total,
      hasPreviousPage: windowStart > 0,
      startCursor: firstRow === undefined ? null : cursorAt(firstRow.offset),
      endCursor: lastRow === undefined ? null : cursorAt(lastRow.offset),
    },
    totalCount: total,
  };
}

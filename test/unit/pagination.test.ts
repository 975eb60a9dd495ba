import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_ROWS, resolveConnectionArgs, type ConnectionArgs } from '../../src/schema/paging/connection-args.js';
import { loadConnectionPage, type Connection } from '../../src/schema/paging/connection-page.js';
import { createCursorCodec, cursorBindingKey, cursorBodyJson } from '../../src/schema/paging/cursor-codec.js';
import { planPageWindow } from '../../src/schema/paging/page-plan.js';
import { MAX_PAGE_SIZE, type PageRequest } from '../../src/schema/paging/upstream-page.js';
import { FakeUpstream, expectedRows, onePageHoldsTail, rowsServed, type ModelArgs } from './pagination-model.js';

const codec = createCursorCodec('unit-test-secret');
const KEY = cursorBindingKey('signThreats', { tenantId: 't-1', severity: 'HIGH' });
const PIN = '2024-05-01T00:00:00.000Z';
/** Passed as the resolver's pin on later pages: the cursor's pin must win over it. */
const LATER_PIN = '2024-05-01T00:10:00.000Z';

interface PageRead {
  page: Connection<number>;
  nodes: number[];
  requests: number;
  fetched: number;
  pins: (string | undefined)[];
}

async function readPage(upstream: FakeUpstream, args: ConnectionArgs, pin = PIN): Promise<PageRead> {
  upstream.resetCounts();
  const page = await loadConnectionPage({ args, bindingKey: KEY, codec, pin, fetchPage: upstream.fetchPage });
  return { page, nodes: page.edges.map((edge) => edge.node), requests: upstream.requests.length, fetched: upstream.rowsFetched, pins: upstream.pins };
}

/** A cursor as the gateway hands it out for row `offset` of a list of `total` rows. */
function cursorFor(offset: number, total: number, pin = PIN): string {
  return codec.encode({ bindingKey: KEY, offset, pin, total });
}

/** Checks one page against the model, the cost bounds and the cursor contents. */
function checkPage(total: number, model: ModelArgs, read: PageRead): void {
  const expected = expectedRows(total, model);
  const { nodes, page } = read;
  const tailFromProbe = model.last !== undefined && model.beforeOffset === undefined && model.afterOffset === undefined;
  if (tailFromProbe && expected.length > 0 && !onePageHoldsTail(expected[0]!, total, total)) {
    // No one request after the probe can hold this tail: a shorter tail is the honest answer.
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes).toEqual(expected.slice(expected.length - nodes.length));
  } else {
    expect(nodes).toEqual(expected);
  }

  expect(read.requests).toBeGreaterThanOrEqual(1);
  expect(read.requests).toBeLessThanOrEqual(2);
  if (nodes.length > 0) expect(read.fetched).toBeLessThanOrEqual(2 * nodes.length);
  else expect(read.fetched).toBeLessThanOrEqual(1);

  expect(page.totalCount).toBe(total);
  const firstNode = nodes[0];
  const lastNode = nodes[nodes.length - 1];
  if (firstNode === undefined || lastNode === undefined) {
    expect(page.pageInfo.startCursor).toBeNull();
    expect(page.pageInfo.endCursor).toBeNull();
  } else {
    expect(page.pageInfo.hasNextPage).toBe(lastNode + 1 < total);
    expect(page.pageInfo.hasPreviousPage).toBe(firstNode > 0);
    expect(page.pageInfo.startCursor).toBe(page.edges[0]!.cursor);
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]!.cursor);
  }
  // Decoding is an HMAC each: check a spread of up to ~20 edges, ends included.
  const step = Math.max(1, Math.floor(page.edges.length / 20));
  for (let i = 0; i < page.edges.length; i += i === page.edges.length - 1 ? 1 : Math.min(step, page.edges.length - 1 - i)) {
    const edge = page.edges[i]!;
    expect(codec.decode(edge.cursor, KEY)).toEqual({ bindingKey: KEY, offset: edge.node, pin: PIN, total });
  }
}

function badUserInputFrom(fn: () => unknown): GraphQLError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return error as GraphQLError;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

/** Upstream-sized lists: tiny, a few pages, and beyond one 10 000-row page. */
const totalArb = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 200_000 }));
const countArb = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: MAX_PAGE_SIZE }));
const shapeArb = fc.constantFrom(
  'none',
  'first',
  'last',
  'first-after',
  'last-before',
  'first-before',
  'last-after',
  'first-after-before',
  'last-after-before',
);

describe('planPageWindow', () => {
  const limitDistributions: [string, fc.Arbitrary<number>][] = [
    ['1..10', fc.integer({ min: 1, max: 10 })],
    ['1..100', fc.integer({ min: 1, max: 100 })],
    ['1..1000', fc.integer({ min: 1, max: 1_000 })],
    ['20', fc.constant(20)],
  ];

  it('covers every window with at most 2 valid requests and at most twice its rows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: MAX_PAGE_SIZE }),
        fc.option(fc.nat({ max: 20_000 })),
        (offset, limit, beyond) => {
          const total = beyond === null ? undefined : offset + 1 + beyond;
          const requests = planPageWindow({ offset, limit }, total);
          const end = Math.min(offset + limit, total ?? Infinity);
          expect(requests.length).toBeGreaterThanOrEqual(1);
          expect(requests.length).toBeLessThanOrEqual(2);
          for (const { page, pageSize } of requests) {
            expect(Number.isInteger(page) && page >= 1).toBe(true);
            expect(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE).toBe(true);
          }
          const covered = (row: number) => requests.some(({ page, pageSize }) => row >= (page - 1) * pageSize && row < page * pageSize);
          // Pages are intervals, so checking the ends and each page boundary inside covers every row.
          const probes = [offset, end - 1, ...requests.flatMap(({ page, pageSize }) => [(page - 1) * pageSize - 1, page * pageSize])];
          for (const row of probes) if (row >= offset && row < end) expect(covered(row)).toBe(true);
          expect(rowsServed(requests, total ?? Infinity)).toBeLessThanOrEqual(2 * (end - offset));
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each(limitDistributions)('fetches at most 1.2 rows per row on average (limit %s, offsets 0..100000)', (_, limitArb) => {
    const windows = fc.sample(fc.record({ offset: fc.integer({ min: 0, max: 100_000 }), limit: limitArb }), { numRuns: 3_000, seed: 42 });
    let ratioSum = 0;
    for (const window of windows) ratioSum += rowsServed(planPageWindow(window), Infinity) / window.limit;
    const average = ratioSum / windows.length;
    expect(average).toBeLessThanOrEqual(1.2);
    // Measured ~1.01-1.04; a regression to the naive plan would land near 1.5.
    expect(average).toBeLessThan(1.1);
  });

  it('fetches exactly the tail when the total is known (pageSize T-N, page 2)', () => {
    for (const [total, limit] of [
      [100, 30],
      [100, 50],
      [5_000, 17],
      [15_000, 6_000],
    ] as const) {
      const requests = planPageWindow({ offset: total - limit, limit }, total);
      expect(requests).toHaveLength(1);
      expect(rowsServed(requests, total)).toBe(limit);
    }
    expect(rowsServed(planPageWindow({ offset: 9_990, limit: 10 }, 10_000), 10_000)).toBe(10);
  });

  it('reads an unaligned window in one page or two pages of different sizes, never two of the window size', () => {
    expect(planPageWindow({ offset: 0, limit: 20 })).toEqual([{ page: 1, pageSize: 20 }]);
    const requests = planPageWindow({ offset: 30, limit: 20 });
    expect(rowsServed(requests, Infinity)).toBeLessThan(30);
  });

  it('asks for one row when the window is empty, which still tells the total', () => {
    expect(planPageWindow({ offset: 40, limit: 0 })).toEqual([{ page: 1, pageSize: 1 }]);
    expect(planPageWindow({ offset: 40, limit: 5 }, 40)).toEqual([{ page: 1, pageSize: 1 }]);
  });

  it('rejects windows no two pages can hold', () => {
    expect(() => planPageWindow({ offset: 0, limit: MAX_PAGE_SIZE + 1 })).toThrow(RangeError);
    expect(() => planPageWindow({ offset: -1, limit: 1 })).toThrow(RangeError);
  });
});

describe('loadConnectionPage against a model of SIGN', () => {
  it('returns the rows the Relay algorithm says, within the cost bounds, for any arguments', async () => {
    await fc.assert(
      fc.asyncProperty(totalArb, shapeArb, countArb, fc.nat(), fc.nat(), async (total, shape, count, a, b) => {
        const args: ConnectionArgs = {};
        const model: ModelArgs = {};
        if (shape.startsWith('first')) args.first = model.first = count;
        if (shape.startsWith('last')) args.last = model.last = count;
        if (shape === 'none') model.first = DEFAULT_PAGE_ROWS;
        if (total > 0 && shape.includes('after')) {
          model.afterOffset = a % total;
          args.after = cursorFor(model.afterOffset, total);
        }
        if (total > 0 && shape.includes('before')) {
          model.beforeOffset = b % total;
          args.before = cursorFor(model.beforeOffset, total);
        }
        const upstream = new FakeUpstream(total);
        checkPage(total, model, await readPage(upstream, args));
      }),
      { numRuns: 400 },
    );
  });

  it('follows random sequences of pages built from earlier cursors, always with the first pin', async () => {
    const stepArb = fc.record({
      backward: fc.boolean(),
      useAfter: fc.boolean(),
      useBefore: fc.boolean(),
      count: fc.integer({ min: 0, max: 120 }),
      pickA: fc.nat(),
      pickB: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2_000 }), fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (total, steps) => {
        const upstream = new FakeUpstream(total);
        const seen: { offset: number; cursor: string }[] = [];
        for (const step of steps) {
          const args: ConnectionArgs = step.backward ? { last: step.count } : { first: step.count };
          const model: ModelArgs = step.backward ? { last: step.count } : { first: step.count };
          const after = step.useAfter ? seen[step.pickA % Math.max(1, seen.length)] : undefined;
          const before = step.useBefore ? seen[step.pickB % Math.max(1, seen.length)] : undefined;
          if (after) [args.after, model.afterOffset] = [after.cursor, after.offset];
          if (before) [args.before, model.beforeOffset] = [before.cursor, before.offset];
          const read = await readPage(upstream, args, after || before ? LATER_PIN : PIN);
          checkPage(total, model, read);
          expect(read.pins.every((pin) => pin === PIN)).toBe(true);
          for (const edge of read.page.edges) seen.push({ offset: edge.node, cursor: edge.cursor });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('visits every row exactly once, in order, walking forward with first/after', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }), async (total, first) => {
        const upstream = new FakeUpstream(total);
        const visited: number[] = [];
        let after: string | null = null;
        for (let pages = 0; pages <= total + 1; pages++) {
          const read = await readPage(upstream, { first, after }, pages === 0 ? PIN : LATER_PIN);
          checkPage(total, { first, ...(after === null ? {} : { afterOffset: visited[visited.length - 1] }) }, read);
          visited.push(...read.nodes);
          if (!read.page.pageInfo.hasNextPage) break;
          after = read.page.pageInfo.endCursor;
        }
        expect(visited).toEqual(Array.from({ length: total }, (_, i) => i));
      }),
      { numRuns: 40 },
    );
  });

  it('visits every row walking backward with last/before from the tail', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 60 }), async (total, last) => {
        const upstream = new FakeUpstream(total);
        const visited: number[] = [];
        let before: string | null = null;
        for (let pages = 0; pages <= total + 1; pages++) {
          const read = await readPage(upstream, { last, before }, pages === 0 ? PIN : LATER_PIN);
          checkPage(total, { last, ...(before === null ? {} : { beforeOffset: visited[0] }) }, read);
          visited.unshift(...read.nodes);
          if (!read.page.pageInfo.hasPreviousPage) break;
          before = read.page.pageInfo.startCursor;
        }
        expect(visited).toEqual(Array.from({ length: total }, (_, i) => i));
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ['1..10', 10],
    ['1..100', 100],
    ['1..1000', 1_000],
  ])('fetches at most 1.2 rows per row on average through first/after pages (limit %s)', async (_, maxLimit) => {
    const total = 200_000;
    const upstream = new FakeUpstream(total);
    const windows = fc.sample(fc.record({ after: fc.integer({ min: 0, max: 100_000 }), first: fc.integer({ min: 1, max: maxLimit }) }), {
      numRuns: 300,
      seed: 7,
    });
    let ratioSum = 0;
    for (const { after, first } of windows) {
      const read = await readPage(upstream, { first, after: cursorFor(after, total) });
      expect(read.nodes.length).toBe(first);
      ratioSum += read.fetched / first;
    }
    expect(ratioSum / windows.length).toBeLessThanOrEqual(1.2);
  });

  it('reads the oldest rows for `last` alone with a 1-row probe and one planned request', async () => {
    const upstream = new FakeUpstream(100);
    const read = await readPage(upstream, { last: 30 });
    expect(read.nodes).toEqual(Array.from({ length: 30 }, (_, i) => 70 + i));
    expect(upstream.requests).toHaveLength(2);
    expect(upstream.requests[0]).toEqual<PageRequest>({ page: 1, pageSize: 1 });
    expect(read.fetched).toBe(31);
  });

  it('returns a shorter tail, never a third request, when no one page can hold the whole tail', async () => {
    const upstream = new FakeUpstream(11_710);
    const read = await readPage(upstream, { last: 8_064 });
    expect(read.requests).toBe(2);
    expect(read.nodes.length).toBeGreaterThan(0);
    expect(read.nodes[read.nodes.length - 1]).toBe(11_709);
    expect(read.fetched).toBeLessThanOrEqual(2 * read.nodes.length);
    expect(read.page.pageInfo.hasPreviousPage).toBe(true);
  });

  it('answers first: 0 and last: 0 with no edges and the total from one 1-row request', async () => {
    const upstream = new FakeUpstream(57);
    for (const args of [{ first: 0 }, { last: 0 }]) {
      const read = await readPage(upstream, args);
      expect(read.nodes).toEqual([]);
      expect(read.page.totalCount).toBe(57);
      expect(upstream.requests).toEqual([{ page: 1, pageSize: 1 }]);
    }
  });

  it('returns no edges past the end of the list, not an error', async () => {
    const upstream = new FakeUpstream(10);
    const read = await readPage(upstream, { first: 5, after: cursorFor(9, 10) });
    expect(read.nodes).toEqual([]);
    const { hasNextPage, hasPreviousPage, startCursor, endCursor } = read.page.pageInfo;
    expect({ hasNextPage, hasPreviousPage, startCursor, endCursor }).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null });
  });

  it('still finds rows added after the cursor was made (its total is only a hint)', async () => {
    const upstream = new FakeUpstream(100);
    const forward = await readPage(upstream, { first: 10, after: cursorFor(49, 50) });
    expect(forward.nodes).toEqual(Array.from({ length: 10 }, (_, i) => 50 + i));
    expect(forward.requests).toBeLessThanOrEqual(2);
    const tail = await readPage(upstream, { last: 5, after: cursorFor(10, 50) });
    expect(tail.nodes).toEqual([95, 96, 97, 98, 99]);
    expect(tail.requests).toBeLessThanOrEqual(2);
  });

  it('never makes a third request when the upstream returns fewer rows than its total claims', async () => {
    const requests: PageRequest[] = [];
    const page = await loadConnectionPage<number>({
      args: { last: 5 },
      bindingKey: KEY,
      codec,
      fetchPage: async (request) => {
        requests.push(request);
        return { rows: [], total: 100 };
      },
    });
    expect(requests).toHaveLength(2);
    expect(page.edges).toEqual([]);
    expect(page.totalCount).toBe(100);
  });

  it('passes the pin from the cursor to fetchPage on later pages', async () => {
    const upstream = new FakeUpstream(500);
    const firstPage = await readPage(upstream, { first: 10 }, PIN);
    expect(firstPage.pins).toEqual([PIN]);
    const secondPage = await readPage(upstream, { first: 10, after: firstPage.page.pageInfo.endCursor }, LATER_PIN);
    expect(secondPage.pins.length).toBeGreaterThan(0);
    expect(secondPage.pins.every((pin) => pin === PIN)).toBe(true);
    expect(secondPage.nodes[0]).toBe(10);
  });

  it('takes totalCount from the upstream, not from the cursor', async () => {
    const read = await readPage(new FakeUpstream(300), { first: 3, after: cursorFor(5, 250) });
    expect(read.page.totalCount).toBe(300);
    expect(codec.decode(read.page.pageInfo.endCursor!, KEY).total).toBe(300);
  });
});

describe('argument validation', () => {
  const validate = (args: ConnectionArgs) => () => resolveConnectionArgs(args, KEY, codec);

  it('defaults to the first DEFAULT_PAGE_ROWS rows', () => {
    expect(resolveConnectionArgs({}, KEY, codec)).toEqual({ first: DEFAULT_PAGE_ROWS });
    expect(resolveConnectionArgs({ first: null, last: null, after: null, before: null }, KEY, codec)).toEqual({ first: DEFAULT_PAGE_ROWS });
  });

  it('refuses first together with last', () => {
    expect(badUserInputFrom(validate({ first: 1, last: 1 })).message).toMatch(/either `first` or `last`, not both/);
  });

  it.each([
    ['first', -1],
    ['first', 10_001],
    ['first', 1.5],
    ['last', -1],
    ['last', 10_001],
    ['last', Number.NaN],
  ])('refuses %s: %d', (name, value) => {
    expect(badUserInputFrom(validate({ [name]: value })).message).toMatch(new RegExp(`\`${name}\` must be an integer from 0 to 10000`));
  });

  it('refuses before any upstream call', async () => {
    const upstream = new FakeUpstream(100);
    await expect(readPage(upstream, { first: 10_001 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(readPage(upstream, { first: 5, after: 'nonsense' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(upstream.requests).toEqual([]);
  });

  it('refuses after and before from different reads (different pins)', () => {
    const args = { first: 5, after: cursorFor(1, 100, PIN), before: cursorFor(50, 100, LATER_PIN) };
    expect(badUserInputFrom(validate(args)).message).toMatch(/different reads/);
  });

  it('accepts limits at the bounds', () => {
    expect(resolveConnectionArgs({ first: 0 }, KEY, codec)).toEqual({ first: 0 });
    expect(resolveConnectionArgs({ last: MAX_PAGE_SIZE }, KEY, codec)).toEqual({ last: MAX_PAGE_SIZE });
  });
});

describe('cursors', () => {
  const cursor = cursorFor(1234, 5000);

  it('round-trip offset, pin, total and binding', () => {
    fc.assert(
      fc.property(fc.nat(), fc.option(fc.string(), { nil: undefined }), fc.option(fc.nat(), { nil: undefined }), fc.string(), (offset, pin, total, key) => {
        const payload = { bindingKey: key, offset, ...(pin === undefined ? {} : { pin }), ...(total === undefined ? {} : { total }) };
        expect(codec.decode(codec.encode(payload), key)).toEqual(payload);
      }),
    );
  });

  it('are refused when any one character is changed', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    for (let i = 0; i < cursor.length; i++) {
      const replacement = alphabet[(alphabet.indexOf(cursor[i]!) + 1) % alphabet.length]!;
      const tampered = cursor.slice(0, i) + replacement + cursor.slice(i + 1);
      expect(badUserInputFrom(() => codec.decode(tampered, KEY)).message).toMatch(/is not a valid cursor/);
    }
  });

  it('are refused when signed with another secret', () => {
    const forged = createCursorCodec('another-secret').encode({ bindingKey: KEY, offset: 1234, pin: PIN, total: 5000 });
    expect(badUserInputFrom(() => codec.decode(forged, KEY)).message).toMatch(/is not a valid cursor/);
  });

  it('are refused when malformed', () => {
    for (const garbage of ['', 'abc', '.', 'a.b.c', `${cursor}.x`, 'x'.repeat(5_000), Buffer.from('{"v":1}').toString('base64url')]) {
      expect(badUserInputFrom(() => codec.decode(garbage, KEY)).message).toMatch(/is not a valid cursor/);
    }
  });

  it('are refused for other arguments, naming the cause', () => {
    const otherKey = cursorBindingKey('signThreats', { tenantId: 't-1', severity: 'LOW' });
    const error = badUserInputFrom(() => codec.decode(cursor, otherKey));
    expect(error.message).toMatch(/was not issued for these arguments/);
  });

  it('name the argument in errors from resolveConnectionArgs', () => {
    const error = badUserInputFrom(() => resolveConnectionArgs({ after: cursor }, cursorBindingKey('signFlows', {}), codec));
    expect(error.message).toMatch(/^Invalid `after`: The cursor ".*" was not issued for these arguments/);
  });

  it("write their body as JSON.stringify writes it, members in the body's order", () => {
    const digest = fc.stringMatching(/^[A-Za-z0-9_-]{16}$/);
    const count = fc.option(fc.nat({ max: Number.MAX_SAFE_INTEGER }), { nil: undefined });
    fc.assert(
      fc.property(digest, fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.option(fc.string(), { nil: undefined }), count, (k, o, p, t) => {
        const body: Record<string, unknown> = { v: 1, k, o };
        if (p !== undefined) body.p = p;
        if (t !== undefined) body.t = t;
        expect(cursorBodyJson(k, o, p, t)).toBe(JSON.stringify(body));
      }),
    );
  });

  it('are the body and its MAC under the secret, the same text however many others were signed between', () => {
    // Independent of the codec's own MAC: node's HMAC of the cursor's text, cut to 16 bytes.
    const signedAlone = (cursor: string) => {
      const [text, signature] = cursor.split('.');
      return signature === createHmac('sha256', 'unit-test-secret').update(text!).digest().subarray(0, 16).toString('base64url');
    };
    const payload = { bindingKey: KEY, offset: 40, pin: PIN, total: 5000 };
    const first = codec.encode(payload);
    // More bodies than the codec keeps, so the first is signed again from nothing.
    for (let offset = 0; offset < 3_000; offset++) expect(signedAlone(codec.encode({ bindingKey: KEY, offset, total: 7 }))).toBe(true);
    expect(codec.encode(payload)).toBe(first);
    expect(createCursorCodec('unit-test-secret').encode(payload)).toBe(first);
    expect(signedAlone(first)).toBe(true);
    expect(codec.decode(first, KEY)).toEqual(payload);
  });

  it('accept a byte secret and refuse an empty one', () => {
    const bytes = createCursorCodec(new Uint8Array([1, 2, 3]));
    expect(bytes.decode(bytes.encode({ bindingKey: KEY, offset: 3 }), KEY)).toEqual({ bindingKey: KEY, offset: 3 });
    expect(() => createCursorCodec('')).toThrow();
  });
});

describe('cursorBindingKey', () => {
  it('ignores key order, null/undefined values and the paging arguments', () => {
    const a = cursorBindingKey('signThreats', { b: 2, a: { y: [1, null], x: 'q' }, c: null, d: undefined, first: 10, after: 'x' });
    const b = cursorBindingKey('signThreats', { a: { x: 'q', y: [1, null] }, b: 2, last: 3, before: 'y' });
    expect(a).toBe(b);
    expect(a).toBe('signThreats:{"a":{"x":"q","y":[1,null]},"b":2}');
  });

  it('differs by field and by value', () => {
    expect(cursorBindingKey('signThreats', { a: 1 })).not.toBe(cursorBindingKey('signFlows', { a: 1 }));
    expect(cursorBindingKey('signThreats', { a: 1 })).not.toBe(cursorBindingKey('signThreats', { a: '1' }));
  });

  it('writes dates as ISO strings', () => {
    expect(cursorBindingKey('f', { to: new Date('2024-05-01T00:00:00Z') })).toBe('f:{"to":"2024-05-01T00:00:00.000Z"}');
    // A date and its ISO text bind alike: cursors issued before dates were written without toISOString still hold.
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        expect(cursorBindingKey('f', { from: date, kind: 'IP' })).toBe(cursorBindingKey('f', { from: date.toISOString(), kind: 'IP' }));
      }),
    );
  });
});

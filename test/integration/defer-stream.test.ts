import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ThreatsWithDeferredJoinsDocument, type ThreatsWithDeferredJoinsQuery } from '../../schema/generated/graphql.js';
import { CYBERTRACE_LOOKUP_PATH } from '../../src/simulators/cybertrace.js';
import { manualTicker, openSse, until } from '../support/feed.js';
import { withTestGateway } from '../support/gateway.js';
import { exampleVariables } from '../support/examples.js';

/**
 * @defer and @stream (yoga's defer/stream plugin): the page arrives first, the joins after. The
 * order is observed at the simulator: CyberTrace is held from answering until the client has
 * read the initial payload, so that payload cannot have waited for it.
 */

interface Incremental {
  data?: Record<string, unknown>;
  items?: unknown[];
  path: (string | number)[];
}

/** Applies incremental payloads to the initial result, as a client library does. */
function applyIncremental(result: Record<string, unknown>, incremental: Incremental[]): void {
  const at = (path: (string | number)[]) => path.reduce<unknown>((target, segment) => (target as Record<string | number, unknown>)[segment], result);
  for (const part of incremental) {
    if (part.data) Object.assign(at(part.path) as object, part.data);
    // Streamed items: the path ends with the index of the first of them.
    if (part.items) (at(part.path.slice(0, -1)) as unknown[]).splice(part.path.at(-1) as number, part.items.length, ...part.items);
  }
}

describe('@defer', () => {
  it('delivers the page before CyberTrace answers, then each target joined, into the typed result', async () => {
    await withTestGateway({}, async (g) => {
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      g.simulators.cybertrace.inject({ kind: 'hold', until: held, times: 1 });

      const stream = await openSse(g.fetch, { query: print(ThreatsWithDeferredJoinsDocument), variables: exampleVariables(ThreatsWithDeferredJoinsDocument) });
      expect(stream.status).toBe(200);
      const initial = (await stream.next()) as { data: ThreatsWithDeferredJoinsQuery; hasNext?: boolean };
      const nodes = initial.data.tenant.sim.threatSummaries!.nodes;
      expect(nodes).toHaveLength(5);
      expect(initial.hasNext).toBe(true);
      // The deferred fragment is not in the initial payload, and CyberTrace has not answered yet.
      expect(nodes.every((node) => !('targetIndicators' in node))).toBe(true);
      await until(() => g.simulators.cybertrace.requests.length === 1, 'the CyberTrace lookup to arrive');

      release();
      let hasNext = true;
      while (hasNext) {
        const event = (await stream.next()) as { incremental?: Incremental[]; hasNext: boolean; errors?: unknown };
        expect(event.errors).toBeUndefined();
        applyIncremental(initial.data as unknown as Record<string, unknown>, event.incremental ?? []);
        hasNext = event.hasNext;
      }
      for (const node of nodes) {
        if (!('targetIndicators' in node) || node.targetIndicators === undefined) throw new Error(`no joins for ${node.target}`);
        expect(node.targetIndicators[0]!.value).toBe(node.target);
        expect(node.targetIndicators[0]!.reputation?.verdict).toMatch(/^(DETECTED|NOT_DETECTED|ERROR)$/);
      }
      // Still one CyberTrace lookup and one Apex list for the whole page.
      expect(g.simulators.cybertrace.requests.filter((request) => request.path === CYBERTRACE_LOOKUP_PATH)).toHaveLength(1);
      expect(g.simulators.apex.requests.filter((request) => request.method === 'GET')).toHaveLength(1);
      await stream.close();
    });
  });
});

describe('@stream', () => {
  it('sends the first items of a list at once and the rest as they come', async () => {
    await withTestGateway({}, async (gateway) => {
      const stream = await openSse(gateway.fetch, {
        query: 'query Streamed($values: [String!]!) { indicators(values: $values) @stream(initialCount: 1) { value kind } }',
        variables: { values: ['8.8.8.8', 'www.ntt.com', 'c2.darkbeacon.io'] },
      });
      const initial = (await stream.next()) as { data: { indicators: { value: string }[] }; hasNext: boolean };
      expect(initial.data.indicators.map((indicator) => indicator.value)).toEqual(['8.8.8.8']);
      expect(initial.hasNext).toBe(true);
      let hasNext = true;
      while (hasNext) {
        const event = (await stream.next()) as { incremental?: Incremental[]; hasNext: boolean };
        applyIncremental(initial.data, event.incremental ?? []);
        hasNext = event.hasNext;
      }
      expect(initial.data.indicators.map((indicator) => indicator.value)).toEqual(['8.8.8.8', 'www.ntt.com', 'c2.darkbeacon.io']);
      await stream.close();
    });
  });

  it('refuses @defer on a subscription root field and @stream on a non-list with a coded error', async () => {
    await withTestGateway({}, async (gateway) => {
      const { status, json } = await gateway.post({
        query: 'subscription { ... @defer { threatDetected(tenantId: "550e8400e29b41d4a716446655440000", kind: OTHER, lineType: INT) { target } } }',
      });
      expect(status).toBe(400);
      expect(json.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      const stream = await gateway.post({ query: '{ indicator(value: "8.8.8.8") @stream { value } }' });
      expect(stream.status).toBe(400);
      expect(stream.json.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(gateway.simulators.cybertrace.requests).toHaveLength(0);
    });
  });

  it('tells a client that accepts only JSON how to receive a result in parts (406, NOT_ACCEPTABLE), and frees what it opened', async () => {
    const ticker = manualTicker();
    await withTestGateway({ env: { GATEWAY_MAX_SUBSCRIPTIONS_PER_CALLER: '1' }, feeds: { ticker: ticker.ticker } }, async (gateway) => {
      const deferred = await gateway.post({ query: '{ indicator(value: "8.8.8.8") { value ... @defer { kind } } }' });
      expect(deferred.status).toBe(406);
      expect(deferred.json.errors?.[0]).toMatchObject({ message: expect.stringContaining('text/event-stream'), extensions: { code: 'NOT_ACCEPTABLE' } });
      const subscription = await gateway.post({
        query: 'subscription { threatDetected(tenantId: "550e8400e29b41d4a716446655440000", kind: OTHER, lineType: INT) { target } }',
      });
      expect(subscription.status).toBe(406);
      expect(subscription.json.errors?.[0]?.extensions?.['code']).toBe('NOT_ACCEPTABLE');
      await ticker.waitForRunning(0);
      // The caller's one subscription was given back: the next one is accepted.
      const again = await openSse(gateway.fetch, {
        query: 'subscription { threatDetected(tenantId: "550e8400e29b41d4a716446655440000", kind: OTHER, lineType: INT) { target } }',
      });
      await ticker.waitForRunning(1);
      expect(again.buffered).toBe(0);
      await again.close();
    });
  });
});

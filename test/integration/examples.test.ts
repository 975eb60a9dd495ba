import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIRST_EXAMPLE, loadExampleOperations, type ExampleOperation } from '../../src/example-operations.js';
import { manualTicker, openSse } from '../support/feed.js';
import { type TestGateway, useTestGateway, withTestGateway } from '../support/gateway.js';

/**
 * Every example GraphiQL offers, run as GraphiQL sends it (the tab's text and the variables kept
 * beside it in schema/operations), must answer data and no error on the demo's simulators.
 */

const OPERATIONS = new URL('../../schema/operations/', import.meta.url);
const examples = loadExampleOperations();
const isSubscription = (example: ExampleOperation) => /^\s*subscription\b/m.test(example.document);
const queriesAndMutations = examples.filter((example) => !isSubscription(example));

const gw = useTestGateway();

describe('the example operations', () => {
  it('are every operation of schema/operations, the demo query first', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../schema/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
    expect(examples.map((example) => example.name).sort()).toEqual(
      Object.values(manifest)
        .map((text) => /\b(?:query|mutation|subscription) (\w+)/.exec(text)?.[1])
        .sort(),
    );
    expect(examples[0]!.name).toBe(FIRST_EXAMPLE);
  });

  it('keep variables only for operations that exist', () => {
    for (const file of readdirSync(OPERATIONS).filter((name) => name.endsWith('.variables.json'))) {
      const names = Object.keys(JSON.parse(readFileSync(new URL(file, OPERATIONS), 'utf8')) as object);
      const inFile = examples.filter((example) => example.file === file.replace('.variables.json', '.graphql')).map((example) => example.name);
      expect(names.sort(), file).toEqual(inFile.sort());
    }
  });

  it.each(queriesAndMutations.map((example) => [example.name, example] as const))('%s answers data with its example variables', async (_name, example) => {
    const { status, json } = streamed(example) ? await firstEvent(gw, example) : await gw.post({ query: example.document, variables: example.variables });
    expect(json.errors, example.name).toBeUndefined();
    expect(status).toBe(200);
    expect(Object.values(json.data ?? {}).every((value) => value !== null)).toBe(true);
  });

  it.each(examples.filter(isSubscription).map((example) => [example.name, example] as const))(
    '%s delivers a new detection with its example variables',
    async (_name, example) => {
      // Its own gateway, polls driven by count: the feed first learns what is there, then sees what arrives.
      const ticker = manualTicker();
      await withTestGateway({ feeds: { ticker: ticker.ticker, now: () => Date.parse(ARRIVED_AT) + 1_000 } }, async (feedGateway) => {
        const pending = firstEvent(feedGateway, example);
        await ticker.waitForRunning(1);
        await ticker.tick();
        const { tenantId, lineType } = example.variables as { tenantId: string; lineType: string };
        const simId = lineType === 'INT' ? '440130000096015' : undefined;
        if (simId === undefined) throw new Error(`${example.name}: the example's lineType has no demo SIM here`);
        feedGateway.simulators.signArrivals.add({ tenantId, kind: 'OTHER', simId, target: 'example-arrival.example', receivedAt: Date.parse(ARRIVED_AT) });
        await ticker.tick();
        const { status, json } = await pending;
        expect(json.errors, example.name).toBeUndefined();
        expect(status).toBe(200);
        expect(Object.values(json.data ?? {}).every((value) => value !== null)).toBe(true);
      });
    },
  );
});

/** When the subscription example's detection is received: within the feed's window. */
const ARRIVED_AT = '2026-11-29T10:00:00Z';

/** A query with @defer/@stream: GraphiQL reads it over SSE, one payload at a time. */
function streamed(example: ExampleOperation): boolean {
  return /@(?:defer|stream)\b/.test(example.document);
}

/** The first event GraphiQL would show: the initial payload, or the feed's first detection. */
async function firstEvent(gw: TestGateway, example: ExampleOperation): Promise<{ status: number; json: { data?: Record<string, unknown>; errors?: unknown } }> {
  const stream = await openSse(gw.fetch, { query: example.document, variables: example.variables });
  try {
    const event = (await stream.next()) as { data?: Record<string, unknown>; errors?: unknown };
    return { status: stream.status, json: event };
  } finally {
    await stream.close();
  }
}

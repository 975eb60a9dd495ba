import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../../src/observability/metrics.js';

/** gateway_operations_total: tallied per operation, added to prom-client's counter when scraped. */

async function operationSamples(metrics: ReturnType<typeof createGatewayMetrics>): Promise<Map<string, number>> {
  const text = await metrics.registry.metrics();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^gateway_operations_total\{operation="([^"]*)",outcome="([^"]*)"\} (\d+)$/.exec(line);
    if (match !== null) samples.set(`${match[1]}/${match[2]}`, Number(match[3]));
  }
  return samples;
}

describe('operation counts', () => {
  it('reads the running totals at every scrape, each count once', async () => {
    const metrics = createGatewayMetrics([]);
    metrics.countOperation('Page', 'success');
    metrics.countOperation('Page', 'success');
    metrics.countOperation('Page', 'partial');
    const totals = new Map([
      ['Page/success', 2],
      ['Page/partial', 1],
    ]);
    expect(await operationSamples(metrics)).toEqual(totals);
    // A scrape with nothing new reads the same totals; counts after it add to them.
    expect(await operationSamples(metrics)).toEqual(totals);
    metrics.countOperation('Page', 'success');
    metrics.countOperation('Page', 'error');
    expect(await operationSamples(metrics)).toEqual(
      new Map([
        ['Page/success', 3],
        ['Page/partial', 1],
        ['Page/error', 1],
      ]),
    );
    metrics.close();
  });

  it('counts names past the 200th as other, and still counts the first 200 by name', async () => {
    const metrics = createGatewayMetrics([]);
    for (let i = 0; i < 205; i++) metrics.countOperation(`Op${i}`, 'success');
    metrics.countOperation('Op0', 'success');
    metrics.countOperation('Op204', 'error');
    const samples = await operationSamples(metrics);
    expect(samples.get('Op0/success')).toBe(2);
    expect(samples.get('Op199/success')).toBe(1);
    expect(samples.has('Op200/success')).toBe(false);
    expect(samples.get('other/success')).toBe(5);
    expect(samples.get('other/error')).toBe(1);
    expect(samples.size).toBe(202);
    metrics.close();
  });
});

import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { TRAFFIC_INTERVALS, TRAFFIC_PERIODS, intervalLongerThanPeriod, trafficWindowRule } from '../../src/schema/sign/traffic.js';
import { ipv4NetworkRule } from '../../src/schema/validators.js';
import { encodeQuery } from '../../src/upstreams/http.js';
import { trafficParams, type TrafficQuery } from '../../src/upstreams/sign/client.js';
import { UNAUTHENTICATED_CALLER } from '../../src/security/caller.js';

/** The pure parts of Tenant.traffic: the interval rule, CIDR checks, the wire encoding, and call fan-out. */

describe('interval against period', () => {
  // Every interval each period allows, by hand from the vendor's units.
  const allowed: Record<keyof typeof TRAFFIC_PERIODS, (keyof typeof TRAFFIC_INTERVALS)[]> = {
    MINUTES_15: ['MINUTES_1', 'MINUTES_5', 'MINUTES_15'],
    HOURS_1: ['MINUTES_1', 'MINUTES_5', 'MINUTES_15', 'MINUTES_30', 'HOURS_1'],
    HOURS_24: ['MINUTES_1', 'MINUTES_5', 'MINUTES_15', 'MINUTES_30', 'HOURS_1', 'HOURS_2', 'DAYS_1'],
    DAYS_7: ['MINUTES_1', 'MINUTES_5', 'MINUTES_15', 'MINUTES_30', 'HOURS_1', 'HOURS_2', 'DAYS_1'],
  };

  for (const [periodName, period] of Object.entries(TRAFFIC_PERIODS) as [
    keyof typeof TRAFFIC_PERIODS,
    (typeof TRAFFIC_PERIODS)[keyof typeof TRAFFIC_PERIODS],
  ][]) {
    it(`allows exactly the intervals not longer than ${periodName}`, () => {
      const fits = (Object.entries(TRAFFIC_INTERVALS) as [keyof typeof TRAFFIC_INTERVALS, (typeof TRAFFIC_INTERVALS)[keyof typeof TRAFFIC_INTERVALS]][])
        .filter(([, interval]) => !intervalLongerThanPeriod(interval, period))
        .map(([name]) => name);
      expect(fits).toEqual(allowed[periodName]);
    });
  }

  it('names both in GraphQL terms when refusing', () => {
    const result = trafficWindowRule.safeParse({ period: '1h', interval: '2h', top: 10 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/^interval HOURS_2 is longer than the period HOURS_1/);
  });

  it('passes the other arguments through unchanged', () => {
    const args = { period: '24h', interval: '1d', baseDateTime: new Date('2026-11-19T03:00:00Z'), filter: { protocols: [6] } };
    expect(trafficWindowRule.parse(args)).toEqual(args);
  });
});

describe('ipv4NetworkRule', () => {
  it.each(['192.168.0.0/24', '0.0.0.0/0', '10.1.2.3/32', '172.16.0.0/12'])('accepts %s', (value) => {
    expect(ipv4NetworkRule.safeParse(value).success).toBe(true);
  });
  it.each([
    '192.168.0.0',
    '192.168.0.0/33',
    '192.168.0.0/-1',
    '192.168.0.0/08',
    '192.168.0.0/24/1',
    '192.168.0/24',
    '256.0.0.0/8',
    '010.0.0.0/8',
    '::1/128',
    '192.168.0.0/ 24',
    '',
  ])('refuses %j', (value) => {
    expect(ipv4NetworkRule.safeParse(value).success).toBe(false);
  });
});

describe('trafficParams', () => {
  const query: TrafficQuery = {
    tenantId: '550e8400e29b41d4a716446655440000',
    lineType: 'VPN',
    baseDateTime: new Date('2026-11-19T12:34:56.789+09:00'),
    period: '24h',
    interval: '30m',
    rankBy: 'dst_ip_port',
  };

  it('sends the UTC second and leaves absent parameters out', () => {
    expect(encodeQuery(trafficParams(query))).toBe('?lineType=VPN&baseDateTime=2026-11-19T03%3A34%3A56Z&period=24h&interval=30m&rankBy=dst_ip_port');
  });

  it('repeats the key for each value of a list, under the vendor names', () => {
    const text = encodeQuery(
      trafficParams({ ...query, top: 20, filter: { sourcePorts: [53, 443], destinationNetworks: ['10.0.0.0/8'], protocols: [17], sourceAddresses: [] } }),
    );
    expect(text).toBe(
      '?lineType=VPN&baseDateTime=2026-11-19T03%3A34%3A56Z&period=24h&interval=30m&rankBy=dst_ip_port&top=20&src_port=53&src_port=443&dst_nw_address=10.0.0.0%2F8&protocol=17',
    );
  });
});

describe('TrafficReport fan-out', () => {
  it('starts the selected calls together, and makes none for Tenant.traffic itself', async () => {
    const started: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held =
      <T>(name: string, answer: T) =>
      async (received: TrafficQuery) => {
        started.push(`${name}:${received.period}/${received.interval}`);
        await gate;
        return answer;
      };
    const sign = {
      trafficTimeSeries: held('timeSeries', { cacheHit: false, totalBytesProcessed: 1, traffics: [] }),
      trafficStatistics: held('statistics', { cacheHit: true, totalBytesProcessed: 0, trafficStatistics: [] }),
      trafficTotal: held('total', { totalTraffic: 5, peakTraffic: 7 }),
    };
    const running = graphql({
      schema,
      source: `{ tenant(tenantId: "550e8400e29b41d4a716446655440000") { traffic(lineType: INT, baseDateTime: "2026-11-19T03:00:00Z", period: HOURS_24, interval: HOURS_2, rankBy: APP_ID) {
        timeSeries { cacheHit } statistics { cacheHit } total { totalTraffic peakTraffic } } } }`,
      contextValue: { sign, caller: UNAUTHENTICATED_CALLER },
    });
    // Resolvers start on promise jobs alone; setImmediate runs once those are drained, with no
    // timer to wait on. Every call has started while none has been answered: they run concurrently.
    await new Promise((resolve) => setImmediate(resolve));
    expect(started.sort()).toEqual(['statistics:24h/2h', 'timeSeries:24h/2h', 'total:24h/2h']);
    release();
    const result = await running;
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      tenant: { traffic: { timeSeries: { cacheHit: false }, statistics: { cacheHit: true }, total: { totalTraffic: 5, peakTraffic: 7 } } },
    });
  });
});

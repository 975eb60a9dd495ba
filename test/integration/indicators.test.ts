import { beforeEach, describe, expect, it } from 'vitest';
import { IndicatorReputationsDocument, ThreatTargetsAndIndicatorsDocument } from '../../schema/generated/graphql.js';
import {
  CLEAN_DOMAINS,
  DATA_WINDOW_FOR_DEMO,
  DEMO_TENANT_ID,
  LOOKUP_ERROR_DOMAINS,
  MALICIOUS_DOMAINS,
  MALICIOUS_IPS,
  MALICIOUS_MD5,
} from '../../src/simulators/demo-seed.js';
import { useTestGateway, withTestGateway } from '../support/gateway.js';

const gw = useTestGateway();
beforeEach(() => gw.simulators.reset());

const lookups = () => gw.simulators.cybertrace.requests;
const lookedUp = (index = 0) => (JSON.parse(lookups()[index]!.body) as { object: string }[]).map((item) => item.object);

describe('Indicator.reputation (Kaspersky CyberTrace)', () => {
  it('answers one item per value in order, duplicates included, with each value sent once', async () => {
    const values = [MALICIOUS_DOMAINS[0], ` ${MALICIOUS_DOMAINS[0].toUpperCase()} `, CLEAN_DOMAINS[0], MALICIOUS_MD5[0].toUpperCase(), MALICIOUS_IPS[0]];
    const result = await gw.execute(IndicatorReputationsDocument, { values });
    expect(result.errors).toBeUndefined();
    const answers = result.data!.indicators;
    expect(answers.map((indicator) => [indicator.value, indicator.kind, indicator.reputation?.verdict])).toEqual([
      [MALICIOUS_DOMAINS[0], 'DOMAIN', 'DETECTED'],
      [MALICIOUS_DOMAINS[0], 'DOMAIN', 'DETECTED'],
      [CLEAN_DOMAINS[0], 'DOMAIN', 'NOT_DETECTED'],
      [MALICIOUS_MD5[0], 'MD5', 'DETECTED'],
      [MALICIOUS_IPS[0], 'IPV4', 'DETECTED'],
    ]);
    expect(lookups()).toHaveLength(1);
    expect(lookedUp().sort()).toEqual([MALICIOUS_DOMAINS[0], CLEAN_DOMAINS[0], MALICIOUS_MD5[0], MALICIOUS_IPS[0]].sort());
  });

  it('maps categories (and the vendor example’s `detects`) to detections with context pairs', async () => {
    const result = await gw.execute(IndicatorReputationsDocument, { values: [MALICIOUS_MD5[0], MALICIOUS_DOMAINS[1]] });
    for (const indicator of result.data!.indicators) {
      expect(indicator.reputation!.detections.length).toBeGreaterThan(0);
      const detection = indicator.reputation!.detections[0]!;
      expect(detection.category).not.toBe('');
      expect(detection.context.length).toBeGreaterThan(0);
      expect(detection.context.every((field) => typeof field.name === 'string' && typeof field.value === 'string')).toBe(true);
    }
  });

  it('gives a per-object error as verdict ERROR with its reason', async () => {
    const result = await gw.execute(IndicatorReputationsDocument, { values: [LOOKUP_ERROR_DOMAINS[0], CLEAN_DOMAINS[1]] });
    expect(result.data!.indicators[0]!.reputation).toMatchObject({ verdict: 'ERROR' });
    expect(result.data!.indicators[0]!.reputation!.errorReason).toBeTruthy();
    expect(result.data!.indicators[1]!.reputation!.verdict).toBe('NOT_DETECTED');
  });

  it('never sends UNKNOWN values, and says why', async () => {
    const result = await gw.execute(IndicatorReputationsDocument, { values: ['not an indicator'] });
    expect(result.data!.indicators[0]).toMatchObject({ kind: 'UNKNOWN', reputation: { verdict: 'ERROR' } });
    expect(result.data!.indicators[0]!.reputation!.errorReason).toMatch(/not/i);
    expect(lookups()).toHaveLength(0);
  });

  it('costs one lookup for 50 indicators asked through both `indicators` and threat targets', async () => {
    const values = Array.from({ length: 50 }, (_, i) => (i < 10 ? MALICIOUS_IPS[i % MALICIOUS_IPS.length]! : `host-${i}.example.org`));
    const result = await gw.execute(ThreatTargetsAndIndicatorsDocument, { tenantId: DEMO_TENANT_ID, ...DATA_WINDOW_FOR_DEMO, values });
    expect(result.errors).toBeUndefined();
    const targets = [...result.data!.tenant.other!.nodes, ...result.data!.tenant.ip!.nodes].flatMap((node) => node.targetIndicators);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((indicator) => indicator.reputation !== null)).toBe(true);
    expect(result.data!.tenant.ip!.nodes[0]!.targetIndicators).toHaveLength(2);
    expect(lookups()).toHaveLength(1);
    const sent = lookedUp();
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent).toEqual(expect.arrayContaining([...new Set(values), ...targets.map((indicator) => indicator.value)]));
  });

  it('nulls only reputation when CyberTrace is down, naming the upstream', async () => {
    await withTestGateway({ env: { CYBERTRACE_BASE_URL: 'http://127.0.0.1:1' } }, async (down) => {
      const result = await down.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0], CLEAN_DOMAINS[0]] });
      expect(result.data!.indicators.map((indicator) => [indicator.value, indicator.kind, indicator.reputation])).toEqual([
        [MALICIOUS_DOMAINS[0], 'DOMAIN', null],
        [CLEAN_DOMAINS[0], 'DOMAIN', null],
      ]);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'cybertrace' });
    });
  });

  it('reports wrong credentials as an upstream error without echoing them', async () => {
    await withTestGateway({ env: { CYBERTRACE_PASSWORD: 'wrong-password-123' } }, async (wrong) => {
      const result = await wrong.execute(IndicatorReputationsDocument, { values: [MALICIOUS_DOMAINS[0]] });
      expect(result.data!.indicators[0]!.reputation).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', upstream: 'cybertrace', status: 401 });
      expect(JSON.stringify(result)).not.toContain('wrong-password-123');
    });
  });
});

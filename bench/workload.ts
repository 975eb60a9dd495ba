import {
  CLEAN_DOMAINS,
  CLEAN_IPS,
  DATA_WINDOW_FOR_DEMO,
  DEMO_TENANT_ID,
  LARGE_TENANT_ID,
  MALICIOUS_DOMAINS,
  MALICIOUS_IPS,
  MALICIOUS_MD5,
  MALICIOUS_SHA1,
  MALICIOUS_SHA256,
  MALICIOUS_URLS,
} from '../src/simulators/demo-seed.js';

/**
 * What every scenario asks for, shared by the GraphQL documents and the direct baseline so both
 * sides make the same upstream calls over the same demo data.
 */

export const BENCH_TENANT_ID = DEMO_TENANT_ID;
export const BENCH_LINE_TYPE = 'INT';

/** The demo's whole detection window. */
export const THREAT_WINDOW = { from: DATA_WINDOW_FOR_DEMO.from, to: DATA_WINDOW_FOR_DEMO.to } as const;
export const THREAT_PAGE_ROWS = 20;

/** Scenario (d): the vendor's largest page, from the simulator's large tenant (started with `largeTenant`). */
export const LARGE_TENANT = LARGE_TENANT_ID;
export const LARGE_PAGE_ROWS = 10_000;
/** Each in-flight operation holds a 10,000-row page several times over: (d) runs at these concurrencies. */
export const LARGE_PAGE_CONNECTIONS = [1, 4];

/** Flow logs take calendar dates; `to` is inclusive, so the last day before the data end. */
export const FLOW_WINDOW = { from: DATA_WINDOW_FOR_DEMO.from.slice(0, 10), to: '2026-11-19' } as const;
export const FLOW_PAGE_ROWS = 500;
export const FLOW_WALK_ROWS = 2_000;
export const FLOW_WALK_PAGES = FLOW_WALK_ROWS / FLOW_PAGE_ROWS;

export const INDICATOR_COUNT = 100;

/** The values among them File Safer checks (MD5 and SHA-1), one checkHash call each. */
export const HASH_VALUES: readonly { hashCode: string; hashType: 'md5' | 'sha1' }[] = [
  ...MALICIOUS_MD5.map((hashCode) => ({ hashCode, hashType: 'md5' as const })),
  ...MALICIOUS_SHA1.map((hashCode) => ({ hashCode, hashType: 'sha1' as const })),
];

/**
 * 100 distinct values: every seeded one CyberTrace knows (malicious and clean), then documentation
 * domains and TEST-NET-2 addresses it answers "not detected" for. They are only ever sent to the
 * CyberTrace simulator, never resolved or contacted.
 */
export const INDICATOR_VALUES: readonly string[] = (() => {
  const seeded = [
    ...MALICIOUS_DOMAINS,
    ...MALICIOUS_IPS,
    ...MALICIOUS_URLS,
    ...CLEAN_DOMAINS,
    ...CLEAN_IPS,
    ...MALICIOUS_MD5,
    ...MALICIOUS_SHA1,
    ...MALICIOUS_SHA256,
  ];
  const values: string[] = [...seeded];
  for (let index = 1; values.length < INDICATOR_COUNT; index += 1) {
    values.push(index % 2 === 0 ? `198.51.100.${index}` : `host-${index}.bench.example`);
  }
  return values;
})();

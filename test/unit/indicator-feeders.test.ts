import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { indicatorFeeders } from '../../src/indicators/feeders.js';
import { schema } from '../../src/schema/index.js';

const feedersOf = (query: string, operationName?: string) => [...indicatorFeeders(schema, parse(query), operationName)].sort();

describe('indicatorFeeders: which fields of an operation can reveal indicators', () => {
  it('names nothing for helpdesk, traffic or settings beside indicators(values:)', () => {
    expect(
      feedersOf(`{ indicators(values: ["a.example"]) { reputation { verdict } } tenant(tenantId: "t") { helpdesk { enabled } flowLogRetention { period } } }`),
    ).toEqual([]);
  });

  it('names a threat page only when its rows select their indicators', () => {
    const page = (rows: string) => `{ tenant(tenantId: "t") { threatSummaries(kind: OTHER, lineType: INT, from: "x", to: "y") { nodes { ${rows} } } } }`;
    expect(feedersOf(page('target severity'))).toEqual([]);
    expect(feedersOf(page('targetIndicators { value }'))).toEqual(
      expect.arrayContaining(['Query.tenant', 'Tenant.threatSummaries', 'ThreatSummaryConnection.nodes']),
    );
  });

  it('follows named and inline fragments, and the Node interface', () => {
    expect(
      feedersOf(`query { node(id: "x") { ... on Sim { flows(from: "2026-01-01", to: "2026-01-02") { nodes { ...Ends } } } } }
        fragment Ends on Flow { source { indicator { kind } } }`),
    ).toEqual(expect.arrayContaining(['Query.node', 'Sim.flows', 'Flow.source']));
  });

  it('names the suspicious-object list and the loader type when listed objects show their indicators', () => {
    expect(feedersOf(`{ suspiciousObjects { nodes { indicator { reputation { verdict } } } } }`)).toEqual(
      expect.arrayContaining(['Query.suspiciousObjects', 'SuspiciousObject']),
    );
    expect(feedersOf(`{ indicators(values: ["a.example"]) { suspiciousObject { indicator { value } } } }`)).toEqual(
      expect.arrayContaining(['Indicator.suspiciousObject', 'SuspiciousObject']),
    );
    expect(feedersOf(`{ indicators(values: ["a.example"]) { suspiciousObject { scanAction } } }`)).toEqual([]);
  });

  it('reads only the operation asked for, and survives a fragment cycle', () => {
    const document = `query A { tenant(tenantId: "t") { helpdesk { enabled } } } query B { tenant(tenantId: "t") { threats(kind: OTHER, simId: "s", lineType: INT, from: "x", to: "y") { nodes { targetIndicators { value } } } } }`;
    expect(feedersOf(document, 'A')).toEqual([]);
    expect(feedersOf(document, 'B')).toContain('Tenant.threats');
    expect(feedersOf(`{ tenant(tenantId: "t") { ...T } } fragment T on Tenant { ...T }`)).toEqual([]);
  });
});

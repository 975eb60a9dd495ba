import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { DEMO_SIMS, DEMO_TENANT_ID, MALICIOUS_DOMAINS, MALICIOUS_IPS, OTHER_TENANT_ID, PREBLOCKED_OBJECTS } from '../../src/simulators/demo-seed.js';

/**
 * A second subgraph, written as another team adopting the SecOps graph would: @apollo/subgraph,
 * Relay-style paging with its own PageInfo, and its incidents pointing at SecOps entities by the
 * keys the README lists (Indicator by value, Sim by tenantId lineType simId, Tenant by tenantId,
 * SuspiciousObject by type content). It extends Indicator, Tenant and Sim, and adds Query.incidents.
 * It knows nothing of tokens: tenant isolation is the SecOps subgraph's.
 */

export const INCIDENTS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  type Query {
    "A tenant's incidents, newest first."
    incidents(tenantId: String!, first: Int = 10, after: String): IncidentConnection!
  }

  type IncidentConnection {
    edges: [IncidentEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  type IncidentEdge {
    cursor: String!
    node: Incident!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type Incident {
    id: ID!
    title: String!
    indicator: Indicator!
    sim: Sim
    tenant: Tenant!
    blockedAs: SuspiciousObject
  }

  enum LineType {
    INT
    VPN
    MEC
  }

  enum SuspiciousObjectType {
    IP
    URL
    FILE_SHA1
    DOMAIN
  }

  type Indicator @key(fields: "value") {
    value: String!
    incidentCount: Int!
  }

  type Tenant @key(fields: "tenantId") {
    tenantId: String!
    openIncidents: Int!
  }

  type Sim @key(fields: "tenantId lineType simId") {
    tenantId: String!
    lineType: LineType!
    simId: String!
    incidentTitles: [String!]!
  }

  type SuspiciousObject @key(fields: "type content", resolvable: false) {
    type: SuspiciousObjectType!
    content: String!
  }
`;

interface IncidentRecord {
  id: string;
  tenantId: string;
  title: string;
  indicator: string;
  sim: { tenantId: string; lineType: string; simId: string } | null;
  blockedAs: { type: string; content: string } | null;
}

const [tokyo, osaka] = DEMO_SIMS;
const blockedDomain = PREBLOCKED_OBJECTS.find((object) => object.type === 'domain')!;

/**
 * The incidents of the demo tenant, newest first. Two carry references the SecOps subgraph refuses,
 * one each, among good ones: a SIM written with an upper-case tenant ID (a malformed key), and a
 * domain that is not on Apex Central's list (no such object). One points at another tenant's SIM.
 */
export const INCIDENTS: readonly IncidentRecord[] = [
  {
    id: 'INC-4',
    tenantId: DEMO_TENANT_ID,
    title: 'Beacon to known C2',
    indicator: blockedDomain.content,
    sim: { tenantId: DEMO_TENANT_ID, lineType: tokyo!.lineType, simId: tokyo!.simId },
    blockedAs: { type: 'DOMAIN', content: blockedDomain.content },
  },
  {
    id: 'INC-3',
    tenantId: DEMO_TENANT_ID,
    title: 'Phishing login page',
    indicator: MALICIOUS_DOMAINS[1],
    sim: { tenantId: DEMO_TENANT_ID.toUpperCase(), lineType: osaka!.lineType, simId: osaka!.simId },
    blockedAs: { type: 'DOMAIN', content: MALICIOUS_DOMAINS[1] },
  },
  {
    id: 'INC-2',
    tenantId: DEMO_TENANT_ID,
    title: 'Credential stuffing source',
    indicator: MALICIOUS_IPS[1],
    sim: { tenantId: OTHER_TENANT_ID, lineType: tokyo!.lineType, simId: tokyo!.simId },
    blockedAs: null,
  },
  {
    id: 'INC-1',
    tenantId: DEMO_TENANT_ID,
    title: 'Dropper download',
    indicator: MALICIOUS_DOMAINS[2],
    sim: { tenantId: DEMO_TENANT_ID, lineType: osaka!.lineType, simId: osaka!.simId },
    blockedAs: null,
  },
];

const cursorOf = (index: number) => Buffer.from(`incident:${index}`).toString('base64url');
const indexOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString().split(':')[1]);

const resolvers = {
  Query: {
    incidents: (_root: unknown, { tenantId, first, after }: { tenantId: string; first: number; after?: string }) => {
      const all = INCIDENTS.filter((incident) => incident.tenantId === tenantId);
      const start = after === undefined ? 0 : indexOf(after) + 1;
      const page = all.slice(start, start + first);
      return {
        edges: page.map((node, offset) => ({ cursor: cursorOf(start + offset), node })),
        pageInfo: {
          hasNextPage: start + first < all.length,
          hasPreviousPage: start > 0,
          startCursor: page.length > 0 ? cursorOf(start) : null,
          endCursor: page.length > 0 ? cursorOf(start + page.length - 1) : null,
        },
        totalCount: all.length,
      };
    },
  },
  Incident: {
    indicator: (incident: IncidentRecord) => ({ value: incident.indicator }),
    tenant: (incident: IncidentRecord) => ({ tenantId: incident.tenantId }),
  },
  Indicator: {
    __resolveReference: (reference: { value: string }) => reference,
    incidentCount: (indicator: { value: string }) => INCIDENTS.filter((incident) => incident.indicator === indicator.value).length,
  },
  Tenant: {
    __resolveReference: (reference: { tenantId: string }) => reference,
    openIncidents: (tenant: { tenantId: string }) => INCIDENTS.filter((incident) => incident.tenantId === tenant.tenantId).length,
  },
  Sim: {
    __resolveReference: (reference: { tenantId: string; lineType: string; simId: string }) => reference,
    incidentTitles: (sim: { tenantId: string; simId: string }) =>
      INCIDENTS.filter((incident) => incident.sim?.tenantId === sim.tenantId && incident.sim.simId === sim.simId).map((incident) => incident.title),
  },
};

export interface IncidentsSubgraph {
  url: string;
  /** Requests it has answered. */
  requests: number;
  close(): Promise<void>;
}

export async function startIncidentsSubgraph(): Promise<IncidentsSubgraph> {
  const yoga = createYoga({ schema: buildSubgraphSchema({ typeDefs: parse(INCIDENTS_SDL), resolvers: resolvers as never }), logging: false });
  const state = { requests: 0 };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    void yoga.handle(req, res);
  });
  // Longer than a router keeps an idle connection: a socket closed under a request in flight is an ECONNRESET at the router.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { detectIndicator } from '../indicators/kind.js';
import { builder } from './builder.js';
import { IndicatorRef } from './indicators.js';
import { decodeNodeId } from './node-id.js';
import { SimRef, TenantRef } from './sign/refs.js';
import { simFromKey } from './sign/sim.js';
import { objectFromId, SuspiciousObjectRef } from './suspicious-objects.js';
import { tenantFromId } from './sign/tenant.js';

/**
 * The gateway as an Apollo Federation v2 subgraph: these types are entities other subgraphs can
 * extend and return. References resolve through the same functions as `node`, with the same checks.
 */

builder.asEntity(TenantRef, {
  key: builder.selection<{ tenantId: string }>('tenantId'),
  resolveReference: (reference) => tenantFromId(reference.tenantId),
});

builder.asEntity(SimRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (reference) => simFromKey(decodeNodeId(reference.id).id),
});

builder.asEntity(IndicatorRef, {
  key: builder.selection<{ value: string }>('value'),
  resolveReference: (reference) => detectIndicator(reference.value),
});

builder.asEntity(SuspiciousObjectRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (reference, ctx) => ctx.loaders.suspiciousObject.load(objectFromId(decodeNodeId(reference.id).id)),
});

/** The subgraph's federation version, and the directives its SDL may use. */
export const SUBGRAPH_OPTIONS = {
  linkUrl: 'https://specs.apollo.dev/federation/v2.6',
  federationDirectives: ['@key', '@shareable', '@external', '@requires', '@provides'],
} as const;

import { badUserInput } from '../../errors.js';
import { assertTenantAccess } from '../../security/tenant-access.js';
import { z } from 'zod';
import { SIGN_LINE_TYPES } from '../../upstreams/sign/models.js';
import { builder } from '../builder.js';
import { simIdRule } from '../validators.js';
import { LineTypeEnum } from './enums.js';
import { SimRef, TenantRef, type SimShape } from './refs.js';
import { tenantFromId } from './tenant.js';

/** A SIM of a tenant on one line type; its global ID carries all three, so `node` needs no upstream call. */

const SIM_KEY_SEPARATOR = '/';
/** A line type named by the caller (in a global ID or a federation key). */
const lineTypeModel = z.enum(SIGN_LINE_TYPES);

function simKey(sim: SimShape): string {
  return [sim.tenantId, sim.lineType, sim.simId].join(SIM_KEY_SEPARATOR);
}

export function simFromKey(key: string): SimShape {
  const [tenantId = '', lineType = '', simId = '', ...rest] = key.split(SIM_KEY_SEPARATOR);
  const line = lineTypeModel.safeParse(lineType);
  if (rest.length > 0 || !line.success || !simIdRule.safeParse(simId).success) {
    throw badUserInput(`"${key.slice(0, 100)}" does not name a SIM`);
  }
  return { ...tenantFromId(tenantId), lineType: line.data, simId };
}

/** A SIM named by its fields (the federation key `tenantId lineType simId`), each checked as an argument would be. */
export function simFromFields({ tenantId, lineType, simId }: { tenantId: string; lineType: string; simId: string }): SimShape {
  const line = lineTypeModel.safeParse(lineType);
  if (!line.success) throw badUserInput(`lineType must be one of ${SIGN_LINE_TYPES.join(', ')}`);
  const parsedSimId = simIdRule.safeParse(simId);
  if (!parsedSimId.success) throw badUserInput(parsedSimId.error.issues[0]?.message ?? 'invalid simId');
  return { ...tenantFromId(tenantId), lineType: line.data, simId };
}

builder.node(SimRef, {
  tenantOf: (sim) => sim.tenantId,
  description: 'A SIM of a SIGN tenant on one line type. Reading it makes no upstream call; its threats and flows do.',
  id: { resolve: simKey },
  loadOne: (key, ctx) => {
    const sim = simFromKey(key);
    assertTenantAccess(ctx.caller, sim.tenantId);
    return sim;
  },
  fields: (t) => ({
    tenantId: t.exposeString('tenantId', {
      description: 'The SIGN tenant the SIM belongs to (32 hex characters); with lineType and simId, its federation key.',
    }),
    simId: t.exposeString('simId', { description: 'The SIM ID as SIGN knows it: digits only, such as 440130000096015.' }),
    lineType: t.expose('lineType', { type: LineTypeEnum, description: 'The line the SIM is on.' }),
    tenant: t.field({ type: TenantRef, description: 'The tenant the SIM belongs to.', resolve: (sim) => ({ tenantId: sim.tenantId }) }),
  }),
});

builder.objectField(TenantRef, 'sim', (t) =>
  t.field({
    type: SimRef,
    description: 'One SIM of the tenant. No upstream call is made here: a SIM SIGN does not know shows as NOT_FOUND on its threats and flows.',
    args: {
      simId: t.arg.string({ required: true, validate: simIdRule, description: 'The SIM ID as SIGN knows it: digits only, such as 440130000096015.' }),
      lineType: t.arg({ type: LineTypeEnum, required: true, description: 'The line the SIM is on.' }),
    },
    resolve: (tenant, { simId, lineType }) => ({ tenantId: tenant.tenantId, simId, lineType }),
  }),
);

/** Flow logs: whole UTC days, optional exact filters, newest first. */
import { LINE_TYPES } from './catalog.js';
import type { RouteContext } from './context.js';
import type { FlowRecord } from './data.js';
import { SIGN_ERROR } from './errors.js';
import { DEFAULT_PAGE, DEFAULT_PAGE_SIZE, PAGE_RANGE, PAGE_SIZE_RANGE, pagedBody } from './paging.js';
import { DAY_MS } from './time.js';
import { QueryReader } from './validation.js';

const PORT_RANGE = { min: 0, max: 65_535 };
const IP_PROTOCOL_RANGE = { min: 0, max: 255 };
/** NBAR application IDs are unsigned 32-bit numbers. */
const APP_ID_RANGE = { min: 0, max: 4_294_967_295 };

export function flowLogs({ request, tenant }: RouteContext) {
  const reader = new QueryReader(request.query);
  const fromDay = reader.requiredDate('from');
  const toDay = reader.requiredDate('to');
  if (reader.valid('from', 'to') && fromDay > toDay) {
    reader.fail('from', SIGN_ERROR.fromAfterTo, `Query parameter 'from' must not be after 'to'.`);
  }
  const lineType = reader.requiredOneOf('lineType', LINE_TYPES);
  const simIdPart = reader.optionalString('simId');
  const srcAddress = reader.optionalIpv4('ipv4SrcAddr');
  const dstAddress = reader.optionalIpv4('ipv4DstAddr');
  const srcPort = reader.integer('l4SrcPort', PORT_RANGE);
  const dstPort = reader.integer('l4DstPort', PORT_RANGE);
  const appId = reader.integer('appId', APP_ID_RANGE);
  const protocol = reader.integer('protocol', IP_PROTOCOL_RANGE);
  const page = reader.integer('page', PAGE_RANGE, DEFAULT_PAGE);
  const pageSize = reader.integer('pageSize', PAGE_SIZE_RANGE, DEFAULT_PAGE_SIZE);
  reader.done();

  const endExclusive = toDay + DAY_MS;
  const matches = ({ sim, startedAt, log }: FlowRecord) =>
    sim.lineType === lineType &&
    startedAt >= fromDay &&
    startedAt < endExclusive &&
    (simIdPart === undefined || log.simId.includes(simIdPart)) &&
    (srcAddress === undefined || log.ipv4SrcAddr === srcAddress) &&
    (dstAddress === undefined || log.ipv4DstAddr === dstAddress) &&
    (srcPort === undefined || log.l4SrcPort === srcPort) &&
    (dstPort === undefined || log.l4DstPort === dstPort) &&
    (appId === undefined || log.appId === String(appId)) &&
    (protocol === undefined || log.protocol === protocol);
  const rows = tenant
    .data()
    .flows.filter(matches)
    .map((record) => record.log);
  return { status: 200, body: pagedBody('flowCollectors', rows, { page, pageSize }) };
}

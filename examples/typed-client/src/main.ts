import { execute } from './gateway.js';
import { RecentThreatsDocument, type RecentThreatsQuery } from './generated/graphql.js';

/**
 * Walks a tenant's threat summaries page by page (Relay: `first` rows, then `after` the last
 * cursor) and prints one line per row. Against the demo by default (`npm start` in the repo root).
 */

const options = {
  url: process.env['GATEWAY_URL'] ?? 'http://localhost:4000/graphql',
  token: process.env['GATEWAY_TOKEN'],
  trustedDocuments: process.env['GATEWAY_TRUSTED_DOCUMENTS'] === 'on',
};
const PAGE_SIZE = 5;
const MAX_PAGES = 3;

type Page = NonNullable<RecentThreatsQuery['tenant']['threatSummaries']>;

function line(summary: Page['nodes'][number]): string {
  const verdicts = summary.targetIndicators.map((indicator) => `${indicator.value}=${indicator.reputation?.verdict ?? 'unknown'}`).join(' ');
  return `${summary.receivedAt}  ${summary.severity.padEnd(13)} SIM ${summary.sim.simId}  ${summary.target}  [${verdicts}]`;
}

/** One page of `PAGE_SIZE` rows after `after` (null: from the newest). */
async function recentThreats(after: string | null): Promise<Page> {
  const { data, errors } = await execute(options, RecentThreatsDocument, {
    tenantId: process.env['TENANT_ID'] ?? '550e8400e29b41d4a716446655440000',
    lineType: 'INT',
    from: '2026-10-21T00:00:00Z',
    to: '2026-11-20T00:00:00Z',
    first: PAGE_SIZE,
    after,
  });
  for (const error of errors) console.warn(`partial answer: ${String(error.extensions?.['code'])} at ${error.path?.join('.')}: ${error.message}`);
  if (data.tenant.threatSummaries === null) throw new Error('SIGN did not answer the threat summaries (see the warnings above)');
  return data.tenant.threatSummaries;
}

let after: string | null = null;
let rows = 0;
for (let page = 1; page <= MAX_PAGES; page += 1) {
  const connection = await recentThreats(after);
  if (page === 1) console.log(`${connection.totalCount} threat summaries; the newest ${PAGE_SIZE * MAX_PAGES}:`);
  for (const summary of connection.nodes) console.log(line(summary));
  rows += connection.nodes.length;
  if (!connection.pageInfo.hasNextPage) break;
  after = connection.pageInfo.endCursor;
}
if (rows === 0) throw new Error('no threat summaries came back');

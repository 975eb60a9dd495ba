import type { SignClient } from '../upstreams/sign/client.js';
import type { Detection, FeedQuery } from './detections.js';

/** SIGN's largest page: a poll reads its window in as few calls as SIGN allows. */
const PAGE_SIZE = 10_000;
/** A window this large is not a feed's; stop rather than page without end. */
const MAX_PAGES = 20;

/** Every summary row SIGN has for the feed's question in the window, all pages. */
export async function readSignWindow(sign: SignClient, query: FeedQuery, window: { from: number; to: number }): Promise<Detection[]> {
  const { tenantId, kind, lineType } = query;
  const rows: Detection[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await sign.threatSummaries(
      kind,
      {
        tenantId,
        lineType,
        from: new Date(window.from),
        to: new Date(window.to),
        severities: query.severities?.length ? query.severities : undefined,
        simIdContains: query.simIdContains,
      },
      { page, pageSize: PAGE_SIZE },
    );
    rows.push(...answer.rows.map((row) => ({ ...row, kind, tenantId, lineType })));
    if (answer.rows.length < PAGE_SIZE || rows.length >= answer.total) break;
  }
  return rows;
}

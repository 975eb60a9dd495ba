import type { GatewayContext } from '../../context.js';
import type { PageRequest } from '../../upstreams/sign/client.js';
import type { SignPage } from '../../upstreams/sign/models.js';
import { isoUtcMillis } from '../../utc-text.js';
import type { ConnectionArgs } from '../paging/connection-args.js';
import { loadConnectionPage, type Connection } from '../paging/connection-page.js';
import { cursorBindingKey } from '../paging/cursor-codec.js';

/**
 * A SIGN list as one Relay page. `field` is the field's coordinate (`Tenant.threatSummaries`).
 * Cursors are bound to `field` and `binding` (the list's own arguments, its window among them:
 * built by the caller in one literal, as a copy with the window added cost ~1 µs a page). With a
 * date-time `window`, a `to` in the future is pinned to the moment the first page is read and the
 * cursors carry that pin, so later pages ask SIGN the same question and new detections cannot shift them.
 */
export function loadSignPage<Row>(
  ctx: GatewayContext,
  field: string,
  args: ConnectionArgs,
  binding: Record<string, unknown>,
  fetch: (page: PageRequest, to: Date | undefined) => Promise<SignPage<Row>>,
  window?: { from: Date; to: Date },
): Promise<Connection<Row>> {
  const bindingKey = cursorBindingKey(field, binding);
  // Never pin before `from`: SIGN refuses from > to.
  const pin = window && isoUtcMillis(Math.max(window.from.getTime(), Math.min(window.to.getTime(), ctx.now().getTime())));
  // Its rows can carry indicators: a batch waits for the whole page (every request it takes) when the operation asks for them.
  return ctx.batches.track(
    field,
    loadConnectionPage({
      args,
      bindingKey,
      codec: ctx.cursors,
      pin,
      fetchPage: (page, pinned) => fetch(page, pinned === undefined ? undefined : new Date(pinned)),
    }),
  );
}

/** Connection objects carry `totalCount` beside Pothos' edges and pageInfo. */
export function resolveTotalCount(connection: object): number {
  return (connection as { totalCount: number }).totalCount;
}

/** The `totalCount` field of every SIGN list's connection: SIGN's `total`, described once. */
export const SIGN_TOTAL_COUNT = { description: 'Rows in the whole list for these arguments, not only this page.', resolve: resolveTotalCount };

/** The vendor's paging: `page` from 1, `pageSize` 1 to 10000, rows already newest first. */

export const PAGE_RANGE = { min: 1, max: Number.MAX_SAFE_INTEGER };
export const PAGE_SIZE_RANGE = { min: 1, max: 10_000 };
export const DEFAULT_PAGE = 1;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** `{<listKey>: rows, total, totalPages, page, pageSize}`; a page past the end is an empty list. */
export function pagedBody<T>(listKey: string, rows: readonly T[], { page, pageSize }: PageRequest): Record<string, unknown> {
  const start = (page - 1) * pageSize;
  return {
    [listKey]: rows.slice(start, start + pageSize),
    total: rows.length,
    totalPages: Math.ceil(rows.length / pageSize),
    page,
    pageSize,
  };
}

import { z } from 'zod';

/** zod models of what Kaspersky CyberTrace's `POST /api/{version}/lookup` answers. */

const contextValue = z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((value) => (value === null ? '' : String(value)));

export const lookupCategory = z.object({
  category: z.string(),
  detected_indicator: z.string(),
  context: z.record(z.string(), contextValue).nullish(),
});

export const lookupItem = z.object({
  object: z.string(),
  result: z.enum(['detected', 'not detected', 'error']),
  // The reference names the list `categories`; the vendor's own example answers `detects`.
  categories: z.array(lookupCategory).nullish(),
  detects: z.array(lookupCategory).nullish(),
  reason: z.string().nullish(),
});

export const lookupAnswer = z.array(lookupItem);
export type LookupItem = z.output<typeof lookupItem>;
export const lookupErrorBody = z.array(z.object({ status: z.string().optional(), reason: z.string().optional() }));

/** The gateway's view of a lookup, as the answer cache reads it back. */
const detection = z.object({
  category: z.string(),
  matchedIndicator: z.string(),
  context: z.array(z.object({ name: z.string(), value: z.string() })),
});
export type Detection = z.output<typeof detection>;

export const reputation = z.object({
  verdict: z.enum(['DETECTED', 'NOT_DETECTED', 'ERROR']),
  detections: z.array(detection),
  errorReason: z.string().nullable(),
});
export type Reputation = z.output<typeof reputation>;

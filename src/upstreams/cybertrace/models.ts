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

export interface Detection {
  category: string;
  matchedIndicator: string;
  context: { name: string; value: string }[];
}

export interface Reputation {
  verdict: 'DETECTED' | 'NOT_DETECTED' | 'ERROR';
  detections: Detection[];
  errorReason: string | null;
}

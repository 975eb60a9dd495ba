import { z } from 'zod';

/** zod models of what Trend Micro Apex Central's User-Defined Suspicious Object API answers, and the gateway's view of an object. */

/** The type names add and delete take (and the gateway uses throughout). */
export const APEX_OBJECT_TYPES = ['ip', 'url', 'file_sha1', 'domain'] as const;
export type ApexObjectType = (typeof APEX_OBJECT_TYPES)[number];
/** The list names SHA-1 objects `file`, unlike add and delete. */
export type ApexListedType = 'ip' | 'url' | 'file' | 'domain';

export const LISTED_TYPE: Record<ApexObjectType, ApexListedType> = { ip: 'ip', url: 'url', file_sha1: 'file', domain: 'domain' };
const TYPE_OF_LISTED: Record<ApexListedType, ApexObjectType> = { ip: 'ip', url: 'url', file: 'file_sha1', domain: 'domain' };

/** A User-Defined Suspicious Object, in the add/delete type names: the gateway's view, as the answer cache reads it back. */
export const apexSuspiciousObject = z.object({
  type: z.enum(APEX_OBJECT_TYPES),
  content: z.string(),
  /** Null when the object has none (Apex answers ""). */
  notes: z.string().nullable(),
  scanAction: z.enum(['log', 'block']),
  /** Null when the object never expires; kept as JSON, it comes back an ISO string. */
  expiresAt: z.coerce.date().nullable(),
});
export type ApexSuspiciousObject = z.output<typeof apexSuspiciousObject>;
export type ApexScanAction = ApexSuspiciousObject['scanAction'];

// The vendor documents strings ("Result": "1"); a number is read the same rather than refused.
const metaValue = z.union([z.string(), z.number()]).transform(String);

/** Every answer, success or not, carries Meta; Result "1" is success. */
export const apexEnvelope = z.object({
  Meta: z.object({
    Result: metaValue,
    ErrorCode: metaValue.nullish(),
    ErrorMsg: z.string().nullish(),
  }),
});
export type ApexMeta = z.output<typeof apexEnvelope>['Meta'];

/** `expiration_utc_date` is `YYYY-MM-DDTHH:mm:ssZ`; null or "" means no expiry. */
const expiration = z
  .string()
  .nullish()
  .refine((value) => value === null || value === undefined || value === '' || !Number.isNaN(Date.parse(value)), 'expiration_utc_date is not a date-time')
  .transform((value) => (value ? new Date(value) : null));

const listedObject = z
  .object({
    type: z.enum(['ip', 'url', 'file', 'domain']),
    content: z.string(),
    notes: z.string().nullish(),
    scan_action: apexSuspiciousObject.shape.scanAction,
    expiration_utc_date: expiration,
  })
  .transform(
    (row): ApexSuspiciousObject => ({
      type: TYPE_OF_LISTED[row.type],
      content: row.content,
      notes: row.notes ? row.notes : null,
      scanAction: row.scan_action,
      expiresAt: row.expiration_utc_date,
    }),
  );

export const listAnswer = z.object({
  // An empty list may come as null rather than [].
  Data: z
    .array(listedObject)
    .nullish()
    .transform((rows) => rows ?? []),
});

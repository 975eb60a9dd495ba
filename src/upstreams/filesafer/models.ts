import { z } from 'zod';

/** zod models of what NCP File Safer's Hash Filter (and the NCP API Gateway in front of it) answers. */

export type FileSaferHashType = 'md5' | 'sha1';
export type FileSaferNotificationType = 'MAL' | 'ERR';

/** Every product answer, success or not, is HTTP 200 with a string returnCode ("0" is success). */
export const fileSaferEnvelope = z.object({
  // The vendor documents a string; a number is read the same rather than refused.
  returnCode: z.union([z.string(), z.number()]).transform(String),
  returnMessage: z.string().nullish(),
});

const hashCheckResult = z.object({
  hashType: z.string(),
  hashCode: z.string(),
  group: z.string().nullish(),
  result: z.string().nullish(),
});

export const checkHashAnswer = z.object({
  // An empty (or, leniently, absent) list means the hash is not known as malware.
  hashCheckResultList: z
    .array(hashCheckResult)
    .nullish()
    .transform((list) => list ?? []),
});

const thresholdNotificationInfo = z.object({
  notificationType: z.enum(['MAL', 'ERR']),
  referenceTime: z.number().int(),
  thresholdValue: z.number().int(),
});

export const thresholdNotiConfigAnswer = z.object({
  thresholdNotificationInfoList: z.array(thresholdNotificationInfo),
});

/** The NCP API Gateway's own refusals (400/401/403/404/429), before the product sees the call. */
export const ncpGatewayErrorBody = z.object({
  error: z.object({
    errorCode: z.union([z.string(), z.number()]).transform(String).optional(),
    message: z.string().optional(),
    details: z.string().optional(),
  }),
});

/** The gateway's view of a hash check, as the answer cache reads it back. */
const hashCheckMatch = z.object({
  hashType: z.string(),
  hashCode: z.string(),
  group: z.string().nullable(),
  result: z.string().nullable(),
});
export type HashCheckMatch = z.output<typeof hashCheckMatch>;

export const hashCheck = z.object({ malicious: z.boolean(), matches: z.array(hashCheckMatch) });
export type HashCheck = z.output<typeof hashCheck>;

/** One advanced notification setting, in the vendor's terms. */
export interface ThresholdSetting {
  notificationType: FileSaferNotificationType;
  /** Minutes: 5 to 30, step 5. */
  referenceTime: number;
  /** Detections: 1 to 1000. */
  thresholdValue: number;
}

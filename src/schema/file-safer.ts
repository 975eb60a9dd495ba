import { z } from 'zod';
import type { IndicatorKind } from '../indicators/kind.js';
import type { FileSaferHashType, HashCheck, HashCheckMatch, ThresholdSetting } from '../upstreams/filesafer/models.js';
import { builder } from './builder.js';
import { IndicatorRef } from './indicators.js';

/**
 * NCP File Safer Hash Filter: the hash verdict of MD5 and SHA-1 indicators (batched per
 * operation), and the advanced (threshold) notification settings under Query.fileSafer.
 */

/** The only indicator kinds File Safer checks, and the hashType each is sent as. */
const HASH_TYPE_BY_KIND: Partial<Record<IndicatorKind, FileSaferHashType>> = { MD5: 'md5', SHA1: 'sha1' };

/** Query.fileSafer is a namespace: reaching it costs nothing, its fields make the calls. */
interface FileSaferRoot {
  readonly area: 'fileSafer';
}
const FILE_SAFER: FileSaferRoot = { area: 'fileSafer' };

/** Internal values are the vendor's notificationType. */
const NotificationTriggerEnum = builder.enumType('NotificationTrigger', {
  description: 'What a File Safer advanced notification counts.',
  values: {
    MALWARE: { value: 'MAL', description: 'Malware detections reach the threshold.' },
    LOOKUP_ERROR: { value: 'ERR', description: 'Failed lookups reach the threshold.' },
  } as const,
});

const HashCheckMatchRef = builder.objectRef<HashCheckMatch>('HashCheckMatch').implement({
  description: 'One entry of the File Safer Hash Filter list that matched the hash.',
  fields: (t) => ({
    hashType: t.exposeString('hashType', { description: 'md5 or sha1, as File Safer spells it.' }),
    hashCode: t.exposeString('hashCode', { description: 'The hash that matched, hexadecimal.' }),
    group: t.exposeString('group', { nullable: true, description: 'The malware group, such as Trojan; null when File Safer gives none.' }),
    result: t.exposeString('result', { nullable: true, description: "File Safer's verdict text for the entry, as sent; null when it gives none." }),
  }),
});

const HashCheckRef = builder.objectRef<HashCheck>('HashCheck').implement({
  description: 'The NCP File Safer Hash Filter answer for one MD5 or SHA-1 hash.',
  fields: (t) => ({
    malicious: t.exposeBoolean('malicious', { description: 'Hash Filter knows the hash as malware (it has matches).' }),
    matches: t.field({
      type: [HashCheckMatchRef],
      description: 'The list entries that matched; empty when the hash is not known as malware.',
      resolve: (check) => check.matches,
    }),
  }),
});

const ThresholdNotificationRef = builder.objectRef<ThresholdSetting>('ThresholdNotification').implement({
  description: 'Notify when this many events of the trigger happen within the reference time.',
  fields: (t) => ({
    trigger: t.expose('notificationType', { type: NotificationTriggerEnum, description: 'What is counted.' }),
    referenceTimeMinutes: t.exposeInt('referenceTime', { description: 'The counting window, in minutes (5 to 30).' }),
    threshold: t.exposeInt('thresholdValue', { description: 'How many events within the window trigger the notification (1 to 1000).' }),
  }),
});

const FileSaferRef = builder.objectRef<FileSaferRoot>('FileSafer').implement({
  description: 'NCP File Safer Hash Filter settings of the account the gateway signs in with. Reaching it makes no call; its fields do.',
  fields: (t) => ({
    thresholdNotifications: t.field({
      type: [ThresholdNotificationRef],
      nullable: true,
      description:
        'The advanced notification settings, at most one per trigger; empty when none is set; null, with an error naming filesafer, when File Safer fails.',
      resolve: (_root, _args, ctx) => ctx.filesafer.thresholdSettings(),
    }),
  }),
});

const FileSaferPayloadRef = builder.objectRef<{ fileSafer: FileSaferRoot }>('FileSaferPayload').implement({
  description: 'The File Safer settings after a change: select thresholdNotifications to read them back (one more call).',
  fields: (t) => ({ fileSafer: t.field({ type: FileSaferRef, description: 'The settings, read after the change.', resolve: (payload) => payload.fileSafer }) }),
});

// The validation error names the field (input.referenceTimeMinutes: ...), so the messages need not.
const REFERENCE_TIME_MESSAGE = 'must be 5 to 30 in steps of 5 (5, 10, 15, 20, 25 or 30)';
const THRESHOLD_MESSAGE = 'must be 1 to 1000';

const ThresholdNotificationInput = builder.inputType('ThresholdNotificationInput', {
  description: 'A File Safer advanced notification setting: notify when `threshold` events of `trigger` happen within `referenceTimeMinutes`.',
  fields: (t) => ({
    trigger: t.field({ type: NotificationTriggerEnum, required: true, description: 'What to count; replaces the setting this trigger had.' }),
    referenceTimeMinutes: t.int({
      required: true,
      description: 'Minutes: 5 to 30, in steps of 5.',
      validate: z.number().refine((minutes) => Number.isInteger(minutes) && minutes >= 5 && minutes <= 30 && minutes % 5 === 0, REFERENCE_TIME_MESSAGE),
    }),
    threshold: t.int({
      required: true,
      description: 'Events: 1 to 1000.',
      validate: z.number().int(THRESHOLD_MESSAGE).min(1, THRESHOLD_MESSAGE).max(1000, THRESHOLD_MESSAGE),
    }),
  }),
});

builder.objectField(IndicatorRef, 'hashCheck', (t) =>
  t.field({
    type: HashCheckRef,
    nullable: true,
    description:
      'NCP File Safer Hash Filter verdict (one call per operation serves every hash); null for kinds other than MD5 and SHA1 (never sent), or, with an error naming filesafer, when File Safer fails.',
    resolve: (indicator, _args, ctx) => {
      const hashType = HASH_TYPE_BY_KIND[indicator.kind];
      // Other kinds are never sent: File Safer checks MD5 and SHA-1 only.
      return hashType ? ctx.loaders.hashCheck.load({ hashCode: indicator.value, hashType }) : null;
    },
  }),
);

builder.queryField('fileSafer', (t) =>
  t.field({
    type: FileSaferRef,
    description: 'NCP File Safer Hash Filter settings.',
    resolve: () => FILE_SAFER,
  }),
);

builder.mutationFields((t) => ({
  setThresholdNotification: t.field({
    type: FileSaferPayloadRef,
    nullable: true,
    description:
      "Sets the trigger's advanced notification setting, replacing the one it had. Sent once (a POST, never retried); null, with an error naming filesafer, when File Safer fails.",
    args: { input: t.arg({ type: ThresholdNotificationInput, required: true, description: 'The setting.' }) },
    resolve: async (_root, { input }, ctx) => {
      await ctx.filesafer.setThresholdSetting({ notificationType: input.trigger, referenceTime: input.referenceTimeMinutes, thresholdValue: input.threshold });
      return { fileSafer: FILE_SAFER };
    },
  }),
  removeThresholdNotification: t.field({
    type: FileSaferPayloadRef,
    nullable: true,
    description:
      'Removes every advanced notification setting (File Safer removes them all at once). Sent once, never retried; null, with an error naming filesafer, when File Safer fails.',
    resolve: async (_root, _args, ctx) => {
      await ctx.filesafer.removeThresholdSettings();
      return { fileSafer: FILE_SAFER };
    },
  }),
}));

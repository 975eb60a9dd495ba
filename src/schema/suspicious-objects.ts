import { z } from 'zod';
import { badUserInput } from '../errors.js';
import { detectIndicator, type IndicatorKind } from '../indicators/kind.js';
import { APEX_OBJECT_TYPES, apexSuspiciousObject, type ApexObjectType, type ApexSuspiciousObject } from '../upstreams/apex/models.js';
import { builder } from './builder.js';
import { IndicatorRef } from './indicators.js';
import { loadConnectionPage } from './paging/connection-page.js';
import { cursorBindingKey } from './paging/cursor-codec.js';
import { resolveTotalCount } from './sign/connections.js';

/**
 * Trend Micro Apex Central, User-Defined Suspicious Objects: the list as a Relay connection, each
 * object a node, the object an indicator names (one list call per operation), and add, remove and
 * block. Every argument is checked against Apex's limits before any call.
 */

/** The enum's names and the add/delete type names they stand for; the client renames SHA-1 objects for the list. */
const OBJECT_TYPE_OF_NAME = { IP: 'ip', URL: 'url', FILE_SHA1: 'file_sha1', DOMAIN: 'domain' } as const satisfies Record<string, ApexObjectType>;

const SuspiciousObjectTypeEnum = builder.enumType('SuspiciousObjectType', {
  description: 'What an Apex Central suspicious object holds.',
  values: {
    IP: { value: OBJECT_TYPE_OF_NAME.IP, description: 'An IPv4 address.' },
    URL: { value: OBJECT_TYPE_OF_NAME.URL, description: 'A URL starting with http:// or https://, at most 2047 characters.' },
    FILE_SHA1: { value: OBJECT_TYPE_OF_NAME.FILE_SHA1, description: 'A file SHA-1 hash, 40 hexadecimal characters.' },
    DOMAIN: { value: OBJECT_TYPE_OF_NAME.DOMAIN, description: 'A domain name.' },
  } as const,
});

const ScanActionEnum = builder.enumType('ScanAction', {
  description: 'What Apex Central-managed products do when traffic or a file matches the object.',
  values: {
    LOG: { value: 'log', description: 'Log matches only.' },
    BLOCK: { value: 'block', description: 'Block matches.' },
  } as const,
});

/** Which indicator kind each object type holds; MD5, SHA-256 and UNKNOWN have no Apex type. */
const KIND_OF_TYPE: Record<ApexObjectType, IndicatorKind> = { ip: 'IPV4', url: 'URL', file_sha1: 'SHA1', domain: 'DOMAIN' };
export const TYPE_OF_KIND: Partial<Record<IndicatorKind, ApexObjectType>> = { IPV4: 'ip', URL: 'url', SHA1: 'file_sha1', DOMAIN: 'domain' };

// Apex counts characters, not UTF-16 units.
const MAX_URL_CHARACTERS = 2047;
const MAX_NOTES_CHARACTERS = 256;
const characterCount = (text: string) => [...text].length;

const CONTENT_RULE: Record<ApexObjectType, string> = {
  ip: 'must be an IPv4 address such as 192.0.2.10 for type IP',
  url: 'must be a URL starting with http:// or https:// for type URL',
  file_sha1: 'must be a SHA-1 hash (40 hexadecimal characters) for type FILE_SHA1',
  domain: 'must be a domain name such as example.com for type DOMAIN',
};
const URL_TOO_LONG = `must be at most ${MAX_URL_CHARACTERS} characters for type URL`;

/** Why `content` cannot be an object of `type`, or undefined. The same detection as indicators, so what is added is what they match. */
function contentProblem(type: ApexObjectType, content: string): string | undefined {
  const detected = detectIndicator(content);
  if (detected.kind !== KIND_OF_TYPE[type]) return CONTENT_RULE[type];
  if (type === 'url' && characterCount(detected.value) > MAX_URL_CHARACTERS) return URL_TOO_LONG;
  return undefined;
}

const notesRule = z
  .string()
  .nullish()
  .refine((notes) => notes == null || characterCount(notes) <= MAX_NOTES_CHARACTERS, `must be at most ${MAX_NOTES_CHARACTERS} characters`);

/** Type and content checked together; loose, because the field resolves with what the rule returns (arguments-rule.ts). */
const objectRule = z.looseObject({ type: z.enum(APEX_OBJECT_TYPES), content: z.string() }).superRefine((object, ctx) => {
  const problem = contentProblem(object.type, object.content);
  if (problem) ctx.addIssue({ code: 'custom', path: ['content'], message: problem });
});

/** What blockIndicator refuses: Apex takes only IPv4 addresses, URLs, SHA-1 hashes and domains. */
const REFUSED_KIND: Partial<Record<IndicatorKind, string>> = {
  MD5: 'an MD5 hash cannot be blocked: Apex Central takes only IPv4 addresses, domains, URLs and SHA-1 hashes',
  SHA256: 'a SHA-256 hash cannot be blocked: Apex Central takes only IPv4 addresses, domains, URLs and SHA-1 hashes',
  UNKNOWN: 'not an IPv4 address, domain, URL or SHA-1 hash, the only kinds Apex Central takes',
};

const blockableValueRule = z.string().superRefine((value, ctx) => {
  const detected = detectIndicator(value);
  const type = TYPE_OF_KIND[detected.kind];
  const problem = type === undefined ? (REFUSED_KIND[detected.kind] ?? 'cannot be blocked') : contentProblem(type, value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export const SuspiciousObjectRef = builder.objectRef<ApexSuspiciousObject>('SuspiciousObject');

/** Global IDs carry `type:content` (the type has no colon; the content may). */
function objectId(object: { type: ApexObjectType; content: string }): string {
  return `${object.type}:${object.content}`;
}

export function objectFromId(key: string): { type: ApexObjectType; content: string } {
  const separator = key.indexOf(':');
  const type = apexSuspiciousObject.shape.type.safeParse(key.slice(0, separator));
  const content = key.slice(separator + 1);
  if (separator <= 0 || !type.success || content === '') throw badUserInput(`"${key.slice(0, 100)}" does not name a suspicious object`);
  return { type: type.data, content };
}

/** An object named by its fields as a federation router sends them (`type` is the enum's name), checked as `addSuspiciousObject` checks them. */
export function objectFromFields({ type, content }: { type: string; content: string }): { type: ApexObjectType; content: string } {
  const objectType = Object.hasOwn(OBJECT_TYPE_OF_NAME, type) ? OBJECT_TYPE_OF_NAME[type as keyof typeof OBJECT_TYPE_OF_NAME] : undefined;
  if (objectType === undefined) throw badUserInput(`type must be one of ${Object.keys(OBJECT_TYPE_OF_NAME).join(', ')}`);
  const problem = contentProblem(objectType, content);
  if (problem !== undefined) throw badUserInput(`content ${problem}`);
  return { type: objectType, content };
}

builder.node(SuspiciousObjectRef, {
  description: 'An Apex Central User-Defined Suspicious Object; its global ID carries its type and content.',
  id: { resolve: objectId },
  // Through the per-operation list loader: any number of nodes cost one list call; null when not on the list.
  loadOne: (key, ctx) => ctx.loaders.suspiciousObject.load(objectFromId(key)),
  fields: (t) => ({
    type: t.expose('type', { type: SuspiciousObjectTypeEnum, description: 'What the object holds.' }),
    content: t.exposeString('content', { description: 'The address, URL, hash or domain, as the list holds it.' }),
    scanAction: t.expose('scanAction', { type: ScanActionEnum, description: 'Log or block matches.' }),
    notes: t.exposeString('notes', { nullable: true, description: 'Free text kept with the object; null when it has none.' }),
    expiresAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When Apex Central drops the object, UTC; null when it never expires.',
      resolve: (object) => object.expiresAt,
    }),
    indicator: t.field({
      type: IndicatorRef,
      description: 'The content as an indicator: its CyberTrace reputation and File Safer verdict.',
      resolve: (object) => detectIndicator(object.content),
    }),
  }),
});

const SuspiciousObjectConnection = builder.connectionObject(
  {
    type: SuspiciousObjectRef,
    name: 'SuspiciousObjectConnection',
    description: 'A page of the Apex Central suspicious-object list, in the order Apex Central gives it.',
    fields: (t) => ({ totalCount: t.int({ description: 'Objects on the whole (filtered) list, not only this page.', resolve: resolveTotalCount }) }),
  },
  { name: 'SuspiciousObjectEdge', description: 'A suspicious object with its cursor.' },
);

const SuspiciousObjectPayloadRef = builder.objectRef<{ suspiciousObject: ApexSuspiciousObject }>('SuspiciousObjectPayload').implement({
  description: 'The object as it is on the list after the change.',
  fields: (t) => ({
    suspiciousObject: t.field({ type: SuspiciousObjectRef, description: 'The object added or updated.', resolve: (payload) => payload.suspiciousObject }),
  }),
});

const RemoveSuspiciousObjectPayloadRef = builder.objectRef<{ removed: boolean }>('RemoveSuspiciousObjectPayload').implement({
  description: 'What removeSuspiciousObject did.',
  fields: (t) => ({ removed: t.exposeBoolean('removed', { description: 'False when no such object was on the list.' }) }),
});

const AddSuspiciousObjectInput = builder.inputType('AddSuspiciousObjectInput', {
  description: 'An object for the Apex Central suspicious-object list; the content must be of the type given (BAD_USER_INPUT otherwise, before any call).',
  fields: (t) => ({
    type: t.field({ type: SuspiciousObjectTypeEnum, required: true, description: 'What the content is.' }),
    content: t.string({
      required: true,
      description: 'IPv4 address, URL (http:// or https://, at most 2047 characters), SHA-1 hash or domain; sent normalised as indicator values are.',
    }),
    scanAction: t.field({ type: ScanActionEnum, required: true, description: 'Log or block matches.' }),
    notes: t.string({ description: 'Free text kept with the object, at most 256 characters.', validate: notesRule }),
    // Apex takes `YYYY-MM-DDTHH:mm:ssZ`, a four-digit UTC year: the DateTime scalar refuses any other.
    expiresAt: t.field({ type: 'DateTime', description: 'Omitted: the object never expires. Sent to the second, in UTC.' }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

builder.objectField(IndicatorRef, 'suspiciousObject', (t) =>
  t.field({
    type: SuspiciousObjectRef,
    nullable: true,
    description:
      'The Apex Central suspicious object with this content (one list call per operation serves every indicator); null when it is not on the list, for MD5, SHA-256 and unknown values (never sent), or, with an error naming apex, when Apex Central fails.',
    resolve: (indicator, _args, ctx) => {
      const type = TYPE_OF_KIND[indicator.kind];
      // MD5, SHA-256 and UNKNOWN values cannot be on the list: no call.
      return type ? ctx.loaders.suspiciousObject.load({ type, content: indicator.value }) : null;
    },
  }),
);

builder.queryField('suspiciousObjects', (t) =>
  t.connection(
    {
      type: SuspiciousObjectRef,
      nullable: true,
      description:
        'Apex Central User-Defined Suspicious Objects: the list is read in one call and paged here; null, with an error naming apex, when Apex Central fails.',
      args: {
        type: t.arg({ type: SuspiciousObjectTypeEnum, required: false, description: 'Only objects of this type; omitted: every type.' }),
        contentContains: t.arg.string({ required: false, description: 'A part of the content, matched regardless of case.' }),
      },
      resolve: (_root, args, ctx) => {
        const filter = { type: args.type ?? undefined, contentContains: args.contentContains || undefined };
        // Apex answers the whole (filtered) list at once: read it once, and page it here.
        let listing: Promise<ApexSuspiciousObject[]> | undefined;
        // Listed objects carry indicators: a batch waits for the page when the operation asks for them.
        return ctx.batches.track(
          'Query.suspiciousObjects',
          loadConnectionPage({
            args,
            bindingKey: cursorBindingKey('Query.suspiciousObjects', filter),
            codec: ctx.cursors,
            fetchPage: async ({ page, pageSize }) => {
              listing ??= ctx.apex.list(filter);
              const objects = await listing;
              const start = (page - 1) * pageSize;
              return { rows: objects.slice(start, start + pageSize), total: objects.length };
            },
          }),
        );
      },
    },
    SuspiciousObjectConnection,
  ),
);

builder.mutationFields((t) => ({
  addSuspiciousObject: t.field({
    type: SuspiciousObjectPayloadRef,
    nullable: true,
    description:
      'Adds the object, or updates the one with the same type and content. Sent once (never retried); null, with an error naming apex, when Apex Central fails.',
    args: { input: t.arg({ type: AddSuspiciousObjectInput, required: true, description: 'The object.' }) },
    argumentsRule: z.looseObject({ input: objectRule }),
    resolve: async (_root, { input }, ctx) => {
      const content = detectIndicator(input.content).value;
      const suspiciousObject = await ctx.apex.add({ type: input.type, content, scanAction: input.scanAction, notes: input.notes, expiresAt: input.expiresAt });
      // Later reads in this operation must see the change.
      await ctx.loaders.forgetSuspiciousObjects();
      return { suspiciousObject };
    },
  }),
  removeSuspiciousObject: t.field({
    type: RemoveSuspiciousObjectPayloadRef,
    nullable: true,
    description:
      'Removes the object with this type and content; `removed` is false when there was none. Null, with an error naming apex, when Apex Central fails.',
    args: {
      type: t.arg({ type: SuspiciousObjectTypeEnum, required: true, description: 'The type of the object to remove.' }),
      content: t.arg.string({ required: true, description: 'The content exactly as the list gives it.' }),
    },
    argumentsRule: objectRule,
    resolve: async (_root, { type, content }, ctx) => {
      // Sent as given (trimmed), not normalised: it must match what the list holds.
      const removed = await ctx.apex.remove({ type, content: content.trim() });
      await ctx.loaders.forgetSuspiciousObjects();
      return { removed };
    },
  }),
  blockIndicator: t.field({
    type: SuspiciousObjectPayloadRef,
    nullable: true,
    description:
      "Adds the indicator's value to the Apex Central suspicious-object list with the BLOCK action; its type is detected. Sent once (never retried); null, with an error naming apex, when Apex Central fails.",
    args: {
      value: t.arg.string({
        required: true,
        description: 'An IPv4 address, domain, URL or SHA-1 hash; MD5 and SHA-256 are refused.',
        validate: blockableValueRule,
      }),
      notes: t.arg.string({ required: false, description: 'Free text kept with the object, at most 256 characters.', validate: notesRule }),
    },
    resolve: async (_root, { value, notes }, ctx) => {
      const indicator = detectIndicator(value);
      const type = TYPE_OF_KIND[indicator.kind];
      // Already refused by the argument rule; kept for the type.
      if (type === undefined) throw badUserInput(`value: ${REFUSED_KIND[indicator.kind] ?? 'cannot be blocked'}`);
      const suspiciousObject = await ctx.apex.add({ type, content: indicator.value, scanAction: 'block', notes });
      await ctx.loaders.forgetSuspiciousObjects();
      return { suspiciousObject };
    },
  }),
}));

import { isIPv4 } from 'node:net';
import type { GraphQLError } from 'graphql';
import { z } from 'zod';
import { badUserInput } from '../errors.js';

/** zod rules for arguments, shared by every schema module so each rule is written once. */

export const tenantIdRule = z.string().regex(/^[0-9a-f]{32}$/, 'tenantId must be 32 characters 0-9a-f (lower-case hexadecimal)');
export const simIdRule = z.string().regex(/^\d{1,32}$/, 'simId must be digits only, such as 440130000096015');
export const simIdPartRule = z.string().regex(/^\d{1,32}$/, 'simIdContains must be digits only (a part of a SIM ID)');
export const ipv4Rule = z.string().refine((value) => isIPv4(value), 'must be an IPv4 address such as 192.168.1.89');
/** An IPv4 network in CIDR form: an IPv4 address, `/`, a prefix length 0..32 (no leading zeros). */
export const ipv4NetworkRule = z.string().refine((value) => {
  const [address, prefix, ...rest] = value.split('/');
  return rest.length === 0 && address !== undefined && isIPv4(address) && prefix !== undefined && /^(?:3[0-2]|[12]?\d)$/.test(prefix);
}, 'must be an IPv4 network in CIDR form such as 192.168.0.0/24 (prefix length 0..32)');
export const portRule = z.number().int().min(0, 'a port is 0..65535').max(65_535, 'a port is 0..65535');
export const protocolRule = z.number().int().min(0, 'an IP protocol number is 0..255').max(255, 'an IP protocol number is 0..255');

/** Checked on the whole argument set (from <= to), before any upstream call. */
export const FROM_AFTER_TO_MESSAGE = '`from` must not be after `to`';

/** An issue as zod and the standard-schema interface both report one: a message, and the path to what it is about. */
interface ArgumentIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/**
 * The refusal of arguments a rule found issues in (a rule on one argument, the validation plugin's;
 * on the whole set, arguments-rule.ts): BAD_USER_INPUT, each issue as `path: message`, joined by `; `.
 */
export function argumentsRefusal(issues: readonly ArgumentIssue[]): GraphQLError {
  return badUserInput(
    issues
      .map((issue) => {
        const path = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? String(segment.key) : String(segment))).join('.');
        return path ? `${path}: ${issue.message}` : issue.message;
      })
      .join('; '),
  );
}

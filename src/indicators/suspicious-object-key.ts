import type { ApexObjectType } from '../upstreams/apex/models.js';
import { detectIndicator } from './kind.js';

/**
 * Type and content as the gateway matches them: the content normalised as indicator values are
 * (trimmed; hashes and domains lower-cased; URL scheme and host lower-cased), so an object found on
 * the list matches the indicator naming it however either was spelled.
 */
export function suspiciousObjectKey(object: { type: ApexObjectType; content: string }): string {
  return `${object.type}\u0000${detectIndicator(object.content).value}`;
}

import { isObjectType, type GraphQLSchema } from 'graphql';
import { badUserInput } from '../errors.js';

/**
 * Global IDs: base64url of `Type:key`. Opaque to clients, readable in logs once decoded;
 * a malformed one is the caller's error, not an internal one.
 */

export function encodeNodeId(typename: string, key: string | number | bigint): string {
  return Buffer.from(`${typename}:${String(key)}`, 'utf8').toString('base64url');
}

export function decodeNodeId(id: string): { typename: string; id: string } {
  const text = /^[A-Za-z0-9_-]+$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const separator = text.indexOf(':');
  if (separator <= 0 || !/^[A-Z][A-Za-z]*$/.test(text.slice(0, separator))) {
    throw badUserInput(`"${id.slice(0, 100)}" is not a global ID issued by this gateway`);
  }
  return { typename: text.slice(0, separator), id: text.slice(separator + 1) };
}

/**
 * A decoded ID that `node(id:)` and `nodes(ids:)` may look up: of a type that implements Node. A
 * well-formed ID of any other type (`Bogus:1`) is the caller's mistake, refused as BAD_USER_INPUT
 * before the relay plugin looks the type up (it would answer an uncoded internal error).
 */
export function nodeTypeId(schema: GraphQLSchema, globalId: { typename: string; id: string }): { typename: string; id: string } {
  const type = schema.getType(globalId.typename);
  if (!isObjectType(type) || !type.getInterfaces().some((implemented) => implemented.name === 'Node')) {
    throw badUserInput(`"${encodeNodeId(globalId.typename, globalId.id).slice(0, 100)}" is not a global ID issued by this gateway`);
  }
  return globalId;
}

import { createHash } from 'node:crypto';
import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';

/**
 * Checks of an operation that are pure functions of the schema, the document, the operation name
 * and the variable values (the operation budget; graphql-js's coercion of the variables before
 * compiled execution), kept when they pass. yoga hands the same parsed document object to every
 * request of the same text (its parse cache), so a check that passed is kept per document under
 * the operation name and the variables' JSON, and the same operation with the same variables is
 * not checked again. Refusals are never kept: each is checked and worded again.
 */

export type OperationCheck = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | undefined,
) => readonly GraphQLError[];

/** Variable values longer than this (as JSON) are kept under their SHA-256 digest, not their text: memory stays bounded. */
const MAX_VARIABLES_KEY_LENGTH = 2_048;
/** Passing variable values kept per document and operation name; the oldest goes first. */
const MAX_KEPT_PER_DOCUMENT = 64;

/**
 * The variables' key, made once per variables object: the checks of one request read the same
 * object, and a long list of values (100 indicators) is written out and digested once, not per check.
 */
const variablesKeys = new WeakMap<object, string>();

function variablesKey(variables: Readonly<Record<string, unknown>> | undefined): string {
  if (variables === undefined) return '{}';
  let key = variablesKeys.get(variables);
  if (key === undefined) {
    const json = JSON.stringify(variables);
    key = json.length <= MAX_VARIABLES_KEY_LENGTH ? json : `sha256:${createHash('sha256').update(json).digest('base64')}`;
    variablesKeys.set(variables, key);
  }
  return key;
}

/**
 * `check`, answered from memory for an operation and variables it passed before. Kept per document
 * and operation name under the variables' key itself: the one string both checks of a request
 * read, its hash computed once (a key joined with the operation's name was a new string for each).
 */
export function keptWhenPassed(check: OperationCheck): OperationCheck {
  const passed = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, Set<string>>>>();
  return (schema, document, operationName, variables) => {
    const key = variablesKey(variables);
    const name = operationName ?? '';
    let byDocument = passed.get(schema);
    if (byDocument === undefined) {
      byDocument = new WeakMap();
      passed.set(schema, byDocument);
    }
    let byOperation = byDocument.get(document);
    const keys = byOperation?.get(name);
    if (keys?.has(key)) return [];
    const errors = check(schema, document, operationName, variables);
    if (errors.length === 0) {
      if (keys === undefined) {
        if (byOperation === undefined) {
          byOperation = new Map();
          byDocument.set(document, byOperation);
        }
        byOperation.set(name, new Set([key]));
      } else {
        if (keys.size >= MAX_KEPT_PER_DOCUMENT) keys.delete(keys.values().next().value!);
        keys.add(key);
      }
    }
    return errors;
  };
}

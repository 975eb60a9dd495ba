import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind } from 'graphql';
import { loadExampleOperations } from '../../src/example-operations.js';

const EXAMPLES = loadExampleOperations();

/**
 * The example variables kept beside an operation in schema/operations (`*.variables.json`), the
 * ones GraphiQL opens with, typed by the operation's generated document.
 */
export function exampleVariables<Result, Variables>(document: TypedDocumentNode<Result, Variables>): Variables {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const name = operation?.kind === Kind.OPERATION_DEFINITION ? operation.name?.value : undefined;
  const example = EXAMPLES.find((candidate) => candidate.name === name);
  if (example === undefined) throw new Error(`no example variables for operation ${String(name)}`);
  return example.variables as Variables;
}

import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getLocation,
  getNamedType,
  isEnumType,
  isSpecifiedScalarType,
  typeFromAST,
  valueFromASTUntyped,
  getOperationAST,
  getVariableValues,
  Kind,
  locatedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { keptWhenPassed } from './cache/passed-checks.js';

/** As many documents as yoga's parse cache holds: a document it keeps parsed stays compiled. */
const COMPILED_DOCUMENTS = 1024;

/**
 * What an operation of a document runs with: its compiled form, or the standard executor (and why,
 * for a reader). `defaults`: the variables' default values, as a caller would send them.
 */
type Compiled = { query: CompiledQuery; operation: OperationDefinitionNode; defaults: VariableDefaults } | { standard: string };

/**
 * Defaults the compiler gets wrong, given to it as sent values instead: it ignores the default of
 * a non-null variable (`$flag: Boolean! = true` absent is refused, "was not provided"), and it
 * takes the default of a nullable one as the JSON of its internal value (a DateTime's Date
 * becomes a string). A built-in scalar's or an enum's literal is the value a caller would send
 * (`valueFromASTUntyped`); a variable of any other type left to its default runs standard.
 */
interface VariableDefaults {
  /** Absent when the operation has none: its variables then go to the compiler as sent, not copied into a new object. */
  sendable: Record<string, unknown> | undefined;
  standardIfAbsent: string[];
}

/**
 * Queries and mutations run as code compiled once per document and schema (graphql-jit), the
 * rest through the standard executor. The answer is the same either way:
 * - subscriptions and documents with @defer or @stream stay standard (the compiler answers neither in parts);
 * - an operation whose variables graphql-js refuses stays standard, so the caller gets its errors
 *   (BAD_USER_INPUT, the same message) and not the compiler's own wording;
 * - a field error comes back as the standard executor builds it (`locatedError` of what the
 *   resolver threw, or of the completion failure, with the field's nodes), so the mask, the codes
 *   and the logging see what they see without the compiler.
 * The compiler's own checks are skipped nowhere: it runs the same resolvers (Pothos' wrappers,
 * argument validation, the tenant guard) and serialises with the same scalars.
 */
export function useCompiledExecution(): Plugin {
  // Per schema: the gateway serves two graphs, and yoga parses one document once for both.
  const compiledBySchema = new WeakMap<GraphQLSchema, LRUCache<DocumentNode, Map<string | null, Compiled>>>();

  function compiledOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled {
    let documents = compiledBySchema.get(schema);
    if (documents === undefined) {
      documents = new LRUCache({ max: COMPILED_DOCUMENTS });
      compiledBySchema.set(schema, documents);
    }
    let operations = documents.get(document);
    if (operations === undefined) {
      operations = new Map();
      documents.set(document, operations);
    }
    let compiled = operations.get(operationName);
    if (compiled === undefined) {
      compiled = compile(schema, document, operationName);
      operations.set(operationName, compiled);
    }
    return compiled;
  }

  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const compiled = compiledOf(args.schema, args.document, args.operationName ?? null);
      if ('standard' in compiled) return;
      const { operation, query, defaults } = compiled;
      const sent = args.variableValues ?? {};
      if ((operation.variableDefinitions ?? []).length > 0 && variablesRefused(args.schema, args.document, args.operationName, sent).length > 0) return;
      if (defaults.standardIfAbsent.some((name) => !Object.hasOwn(sent, name))) return;
      setExecuteFn(async (executed: ExecutionArgs) => {
        const variables = defaults.sendable === undefined ? (executed.variableValues ?? {}) : { ...defaults.sendable, ...executed.variableValues };
        const result = await query.query(executed.rootValue, executed.contextValue, variables);
        // No data at all: the compiler refused the variables before any resolver ran (graphql-js
        // accepted them above); the standard executor answers, as it would have.
        if (!('data' in result)) return executeFn(executed);
        return result.errors === undefined ? result : asStandardErrors(result, executed.document);
      });
    },
  };
}

/**
 * graphql-js's coercion of an operation's variables, kept when it accepts them
 * (cache/passed-checks.ts): coercing again for each request was ~2.5% of a 20-row page's CPU.
 */
const variablesRefused = keptWhenPassed((schema, document, operationName, variables) => {
  const definitions = getOperationAST(document, operationName)?.variableDefinitions ?? [];
  const coerced = getVariableValues(schema, definitions, variables ?? {}, { maxErrors: 1 });
  return coerced.errors ?? [];
});

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { standard: 'no such operation' };
  if (operation.operation === 'subscription') return { standard: 'a subscription' };
  if (answersInParts(document)) return { standard: '@defer or @stream' };
  if (selectedRootFields(document, operation.selectionSet).some((name) => ITEMS_SETTLED_ALONE.has(name))) return { standard: 'a list of items settled alone' };
  // Its errors are rebuilt as the standard executor builds them (asStandardErrors): its own stack traces are never read.
  const query = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
  return isCompiledQuery(query) ? { query, operation, defaults: variableDefaults(schema, operation) } : { standard: 'not compiled' };
}

function variableDefaults(schema: GraphQLSchema, operation: OperationDefinitionNode): VariableDefaults {
  const defaults: VariableDefaults = { sendable: undefined, standardIfAbsent: [] };
  for (const { variable, type, defaultValue } of operation.variableDefinitions ?? []) {
    if (defaultValue === undefined) continue;
    const inputType = typeFromAST(schema, type);
    const named = inputType === undefined ? undefined : getNamedType(inputType);
    if (named !== undefined && (isSpecifiedScalarType(named) || isEnumType(named))) {
      defaults.sendable ??= {};
      defaults.sendable[variable.name.value] = valueFromASTUntyped(defaultValue);
    } else {
      defaults.standardIfAbsent.push(variable.name.value);
    }
  }
  return defaults;
}

/**
 * Root lists whose items are promises of their own, any of which can reject: `_entities` (each
 * representation alone, schema/federation.ts) and `nodes` (Pothos relay puts a pending lookup of
 * the same operation in its item). graphql-jit 0.8.9 appends a rejected item's null at the end of
 * the list (`resultArray.push(null)`) instead of at its index: the answer gets one item too many
 * and the item stays missing. Every other list resolves to an array (or one promise of it), whose
 * Error items the compiler places right.
 */
const ITEMS_SETTLED_ALONE = new Set(['_entities', 'nodes']);

/** The names of the root fields an operation selects, through its fragments. */
function selectedRootFields(document: DocumentNode, selectionSet: SelectionSetNode, seen = new Set<string>()): string[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectedRootFields(document, selection.selectionSet, seen);
    if (seen.has(selection.name.value)) return [];
    seen.add(selection.name.value);
    const fragment = document.definitions.find(
      (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
    );
    return fragment === undefined ? [] : selectedRootFields(document, fragment.selectionSet, seen);
  });
}

function answersInParts(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(directive) {
      if (directive.name.value === 'defer' || directive.name.value === 'stream') found = true;
    },
  });
  return found;
}

/**
 * The compiler's field errors carry locations but no nodes, and none when it made the error
 * itself (a null for a non-null field, a value its scalar cannot serialise): rebuilt here as the
 * standard executor builds them, `locatedError(what was thrown, the field's nodes, path)`.
 */
function asStandardErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  const fields = fieldsByLocation(document);
  const errors = result.errors?.map((error) => {
    const nodes = (error.locations ?? []).flatMap((location) => fields.get(`${location.line}:${location.column}`) ?? []);
    return locatedError(error.originalError ?? new Error(error.message), nodes.length > 0 ? nodes : undefined, error.path);
  });
  return { ...result, errors };
}

/** The document's fields by where they start, found once per document (only when an error is answered). */
const fieldsOfDocument = new WeakMap<DocumentNode, Map<string, FieldNode>>();

function fieldsByLocation(document: DocumentNode): Map<string, FieldNode> {
  let fields = fieldsOfDocument.get(document);
  if (fields !== undefined) return fields;
  fields = new Map();
  const found = fields;
  visit(document, {
    [Kind.FIELD](field) {
      if (field.loc === undefined) return;
      const { line, column } = getLocation(field.loc.source, field.loc.start);
      found.set(`${line}:${column}`, field);
    },
  });
  fieldsOfDocument.set(document, fields);
  return fields;
}

import {
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/**
 * Which work of an operation can reveal indicators, read from its selection set before it runs:
 * the coordinates (`Tenant.threatSummaries`) of the fields under which the operation selects an
 * Indicator, and the types those fields answer (`SuspiciousObject`). An indicator batch waits for
 * pages of those fields only (batch-scheduler.ts); a `tenant { helpdesk }` beside
 * `indicators(values:)` holds nothing back.
 */

export type IndicatorFeeders = ReadonlySet<string>;

const INDICATOR_TYPE = 'Indicator';

/** Documents are parsed once and kept by yoga's cache: the answer is kept with the document. */
const known = new WeakMap<DocumentNode, Map<string | null, IndicatorFeeders>>();

export function indicatorFeeders(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): IndicatorFeeders {
  let byOperation = known.get(document);
  if (byOperation === undefined) {
    byOperation = new Map();
    known.set(document, byOperation);
  }
  const key = operationName ?? null;
  let feeders = byOperation.get(key);
  if (feeders === undefined) {
    feeders = findFeeders(schema, document, key);
    byOperation.set(key, feeders);
  }
  return feeders;
}

function findFeeders(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): IndicatorFeeders {
  const feeders = new Set<string>();
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return feeders;
  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const visiting = new Set<string>();

  /** Does this selection set, on `parentType`, select an indicator (at any depth)? Records the fields on the way. */
  const selectsIndicator = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType): boolean => {
    let found = false;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
        if (field === undefined) continue;
        const type = getNamedType(field.type);
        const below = selection.selectionSet !== undefined && selectsIndicator(selection.selectionSet, type);
        if (below) {
          feeders.add(`${parentType.name}.${field.name}`);
          feeders.add(type.name);
        }
        found ||= below || type.name === INDICATOR_TYPE;
      } else {
        const typeName =
          selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition?.name.value : fragments.get(selection.name.value)?.typeCondition.name.value;
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (fragment === undefined) continue;
        // A fragment cycle is refused by validation; here it only must not loop.
        const name = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
        if (name !== undefined && visiting.has(name)) continue;
        if (name !== undefined) visiting.add(name);
        const type = typeName === undefined ? parentType : (schema.getType(typeName) ?? parentType);
        found = selectsIndicator(fragment.selectionSet, type) || type.name === INDICATOR_TYPE || found;
        if (name !== undefined) visiting.delete(name);
      }
    }
    return found;
  };

  selectsIndicator(operation.selectionSet, root);
  return feeders;
}

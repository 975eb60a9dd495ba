import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type ArgumentNode,
  type ASTVisitor,
  type GraphQLCompositeType,
  type GraphQLField,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * How many rows one operation could read from the upstreams: a connection reads its page
 * (`first` or `last`, the default page size when neither is given) once for every row of each
 * connection around it, so page sizes multiply through nesting; a list argument such as
 * `nodes(ids:)` multiplies what is below it by its length. Fragments count where they are spread
 * (each fragment is measured once; a fragment cycle counts nothing, NoFragmentCyclesRule reports it).
 *
 * graphql-armor's cost limit counts a connection's fields once whatever its page size (and reads
 * only literal `first`), which is why this rule exists. It needs the variables, so it runs when
 * the operation is executed, not in the cached validation step.
 */

export interface RowBudget {
  maxRows: number;
  defaultPageSize: number;
  /** The request's variables; an operation's variable defaults apply to those not given. */
  variables?: Readonly<Record<string, unknown>> | null;
  /** The operation to measure when the document holds several; all of them otherwise. */
  operationName?: string | null;
  /** `Type.field` → the name of a list argument whose length multiplies everything below the field. */
  listArguments?: Readonly<Record<string, string>>;
}

export function maxRowsRule(budget: RowBudget): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      if (budget.operationName != null && operation.name?.value !== budget.operationName) return;
      const rows = operationRows(context, operation, budget);
      if (rows > budget.maxRows) {
        context.reportError(
          new GraphQLError(
            `This operation could read up to ${formatCount(rows)} rows, over the limit of ${formatCount(budget.maxRows)}: each connection reads its first/last rows ` +
              `(${budget.defaultPageSize} when neither is given) once for every row of the connections around it. Ask for smaller pages or fewer nested connections.`,
            { nodes: [operation], extensions: { code: 'GRAPHQL_VALIDATION_FAILED', rows, maxRows: budget.maxRows, http: { status: 400 } } },
          ),
        );
      }
    },
  });
}

/** The rows one operation could read (pure: the document, the schema in the context, the variables). */
export function operationRows(context: ValidationContext, operation: OperationDefinitionNode, budget: Omit<RowBudget, 'maxRows'>): number {
  const schema = context.getSchema();
  const variables = effectiveVariables(operation, budget.variables ?? {});
  const fragmentRows = new Map<string, number>();
  const visiting = new Set<string>();

  const argumentNumber = (argument: ArgumentNode | undefined): number | undefined => {
    if (argument === undefined) return undefined;
    const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : undefined;
  };

  const argumentLength = (argument: ArgumentNode | undefined): number => {
    if (argument === undefined) return 1;
    if (argument.value.kind === Kind.LIST) return argument.value.values.length;
    if (argument.value.kind === Kind.VARIABLE) {
      const value = variables[argument.value.name.value];
      return Array.isArray(value) ? value.length : 1;
    }
    return 1;
  };

  const pageSize = (field: GraphQLField<unknown, unknown>, args: readonly ArgumentNode[]): number | undefined => {
    if (!isConnection(field)) return undefined;
    const first = argumentNumber(args.find((arg) => arg.name.value === 'first'));
    const last = argumentNumber(args.find((arg) => arg.name.value === 'last'));
    if (first === undefined && last === undefined) return budget.defaultPageSize;
    return Math.max(first ?? 0, last ?? 0);
  };

  const selectionRows = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, multiplier: number): number => {
    let rows = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
        if (field === undefined) continue;
        let childMultiplier = multiplier;
        const page = pageSize(field, selection.arguments ?? []);
        if (page !== undefined) {
          rows += multiplier * page;
          childMultiplier = multiplier * page;
        } else {
          const listArgument = budget.listArguments?.[`${parentType.name}.${field.name}`];
          if (listArgument !== undefined) childMultiplier = multiplier * argumentLength(selection.arguments?.find((arg) => arg.name.value === listArgument));
        }
        const type = getNamedType(field.type);
        if (selection.selectionSet !== undefined && isCompositeType(type)) rows += selectionRows(selection.selectionSet, type, childMultiplier);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parentType : schema.getType(selection.typeCondition.name.value);
        if (type !== undefined && type !== null && isCompositeType(type)) rows += selectionRows(selection.selectionSet, type, multiplier);
      } else {
        rows += multiplier * rowsOfFragment(selection.name.value);
      }
    }
    return rows;
  };

  /** Rows of one spread of a fragment under a single row: linear in the multiplier, so measured once. */
  const rowsOfFragment = (name: string): number => {
    const known = fragmentRows.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0;
    const fragment = context.getFragment(name);
    const type = fragment === undefined || fragment === null ? undefined : schema.getType(fragment.typeCondition.name.value);
    if (fragment === undefined || fragment === null || type === undefined || type === null || !isCompositeType(type)) return 0;
    visiting.add(name);
    const rows = selectionRows(fragment.selectionSet, type, 1);
    visiting.delete(name);
    fragmentRows.set(name, rows);
    return rows;
  };

  const root = schema.getRootType(operation.operation);
  return root === undefined || root === null ? 0 : selectionRows(operation.selectionSet, root, 1);
}

/** A Relay connection: a `first` or `last` argument and a type with `pageInfo`. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return false;
  const type = getNamedType(field.type);
  return isObjectType(type) && 'pageInfo' in type.getFields();
}

/** The variables as the operation sees them: given values, else the operation's literal defaults. */
function effectiveVariables(operation: OperationDefinitionNode, given: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = given[name];
    if (value !== undefined && value !== null) variables[name] = value;
    else if (definition.defaultValue?.kind === Kind.INT) variables[name] = Number(definition.defaultValue.value);
    else if (definition.defaultValue?.kind === Kind.LIST) variables[name] = definition.defaultValue.values;
  }
  return variables;
}

function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'an unbounded number of';
}

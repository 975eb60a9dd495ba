import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromAST,
  type ArgumentNode,
  type ASTVisitor,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInputType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { badOperationInput, overRowBudget, type UpstreamName } from '../errors.js';

/**
 * What one operation could cost, measured before it runs, in one walk of its selections:
 *
 * - **rows** read from the upstreams: a connection reads its page (`first` or `last`, the default
 *   page size when neither is given) once for every row of each connection around it, so page
 *   sizes multiply through nesting; a list argument such as `nodes(ids:)` multiplies what is
 *   below it by its length.
 * - **upstream calls**, per upstream: each field of `upstreamCalls` costs its calls once for
 *   every object it is asked on (a SIGN connection 2: a Relay page takes at most two SIGN
 *   requests, even with `first: 0`), or once per place in the document for fields a batch loader
 *   serves with one call per operation (reputation, suspicious objects).
 * - **list arguments** over their maximum, and `first`/`last` outside the page range: refused as
 *   bad input, naming the argument, before the budgets are looked at.
 *
 * Fragments count where they are spread (each fragment is measured once; a fragment cycle counts
 * nothing, NoFragmentCyclesRule reports it). graphql-armor's cost limit counts a connection's
 * fields once whatever its page size (and reads only literal `first`), which is why this exists.
 * It needs the variables, so it runs when the operation is executed, not in the cached
 * validation step.
 */

/** What a field costs: `calls` to `upstream` for each object it is asked on, or once per operation when a batch loader serves it. */
export interface FieldCalls {
  upstream: UpstreamName;
  calls: number;
  per: 'object' | 'operation';
}

export interface OperationBudget {
  maxRows: number;
  defaultPageSize: number;
  /** Calls one operation may make to any one upstream; unlimited when absent. */
  maxUpstreamCalls?: number;
  /** `first` and `last` must lie in 0..maxPageSize. */
  maxPageSize?: number;
  /** The request's variables; an operation's variable defaults apply to those not given. */
  variables?: Readonly<Record<string, unknown>> | null;
  /** The operation to measure when the document holds several; all of them otherwise. */
  operationName?: string | null;
  /** `Type.field` → the name of a list argument whose length multiplies everything below the field. */
  listArguments?: Readonly<Record<string, string>>;
  /** `Type.field` → how many items a list field answers at most (what is below it is multiplied by it). */
  listSizes?: Readonly<Record<string, number>>;
  /** `Type.field` → what it costs in upstream calls. */
  upstreamCalls?: Readonly<Record<string, FieldCalls>>;
  /** `Type.field(argument:)` or `InputType.field` → the most items its list may hold. */
  listMaximums?: Readonly<Record<string, number>>;
}

export interface OperationCost {
  rows: number;
  /** The most calls the operation can make, per upstream. */
  calls: Record<UpstreamName, number>;
  /** The same, by the field that makes them, most first. */
  callsByField: { field: string; upstream: UpstreamName; calls: number }[];
  /** Arguments out of their bounds: bad input, whatever the budgets say. */
  badArguments: string[];
}

export function operationBudgetRule(budget: OperationBudget): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      if (budget.operationName != null && operation.name?.value !== budget.operationName) return;
      const cost = operationCost(context, operation, budget);
      if (cost.badArguments.length > 0) {
        for (const problem of cost.badArguments) context.reportError(badOperationInput(problem, [operation]));
        return;
      }
      if (cost.rows > budget.maxRows) {
        context.reportError(
          overRowBudget(
            `This operation could read up to ${formatCount(cost.rows)} rows, over the limit of ${formatCount(budget.maxRows)}: each connection reads its first/last rows ` +
              `(${budget.defaultPageSize} when neither is given) once for every row of the connections around it. Ask for smaller pages or fewer nested connections.`,
            [operation],
            { rows: cost.rows, maxRows: budget.maxRows },
          ),
        );
      }
      const max = budget.maxUpstreamCalls;
      if (max === undefined) return;
      for (const [upstream, calls] of Object.entries(cost.calls) as [UpstreamName, number][]) {
        if (calls <= max) continue;
        const culprits = cost.callsByField
          .filter((entry) => entry.upstream === upstream)
          .slice(0, 3)
          .map((entry) => `${entry.field} ${formatCount(entry.calls)}`)
          .join(', ');
        context.reportError(
          badOperationInput(
            `This operation could make up to ${formatCount(calls)} calls to ${UPSTREAM_TITLES[upstream]}, over the limit of ${formatCount(max)} per operation (${culprits}): ` +
              'each field that calls an upstream does so once for every object it is asked on (a SIGN connection up to twice), so lists, nodes(ids:) and nested connections multiply them. Ask for fewer objects or smaller pages.',
            [operation],
            { upstream, upstreamCalls: calls, maxUpstreamCalls: max },
          ),
        );
      }
    },
  });
}

const UPSTREAM_TITLES: Record<UpstreamName, string> = { sign: 'SIGN', cybertrace: 'CyberTrace', filesafer: 'File Safer', apex: 'Apex Central' };

/** A measure of a selection under one object: rows and per-object calls scale with the objects, per-operation calls do not. */
interface Measure {
  rows: number;
  perObject: Map<string, number>;
  perOperation: Map<string, number>;
}

const emptyMeasure = (): Measure => ({ rows: 0, perObject: new Map(), perOperation: new Map() });

function addInto(target: Measure, source: Measure, times: number): void {
  if (times === 0) return;
  target.rows += source.rows * times;
  for (const [field, calls] of source.perObject) target.perObject.set(field, (target.perObject.get(field) ?? 0) + calls * times);
  // A batch loader serves every object of the operation in one call: it costs once wherever it is asked.
  for (const [field, calls] of source.perOperation) target.perOperation.set(field, Math.max(target.perOperation.get(field) ?? 0, calls));
}

/** The cost of one operation (pure: the document, the schema in the context, the variables). */
export function operationCost(context: ValidationContext, operation: OperationDefinitionNode, budget: Omit<OperationBudget, 'maxRows'>): OperationCost {
  const schema = context.getSchema();
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], (budget.variables ?? {}) as Record<string, unknown>);
  // Variables that do not coerce are reported by execution; measure as if they were absent.
  const variables: Record<string, unknown> = coerced.coerced ?? {};
  const fragmentMeasures = new Map<string, Measure>();
  const visiting = new Set<string>();
  const badArguments: string[] = [];
  const maxPageSize = budget.maxPageSize ?? Number.POSITIVE_INFINITY;

  const argumentValue = (field: GraphQLField<unknown, unknown>, node: ArgumentNode | undefined): unknown => {
    if (node === undefined) return undefined;
    const definition = field.args.find((arg) => arg.name === node.name.value);
    return definition === undefined ? undefined : valueFromAST(node.value, definition.type, variables);
  };

  /** Lists longer than their documented maximum, anywhere in an argument's value (input objects included). */
  const checkLists = (where: string, type: GraphQLInputType, value: unknown): void => {
    if (value === null || value === undefined) return;
    const nullable = getNullableType(type);
    if (isListType(nullable) && Array.isArray(value)) {
      const max = budget.listMaximums?.[where];
      if (max !== undefined && value.length > max)
        badArguments.push(`\`${where}\` holds ${formatCount(value.length)} items; at most ${formatCount(max)} are allowed.`);
      for (const item of value) checkLists(where, nullable.ofType as GraphQLInputType, item);
    } else if (isInputObjectType(nullable) && typeof value === 'object') {
      for (const inputField of Object.values(nullable.getFields()))
        checkLists(`${nullable.name}.${inputField.name}`, inputField.type, (value as Record<string, unknown>)[inputField.name]);
    }
  };

  const checkArguments = (coordinate: string, field: GraphQLField<unknown, unknown>, nodes: readonly ArgumentNode[]): void => {
    for (const node of nodes) {
      const definition: GraphQLArgument | undefined = field.args.find((arg) => arg.name === node.name.value);
      if (definition === undefined || !mayHoldList(definition.type)) continue;
      checkLists(`${coordinate}(${definition.name}:)`, definition.type, argumentValue(field, node));
    }
  };

  const pageArgument = (
    coordinate: string,
    field: GraphQLField<unknown, unknown>,
    nodes: readonly ArgumentNode[],
    name: 'first' | 'last',
  ): number | undefined => {
    const value = argumentValue(
      field,
      nodes.find((arg) => arg.name.value === name),
    );
    if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
    if (value < 0 || value > maxPageSize) {
      badArguments.push(pageRangeMessage(name, coordinate, maxPageSize, value));
      return Math.max(0, Math.min(value, maxPageSize));
    }
    return value;
  };

  const pageSize = (coordinate: string, field: GraphQLField<unknown, unknown>, nodes: readonly ArgumentNode[]): number | undefined => {
    if (!isConnection(field)) return undefined;
    const first = pageArgument(coordinate, field, nodes, 'first');
    const last = pageArgument(coordinate, field, nodes, 'last');
    if (first === undefined && last === undefined) return budget.defaultPageSize;
    return Math.max(first ?? 0, last ?? 0);
  };

  /** How many objects a field answers for each object it is asked on. */
  const fanOut = (coordinate: string, field: GraphQLField<unknown, unknown>, nodes: readonly ArgumentNode[]): number => {
    const listArgument = budget.listArguments?.[coordinate];
    if (listArgument !== undefined) {
      const value = argumentValue(
        field,
        nodes.find((arg) => arg.name.value === listArgument),
      );
      return Array.isArray(value) ? value.length : 1;
    }
    return budget.listSizes?.[coordinate] ?? 1;
  };

  const measureSelections = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): Measure => {
    const measure = emptyMeasure();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(parentType) || isInterfaceType(parentType) ? parentType.getFields()[selection.name.value] : undefined;
        if (field === undefined) continue;
        const coordinate = `${parentType.name}.${field.name}`;
        const nodes = selection.arguments ?? [];
        checkArguments(coordinate, field, nodes);
        const calls = budget.upstreamCalls?.[coordinate];
        if (calls !== undefined) {
          if (calls.per === 'object') measure.perObject.set(coordinate, (measure.perObject.get(coordinate) ?? 0) + calls.calls);
          else measure.perOperation.set(coordinate, Math.max(measure.perOperation.get(coordinate) ?? 0, calls.calls));
        }
        const page = pageSize(coordinate, field, nodes);
        const objects = page ?? fanOut(coordinate, field, nodes);
        if (page !== undefined) measure.rows += page;
        const type = getNamedType(field.type);
        if (selection.selectionSet !== undefined && isCompositeType(type)) addInto(measure, measureSelections(selection.selectionSet, type), objects);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parentType : schema.getType(selection.typeCondition.name.value);
        if (type !== undefined && type !== null && isCompositeType(type)) addInto(measure, measureSelections(selection.selectionSet, type), 1);
      } else {
        addInto(measure, measureFragment(selection.name.value), 1);
      }
    }
    return measure;
  };

  /** One spread of a fragment under a single object: measured once, scaled where it is spread. */
  const measureFragment = (name: string): Measure => {
    const known = fragmentMeasures.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return emptyMeasure();
    const fragment = context.getFragment(name);
    const type = fragment === undefined || fragment === null ? undefined : schema.getType(fragment.typeCondition.name.value);
    if (fragment === undefined || fragment === null || type === undefined || type === null || !isCompositeType(type)) return emptyMeasure();
    visiting.add(name);
    const measure = measureSelections(fragment.selectionSet, type);
    visiting.delete(name);
    fragmentMeasures.set(name, measure);
    return measure;
  };

  const root = schema.getRootType(operation.operation);
  const measure = root === undefined || root === null ? emptyMeasure() : measureSelections(operation.selectionSet, root);
  const calls: Record<UpstreamName, number> = { sign: 0, cybertrace: 0, filesafer: 0, apex: 0 };
  const callsByField: OperationCost['callsByField'] = [];
  for (const [field, count] of [...measure.perObject, ...measure.perOperation]) {
    const upstream = budget.upstreamCalls![field]!.upstream;
    calls[upstream] += count;
    callsByField.push({ field, upstream, calls: count });
  }
  callsByField.sort((a, b) => b.calls - a.calls);
  return { rows: measure.rows, calls, callsByField, badArguments: [...new Set(badArguments)] };
}

/**
 * `first`/`last` written in the document outside 0..maxPageSize, refused at validation as bad input
 * naming the argument (graphql-armor's cost limit reads literal page sizes too, and would refuse
 * with its own words). Values from variables are checked before execution (operationBudgetRule).
 */
export function literalPageRangeRule(maxPageSize: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Field(node) {
      const field = context.getFieldDef();
      const parent = context.getParentType();
      if (field === null || field === undefined || parent === null || parent === undefined || !isConnection(field)) return;
      for (const argument of node.arguments ?? []) {
        if ((argument.name.value !== 'first' && argument.name.value !== 'last') || argument.value.kind !== Kind.INT) continue;
        const value = Number(argument.value.value);
        if (value >= 0 && value <= maxPageSize) continue;
        context.reportError(badOperationInput(pageRangeMessage(argument.name.value, `${parent.name}.${field.name}`, maxPageSize, value), [argument]));
      }
    },
  });
}

function pageRangeMessage(name: string, coordinate: string, maxPageSize: number, value: number): string {
  return `\`${name}\` of ${coordinate} must be an integer from 0 to ${formatCount(maxPageSize)}, got ${value}.`;
}

/** A Relay connection: a `first` or `last` argument and a type with `pageInfo`. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  if (!field.args.some((arg) => arg.name === 'first' || arg.name === 'last')) return false;
  const type = getNamedType(field.type);
  return isObjectType(type) && 'pageInfo' in type.getFields();
}

/** Whether a value of this type can hold a list somewhere (only those are coerced and checked). */
function mayHoldList(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return true;
  if (!isInputObjectType(nullable) || seen.has(nullable.name)) return false;
  seen.add(nullable.name);
  return Object.values(nullable.getFields()).some((field) => mayHoldList(field.type, seen));
}

function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'an unbounded number of';
}

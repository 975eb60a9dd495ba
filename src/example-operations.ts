import { readdirSync, readFileSync } from 'node:fs';
import { Kind, parse, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { z } from 'zod';

/**
 * The example operations of schema/operations, each with the variables kept beside it in
 * `<file>.variables.json` (keyed by operation name). GraphiQL opens them as tabs and the tests run
 * every one, so an example that stops working fails a test rather than a newcomer.
 */
export interface ExampleOperation {
  /** The operation's name, e.g. `SimThreats`. */
  name: string;
  /** The file it is kept in, relative to schema/operations. */
  file: string;
  /** The operation alone, with the comment above it and the fragments it uses: runnable as it is. */
  document: string;
  variables: Record<string, unknown>;
}

const OPERATIONS_DIRECTORY = new URL('../schema/operations/', import.meta.url);

/** The example GraphiQL opens first: a SIM's threats with each target's reputation. */
export const FIRST_EXAMPLE = 'SimThreats';

/** Every example, FIRST_EXAMPLE first, then file by file in the order written; throws when one has no variables. */
export function loadExampleOperations(directory: URL = OPERATIONS_DIRECTORY): ExampleOperation[] {
  const examples = readdirSync(directory)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .flatMap((file) => examplesOfFile(directory, file));
  const first = examples.findIndex((example) => example.name === FIRST_EXAMPLE);
  return first < 0 ? examples : [examples[first]!, ...examples.slice(0, first), ...examples.slice(first + 1)];
}

/** A `.variables.json` beside each operations file: the variables of each operation, by its name. */
const variablesFileModel = z.record(z.string(), z.record(z.string(), z.unknown()));

function examplesOfFile(directory: URL, file: string): ExampleOperation[] {
  const text = readFileSync(new URL(file, directory), 'utf8');
  const variablesFile = file.replace(/\.graphql$/, '.variables.json');
  const variablesByOperation = variablesFileModel.parse(JSON.parse(readFileSync(new URL(variablesFile, directory), 'utf8')));
  const definitions = parse(text).definitions;
  const fragments = new Map(
    definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  return definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      const name = operation.name?.value;
      if (name === undefined) throw new Error(`schema/operations/${file}: every example operation needs a name`);
      const variables = variablesByOperation[name];
      if (variables === undefined) throw new Error(`schema/operations/${variablesFile} has no variables for ${name} (write {} when it takes none)`);
      const used = fragmentsUsed(operation, fragments);
      const document = [sourceWithComment(text, operation), ...used.map((fragment) => sourceWithComment(text, fragment))].join('\n\n');
      return { name, file, document: `${document}\n`, variables };
    });
}

/** The fragments an operation spreads, directly or through other fragments, in the order first met. */
function fragmentsUsed(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment === undefined || found.has(fragment.name.value)) return;
        found.set(fragment.name.value, fragment);
        walk(fragment);
      },
    });
  walk(operation);
  return [...found.values()];
}

/** A definition's text with the `#` comment lines directly above it (a blank line ends them). */
function sourceWithComment(text: string, definition: DefinitionNode): string {
  const { start, end } = definition.loc!;
  const lines = text.slice(0, start).split('\n');
  lines.pop();
  const comment: string[] = [];
  while (lines.length > 0 && lines[lines.length - 1]!.trimStart().startsWith('#')) comment.unshift(lines.pop()!);
  return [...comment, text.slice(start, end)].join('\n');
}

import { writeFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema, subgraphSchema } from '../src/schema/index.js';

/**
 * Writes the public schema (`/graphql`), sorted, to schema/schema.graphql (what codegen and the
 * contract check read), and the subgraph's federation SDL (`/subgraph`), with the directives
 * composition needs, to schema/subgraph.graphql.
 */
function write(name: string, text: string): void {
  const target = new URL(`../schema/${name}`, import.meta.url);
  writeFileSync(target, text.endsWith('\n') ? text : `${text}\n`);
  console.log(`wrote ${target.pathname}`);
}

write('schema.graphql', printSchema(lexicographicSortSchema(schema)));
write('subgraph.graphql', printSubgraphSchema(lexicographicSortSchema(subgraphSchema)));

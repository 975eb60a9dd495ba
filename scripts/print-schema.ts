import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from '../src/schema/index.js';

/** Writes the served schema, sorted, to schema/schema.graphql: the file codegen and the contract check read. */
const target = new URL('../schema/schema.graphql', import.meta.url);
writeFileSync(target, `${printSchema(lexicographicSortSchema(schema))}\n`);
console.log(`wrote ${target.pathname}`);

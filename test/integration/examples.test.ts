import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_EXAMPLE, loadExampleOperations } from '../../src/example-operations.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Every example GraphiQL offers, run as GraphiQL sends it (the tab's text and the variables kept
 * beside it in schema/operations), must answer data and no error on the demo's simulators.
 */

const OPERATIONS = new URL('../../schema/operations/', import.meta.url);
const examples = loadExampleOperations();

let gw: TestGateway;
beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

describe('the example operations', () => {
  it('are every operation of schema/operations, the demo query first', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../schema/generated/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;
    expect(examples.map((example) => example.name).sort()).toEqual(
      Object.values(manifest)
        .map((text) => /\b(?:query|mutation) (\w+)/.exec(text)?.[1])
        .sort(),
    );
    expect(examples[0]!.name).toBe(FIRST_EXAMPLE);
  });

  it('keep variables only for operations that exist', () => {
    for (const file of readdirSync(OPERATIONS).filter((name) => name.endsWith('.variables.json'))) {
      const names = Object.keys(JSON.parse(readFileSync(new URL(file, OPERATIONS), 'utf8')) as object);
      const inFile = examples.filter((example) => example.file === file.replace('.variables.json', '.graphql')).map((example) => example.name);
      expect(names.sort(), file).toEqual(inFile.sort());
    }
  });

  it.each(examples.map((example) => [example.name, example] as const))('%s answers data with its example variables', async (_name, example) => {
    const { status, json } = await gw.post({ query: example.document, variables: example.variables });
    expect(json.errors, example.name).toBeUndefined();
    expect(status).toBe(200);
    expect(Object.values(json.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});

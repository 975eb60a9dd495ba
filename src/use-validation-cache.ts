import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Rule sets kept: the gateway's plugins make a handful (with or without a router's, introspection on or off); a bound all the same. */
const MAX_RULE_SETS = 16;

type Results = WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly Error[]>>;

/**
 * Validation results kept per rule set, schema and parsed document, as yoga's own cache keeps them
 * (switched off in server.ts: `parserAndValidationCache: { validationCache: false }`), with rule
 * sets told apart as yoga tells them (by the rules' names, in order) without a key built per
 * request: yoga joins the names of every rule (~35 here, each `name` a native accessor) into a
 * string on every request, ~1.5% of a 20-row page's CPU. Most of a request's rules are the very
 * functions an earlier request had; only those that are not (GraphQL Armor builds its rules per
 * request) have their name read.
 *
 * Registered after every plugin that adds a rule (server.ts), so it sees the request's whole set;
 * yoga's parse cache makes the same document text the same object.
 */
export function useValidationCache(): Plugin {
  const ruleSets: (RuleSet & { results: Results })[] = [];

  const resultsFor = (rules: readonly ValidationRule[] | undefined): Results | undefined => {
    for (const set of ruleSets) if (isSameSet(set, rules)) return set.results;
    if (ruleSets.length >= MAX_RULE_SETS) return undefined;
    // Copied: the request's own array is theirs to change.
    const results: Results = new WeakMap();
    ruleSets.push({ rules: rules && [...rules], names: rules?.map((rule) => rule.name), results });
    return results;
  };

  return {
    onValidate({ params: { schema, documentAST, rules }, setResult }) {
      const results = resultsFor(rules);
      if (results === undefined) return;
      let bySchema = results.get(schema);
      if (bySchema === undefined) {
        bySchema = new WeakMap();
        results.set(schema, bySchema);
      }
      const known = bySchema.get(documentAST);
      if (known !== undefined) {
        setResult(known);
        return;
      }
      const documents = bySchema;
      return ({ result }) => {
        documents.set(documentAST, result);
      };
    },
  };
}

interface RuleSet {
  rules: readonly ValidationRule[] | undefined;
  names: readonly string[] | undefined;
}

/** The same rules by yoga's measure (their names, in order), a rule that is the very same function not asked its name. */
function isSameSet(set: RuleSet, rules: readonly ValidationRule[] | undefined): boolean {
  if (set.rules === undefined || rules === undefined) return set.rules === rules;
  if (set.rules.length !== rules.length) return false;
  for (let index = 0; index < rules.length; index += 1) {
    const rule = rules[index]!;
    if (rule !== set.rules[index] && rule.name !== set.names![index]) return false;
  }
  return true;
}

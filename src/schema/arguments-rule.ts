import SchemaBuilder, {
  BasePlugin,
  type FieldNullability,
  type InputFieldMap,
  type PothosOutputFieldConfig,
  type SchemaTypes,
  type TypeParam,
} from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import type { z } from 'zod';
import { compiled } from '../compiled-model.js';
import { argumentsRefusal } from './validators.js';

/**
 * A rule over a field's whole argument set (`argumentsRule`: `from` not after `to`, severities a
 * kind has, a window the upstream keeps), checked before the field resolves, its refusal worded as
 * Pothos' validation plugin words one (validators.ts, `argumentsRefusal`); the field resolves with
 * what the rule parsed. A rule on one argument or input field stays a `validate` of the
 * validation plugin.
 *
 * Why not the validation plugin's field-level `validate`: it runs the rule as an argument mapper,
 * through a chain of maybe-async reductions wrapped around every call of the resolver, ~1.6% of a
 * 20-row threat page's CPU (bench/README.md, "Twenty-third pass"). Here it is one synchronous check
 * in front of the resolver, through the rule compiled (compiled-model.ts). It runs after the
 * tenant scope's check and the arguments' own rules, as the field-level `validate` did.
 */

const pluginName = 'argumentsRule';

declare global {
  export namespace PothosSchemaTypes {
    interface Plugins<Types extends SchemaTypes> {
      argumentsRule: ArgumentsRulePlugin<Types>;
    }
    interface FieldOptions<
      Types extends SchemaTypes,
      ParentShape,
      Type extends TypeParam<Types>,
      Nullable extends FieldNullability<Type>,
      Args extends InputFieldMap,
      ResolveShape,
      ResolveReturnShape,
    > {
      /** A zod rule over the field's arguments as one object; it may pass on more than it names (a loose object). */
      argumentsRule?: z.ZodType;
    }
  }
}

export class ArgumentsRulePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const rule = (fieldConfig.pothosOptions as { argumentsRule?: z.ZodType }).argumentsRule;
    if (rule === undefined) return resolver;
    const model = compiled(rule);
    return (parent, args, context, info) => {
      const checked = model.safeParse(args);
      if (!checked.success) throw argumentsRefusal(checked.error.issues);
      return resolver(parent, checked.data as object, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, ArgumentsRulePlugin);

export default pluginName;

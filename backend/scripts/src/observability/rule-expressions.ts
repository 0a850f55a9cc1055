import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { parse } from 'yaml';

/** `infrastructure/prometheus/rules/`, from src/observability or dist/observability alike. */
export const RULES_DIRECTORY = fileURLToPath(
  new URL('../../../../infrastructure/prometheus/rules/', import.meta.url),
);

const Labels = Type.Record(Type.String(), Type.String());

/** A Prometheus rule file, the parts the tests read. */
export const RuleFile = Type.Object({
  groups: Type.Array(
    Type.Object({
      name: Type.String(),
      rules: Type.Array(
        Type.Object({
          alert: Type.Optional(Type.String()),
          record: Type.Optional(Type.String()),
          expr: Type.String(),
          for: Type.Optional(Type.String()),
          labels: Type.Optional(Labels),
          annotations: Type.Optional(Labels),
        }),
      ),
    }),
  ),
});

/** A rule's expression, named by its file and its alert or recorded series. */
export interface RuleExpression {
  readonly where: string;
  readonly expr: string;
}

/** Every alerting and recording rule's expression in the rule files Prometheus loads. */
export function ruleExpressions(): RuleExpression[] {
  const files = readdirSync(RULES_DIRECTORY).filter((name) => name.endsWith('.yml'));
  return files.flatMap((file) => {
    const document: unknown = parse(readFileSync(join(RULES_DIRECTORY, file), 'utf8'));
    Value.Assert(RuleFile, document);
    return document.groups.flatMap((group) =>
      group.rules.map((rule) => ({ where: `${file}: ${rule.alert ?? rule.record}`, expr: rule.expr })),
    );
  });
}

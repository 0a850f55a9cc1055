import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPrometheusTools, RunningPrometheus, runPrometheusTool } from '@know-foolery/shared/testing';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPlatformSeries, selectedSeries } from '../src/observability/platform-metrics.js';
import { RULES_DIRECTORY, RuleFile } from '../src/observability/rule-expressions.js';

const PROMETHEUS_DIRECTORY = fileURLToPath(new URL('../../../infrastructure/prometheus/', import.meta.url));
const TESTS_DIRECTORY = join(PROMETHEUS_DIRECTORY, 'tests');

const RuleTestFile = Type.Object({
  rule_files: Type.Array(Type.String()),
  tests: Type.Array(
    Type.Object({
      alert_rule_test: Type.Optional(
        Type.Array(
          Type.Object({ alertname: Type.String(), exp_alerts: Type.Optional(Type.Array(Type.Unknown())) }),
        ),
      ),
    }),
  ),
});

function yamlFiles(directory: string): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yml'))
    .map((name) => join(directory, name));
}

function readYaml<S extends typeof RuleFile | typeof RuleTestFile>(schema: S, file: string): Static<S> {
  const document: unknown = parse(readFileSync(file, 'utf8'));
  Value.Assert(schema, document);
  return document;
}

const ruleFiles = yamlFiles(RULES_DIRECTORY);
const testFiles = yamlFiles(TESTS_DIRECTORY);
const rules = ruleFiles.flatMap((file) => readYaml(RuleFile, file).groups.flatMap((group) => group.rules));
const expressions = rules.map((rule) => ({ name: rule.alert ?? rule.record, expr: rule.expr }));
const alerts = rules.flatMap((rule) => (rule.alert === undefined ? [] : [{ ...rule, alert: rule.alert }]));
const alertTests = testFiles.flatMap((file) =>
  readYaml(RuleTestFile, file).tests.flatMap((test) => test.alert_rule_test ?? []),
);

describe('the alert rules', () => {
  it('cover what the platform must be told about', () => {
    expect(alerts.map((rule) => rule.alert).sort()).toEqual([
      'CircuitBreakerOpen',
      'DatabasePoolNearlyFull',
      'DatabasePoolWaiting',
      'DatabaseUnreachable',
      'RedisBreakerOpen',
      'RedisUnreachable',
      'ServiceDown',
      'ServiceHighErrorRatio',
      'ServiceHighLatency',
      'SignInRefusalSpike',
    ]);
  });

  it.each(alerts)('$alert has a severity, a summary, a description and a duration', (rule) => {
    expect(['critical', 'warning']).toContain(rule.labels?.severity);
    expect(rule.annotations?.summary).toMatch(/\S/);
    expect(rule.annotations?.description).toMatch(/\S/);
    expect(rule.for).toMatch(/^\d+m$/);
  });

  it.each(alerts)('$alert is tested firing and not firing', ({ alert }) => {
    const cases = alertTests.filter((test) => test.alertname === alert);
    expect(cases.some((test) => (test.exp_alerts ?? []).length > 0)).toBe(true);
    expect(cases.some((test) => (test.exp_alerts ?? []).length === 0)).toBe(true);
  });

  it.each(expressions)('$name selects only series the platform exports or records', ({ expr }) => {
    const recorded = new Set(rules.flatMap((rule) => (rule.record === undefined ? [] : [rule.record])));
    const unknown = selectedSeries(expr).filter((name) => !isPlatformSeries(name) && !recorded.has(name));
    expect(unknown).toEqual([]);
  });

  it('every test file tests rule files that exist', () => {
    for (const file of testFiles) {
      for (const ruleFile of readYaml(RuleTestFile, file).rule_files)
        expect(ruleFiles).toContain(join(TESTS_DIRECTORY, ruleFile));
    }
  });
});

const tools = findPrometheusTools();

if (tools !== null) {
  describe('the alert rules in promtool and Prometheus', () => {
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      prometheus = await RunningPrometheus.start(tools);
    });

    afterAll(async () => {
      await prometheus.stop();
    });

    it('pass promtool check rules', async () => {
      const result = await runPrometheusTool(tools.promtool, ['check', 'rules', ...ruleFiles]);
      expect(result.output).not.toMatch(/FAILED/);
      expect(result.exitCode).toBe(0);
    });

    it('pass their promtool unit tests', async () => {
      const result = await runPrometheusTool(tools.promtool, ['test', 'rules', ...testFiles]);
      expect(result.output).not.toMatch(/FAILED/);
      expect(result.exitCode).toBe(0);
    });

    it.each(expressions)('$name parses in Prometheus', async ({ expr }) => {
      expect(await prometheus.query(expr)).toMatchObject({ status: 'success' });
    });
  });
}

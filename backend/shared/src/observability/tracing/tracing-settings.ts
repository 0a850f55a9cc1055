import { EnvReader, type EnvSource } from '../../config/env-reader.js';

/** What `instrument.ts` starts the SDK with; everything else the SDK reads from the OTEL_* variables. */
export interface TracingSettings {
  /** `service.name` of every span: OTEL_SERVICE_NAME, else the service the entry point belongs to. */
  readonly serviceName: string | undefined;
}

const TRACES_EXPORTERS = ['otlp', 'console', 'zipkin', 'none'] as const;
const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;
const COMPRESSIONS = ['gzip', 'none'] as const;
const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
const RATIO_SAMPLERS: readonly string[] = ['traceidratio', 'parentbased_traceidratio'];
const PROPAGATORS = ['tracecontext', 'baggage', 'b3', 'b3multi', 'jaeger', 'none'] as const;
const SDK_LOG_LEVELS = ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'VERBOSE', 'ALL'] as const;
const BATCH_LIMITS = [
  'OTEL_BSP_SCHEDULE_DELAY',
  'OTEL_BSP_EXPORT_TIMEOUT',
  'OTEL_BSP_MAX_QUEUE_SIZE',
  'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
] as const;

/** `.../gateway-service/dist/main.js`: the entry point every service is started from. */
const SERVICE_ENTRY_POINT = /([a-z]+-service)[\\/]dist[\\/]main\.js$/;

/**
 * Whether this process exports traces, and how: undefined when it does not. Tracing is on only
 * when OTEL_TRACES_EXPORTER names an exporter (unlike the SDK's own default of `otlp`, an unset
 * variable means off) and OTEL_SDK_DISABLED is not true. Every OTEL_* variable the SDK would read
 * for traces is checked first, whether tracing is on or not: a bad value throws a ConfigError
 * naming it, rather than the SDK's warning and silent fallback.
 */
export function readTracingSettings(
  source: EnvSource,
  entryPoint: string | undefined,
): TracingSettings | undefined {
  const env = new EnvReader(source);
  const disabled = env.boolean('OTEL_SDK_DISABLED', false);
  const exporters = readExporters(env);
  for (const signal of ['', 'TRACES_']) {
    env.oneOf(`OTEL_EXPORTER_OTLP_${signal}PROTOCOL`, OTLP_PROTOCOLS, 'http/protobuf');
    env.oneOf(`OTEL_EXPORTER_OTLP_${signal}COMPRESSION`, COMPRESSIONS, 'none');
    env.integer(`OTEL_EXPORTER_OTLP_${signal}TIMEOUT`, 10_000, { min: 1, max: 600_000 });
    checkEndpoint(env, `OTEL_EXPORTER_OTLP_${signal}ENDPOINT`);
    checkHeaders(env, `OTEL_EXPORTER_OTLP_${signal}HEADERS`);
  }
  checkEndpoint(env, 'OTEL_EXPORTER_ZIPKIN_ENDPOINT');
  const sampler = env.oneOf('OTEL_TRACES_SAMPLER', SAMPLERS, 'parentbased_always_on');
  if (RATIO_SAMPLERS.includes(sampler)) env.number('OTEL_TRACES_SAMPLER_ARG', 1, { min: 0, max: 1 });
  for (const propagator of env.list('OTEL_PROPAGATORS', [])) {
    if (!(PROPAGATORS as readonly string[]).includes(propagator)) {
      env.reject('OTEL_PROPAGATORS', `expected some of ${PROPAGATORS.join(', ')}, got "${propagator}"`);
    }
  }
  for (const name of BATCH_LIMITS) env.integer(name, 0, { min: 0, max: 10_000_000 });
  const logLevel = env.optionalString('OTEL_LOG_LEVEL');
  if (logLevel !== undefined && !(SDK_LOG_LEVELS as readonly string[]).includes(logLevel.toUpperCase())) {
    env.reject('OTEL_LOG_LEVEL', `expected one of ${SDK_LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const serviceName = env.optionalString('OTEL_SERVICE_NAME') ?? serviceOf(entryPoint);
  env.done();
  if (disabled || exporters.length === 0 || exporters.includes('none')) return undefined;
  return { serviceName };
}

function readExporters(env: EnvReader): readonly string[] {
  const exporters = env.list('OTEL_TRACES_EXPORTER', []);
  for (const exporter of exporters) {
    if (!(TRACES_EXPORTERS as readonly string[]).includes(exporter)) {
      env.reject(
        'OTEL_TRACES_EXPORTER',
        `expected some of ${TRACES_EXPORTERS.join(', ')}, got "${exporter}"`,
      );
    }
  }
  if (exporters.includes('none') && exporters.length > 1) {
    env.reject('OTEL_TRACES_EXPORTER', '"none" cannot be listed with an exporter');
  }
  return exporters;
}

function checkEndpoint(env: EnvReader, name: string): void {
  const raw = env.optionalString(name);
  if (raw === undefined) return;
  const protocol = URL.canParse(raw) ? new URL(raw).protocol : undefined;
  if (protocol !== 'http:' && protocol !== 'https:') {
    env.reject(name, `expected an http: or https: URL, got "${raw}"`);
  }
}

/** `key=value,key=value`; the values (API keys, often) are never repeated in a message. */
function checkHeaders(env: EnvReader, name: string): void {
  const raw = env.optionalString(name);
  if (raw === undefined) return;
  const malformed = raw.split(',').filter((pair) => !/^\s*[^=\s]+\s*=/.test(pair));
  if (malformed.length > 0) env.reject(name, 'expected key=value pairs separated by commas');
}

function serviceOf(entryPoint: string | undefined): string | undefined {
  return entryPoint === undefined ? undefined : SERVICE_ENTRY_POINT.exec(entryPoint)?.[1];
}

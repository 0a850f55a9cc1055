import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config/index.js';
import { readTracingSettings } from '../src/observability/tracing/tracing-settings.js';

const GAME_ENTRY_POINT = '/srv/app/backend/services/game-service/dist/main.js';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    readTracingSettings(env, GAME_ENTRY_POINT);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('which OTEL_* variables turn tracing on', () => {
  it('is off with no variable, or a collector address alone', () => {
    expect(readTracingSettings({}, GAME_ENTRY_POINT)).toBeUndefined();
    expect(
      readTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, GAME_ENTRY_POINT),
    ).toBe(undefined);
  });

  it('is on once OTEL_TRACES_EXPORTER names an exporter, named after the service it starts', () => {
    expect(readTracingSettings({ OTEL_TRACES_EXPORTER: 'otlp' }, GAME_ENTRY_POINT)).toEqual({
      serviceName: 'game-service',
    });
    expect(
      readTracingSettings(
        { OTEL_TRACES_EXPORTER: 'otlp,console', OTEL_SERVICE_NAME: 'games-eu' },
        GAME_ENTRY_POINT,
      ),
    ).toEqual({ serviceName: 'games-eu' });
    expect(readTracingSettings({ OTEL_TRACES_EXPORTER: 'console' }, '/tmp/other.js')).toEqual({
      serviceName: undefined,
    });
  });

  it('stays off with "none" or OTEL_SDK_DISABLED', () => {
    expect(readTracingSettings({ OTEL_TRACES_EXPORTER: 'none' }, GAME_ENTRY_POINT)).toBeUndefined();
    expect(
      readTracingSettings({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, GAME_ENTRY_POINT),
    ).toBeUndefined();
  });

  it('refuses every bad value at once, naming each variable, on or off', () => {
    const problems = problemsOf({
      OTEL_TRACES_EXPORTER: 'jaeger',
      OTEL_SDK_DISABLED: 'maybe',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'collector:4318',
      OTEL_EXPORTER_OTLP_TIMEOUT: 'soon',
      OTEL_EXPORTER_OTLP_COMPRESSION: 'zip',
      OTEL_TRACES_SAMPLER: 'sometimes',
      OTEL_PROPAGATORS: 'tracecontext,xray',
      OTEL_BSP_SCHEDULE_DELAY: '-1',
      OTEL_LOG_LEVEL: 'chatty',
    });
    expect(problems).toEqual([
      'OTEL_SDK_DISABLED: expected true or false, got "maybe"',
      'OTEL_TRACES_EXPORTER: expected some of otlp, console, zipkin, none, got "jaeger"',
      'OTEL_EXPORTER_OTLP_PROTOCOL: expected one of http/protobuf, http/json, grpc, got "http"',
      'OTEL_EXPORTER_OTLP_COMPRESSION: expected one of gzip, none, got "zip"',
      'OTEL_EXPORTER_OTLP_TIMEOUT: expected an integer, got "soon"',
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: expected an http: or https: URL, got "collector:4318"',
      'OTEL_TRACES_SAMPLER: expected one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio, got "sometimes"',
      'OTEL_PROPAGATORS: expected some of tracecontext, baggage, b3, b3multi, jaeger, none, got "xray"',
      'OTEL_BSP_SCHEDULE_DELAY: expected an integer from 0 to 10000000, got -1',
      'OTEL_LOG_LEVEL: expected one of NONE, ERROR, WARN, INFO, DEBUG, VERBOSE, ALL, got "chatty"',
    ]);
  });

  it('refuses "none" beside an exporter, and a ratio outside 0 to 1', () => {
    expect(
      problemsOf({
        OTEL_TRACES_EXPORTER: 'otlp,none',
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '2',
      }),
    ).toEqual([
      'OTEL_TRACES_EXPORTER: "none" cannot be listed with an exporter',
      'OTEL_TRACES_SAMPLER_ARG: expected a number from 0 to 1, got "2"',
    ]);
  });

  it('never repeats the value of an exporter header, which is usually a key', () => {
    const problems = problemsOf({ OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s3cret,broken-s3cret' });
    expect(problems).toEqual(['OTEL_EXPORTER_OTLP_HEADERS: expected key=value pairs separated by commas']);
    expect(readTracingSettings({ OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s3cret, team=games' }, undefined)).toBe(
      undefined,
    );
  });
});

import {
  deleteKeys,
  findTestRedis,
  OtlpReceiver,
  type ReceivedSpan,
  SPAN_KIND_CLIENT,
  SPAN_KIND_SERVER,
  testDialects,
  testKeyPrefix,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, publicApi } from '../src/api/client.js';
import { type RunningPlatform, type RunningServices, startPlatform, startServices } from '../src/platform.js';
import { Player } from '../src/public-api.js';

const redisUrl = await findTestRedis();
const postgres = testDialects().includes('postgres');
if (!postgres || redisUrl === null) {
  process.stderr.write(
    '\n*** No PostgreSQL or no Redis for this run: the tracing platform test is SKIPPED. ***\n\n',
  );
}

const THEME = 'e2e-tracing';
const QUESTIONS = ['Fernwick', 'Dapplemoor'].map((answer, index) => ({
  theme: THEME,
  text: `Which made-up town is number ${index + 1} of the tracing run?`,
  answer,
  hint: `It starts with ${answer[0]}.`,
}));
const UNKNOWN_GAME = '00000000-0000-4000-8000-000000000000';

/** A caller's trace context, with a trace id of the test's choosing so its spans are easy to find. */
function callerTrace(digit: string) {
  const traceId = digit.repeat(32);
  const spanId = digit.repeat(16);
  return { traceId, spanId, headers: { traceparent: `00-${traceId}-${spanId}-01` } };
}

/** Where spans go: OTLP over HTTP with JSON, exported only when a process stops (the batch delay is longer than the test). */
function tracingEnv(receiver: OtlpReceiver) {
  return {
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_BSP_SCHEDULE_DELAY: '600000',
  };
}

const isRedisSpan = (span: ReceivedSpan) =>
  span.attributes['db.system'] === 'redis' || span.attributes['db.system.name'] === 'redis';

/**
 * The platform on PostgreSQL and Redis, with the services a question's draw passes through as
 * real processes started as the image starts them (`node --import instrument.js`), exporting to
 * a collector the test runs. Every span arrives only with the graceful stop.
 */
describe.skipIf(!postgres || redisUrl === null)('one trace per request across the platform', () => {
  const url = redisUrl ?? '';
  const keyPrefix = testKeyPrefix('e2e-tracing');
  const drawTrace = callerTrace('a');
  const answerTrace = callerTrace('b');
  const refusedTrace = callerTrace('c');
  const unauthenticatedTrace = callerTrace('d');
  let receiver: OtlpReceiver;
  let platform: RunningPlatform;
  let spans: readonly ReceivedSpan[] = [];
  const problems: Record<string, unknown>[] = [];
  let spansBeforeStop = -1;
  let stopped = false;

  const ofTrace = (traceId: string) => spans.filter((span) => span.traceId === traceId);
  const byId = (trace: readonly ReceivedSpan[], spanId: string) =>
    trace.find((span) => span.spanId === spanId);
  const serverSpan = (trace: readonly ReceivedSpan[], service: string) =>
    trace.find((span) => span.service === service && span.kind === SPAN_KIND_SERVER);

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    platform = await startPlatform({
      dialect: 'postgres',
      processes: ['gateway', 'game', 'question'],
      env: tracingEnv(receiver),
      serviceEnv: { gateway: { REDIS_URL: url, REDIS_KEY_PREFIX: keyPrefix } },
    });
    const admin = await Player.signIn(platform.gatewayUrl, 'e2e-trace-admin', 'Admin', ['admin']);
    const imported = await admin.api.POST('/api/v1/admin/questions/import', {
      body: { format: 'json', fileName: 'tracing.json', content: JSON.stringify(QUESTIONS) },
    });
    expect(ok(imported)).toMatchObject({ imported: 2 });
    const player = await Player.signIn(platform.gatewayUrl, 'e2e-trace-player', 'Tess');
    const game = ok(await player.startGame(THEME));
    const path = { params: { path: { id: game.id } } };

    const served = ok(
      await player.api.GET('/api/v1/games/{id}/question', { ...path, headers: drawTrace.headers }),
    );
    const answer = QUESTIONS.find((question) => question.text === served.text)?.answer ?? '';
    const answered = await player.api.POST('/api/v1/games/{id}/answers', {
      ...path,
      body: { answer },
      headers: answerTrace.headers,
    });
    expect(ok(answered)).toMatchObject({ correct: true });

    const refused = await player.api.GET('/api/v1/games/{id}/question', {
      params: { path: { id: UNKNOWN_GAME } },
      headers: refusedTrace.headers,
    });
    expect(refused.response.status).toBe(404);
    problems.push({ ...refused.error });
    const anonymous = await publicApi(platform.gatewayUrl).api.GET('/api/v1/games/{id}/question', {
      params: { path: { id: UNKNOWN_GAME } },
      headers: unauthenticatedTrace.headers,
    });
    expect(anonymous.response.status).toBe(401);
    problems.push({ ...anonymous.error });

    spansBeforeStop = receiver.spans.length;
    stopped = true;
    await platform.stop();
    spans = receiver.spans;
  });

  afterAll(async () => {
    if (!stopped) await platform?.stop();
    await receiver?.stop();
    await deleteKeys(url, keyPrefix);
  });

  it('exports the spans when each process stops, not before', () => {
    expect(spansBeforeStop).toBe(0);
    expect(new Set(spans.map((span) => span.service))).toEqual(
      new Set(['gateway-service', 'game-service', 'question-service']),
    );
  });

  it("follows a question's draw from the gateway through game-service to question-service and its database", () => {
    const trace = ofTrace(drawTrace.traceId);
    const gateway = serverSpan(trace, 'gateway-service');
    const game = serverSpan(trace, 'game-service');
    const question = serverSpan(trace, 'question-service');
    expect(gateway?.parentSpanId).toBe(drawTrace.spanId);
    expect(gateway?.name).toBe('GET /api/v1/games/*');

    // Each service's server span is the child of the calling process's client span.
    const proxied = byId(trace, game?.parentSpanId ?? '');
    expect(proxied).toMatchObject({ service: 'gateway-service', kind: SPAN_KIND_CLIENT });
    expect(game?.name).toBe('GET /api/v1/games/:id/question');
    const drawCall = byId(trace, question?.parentSpanId ?? '');
    expect(drawCall).toMatchObject({ service: 'game-service', kind: SPAN_KIND_CLIENT, name: 'POST' });
    expect(question?.name).toBe('POST /internal/questions/draw');

    const queries = trace.filter((span) => span.attributes['db.system'] === 'postgresql');
    expect(new Set(queries.map((span) => span.service))).toEqual(
      new Set(['game-service', 'question-service']),
    );
    for (const query of queries) {
      expect(query.name).toMatch(/^(SELECT|INSERT|UPDATE|DELETE) \w+$/);
      expect(query.attributes['db.statement']).toMatch(/\$1/);
    }
    const redis = trace.filter(isRedisSpan);
    expect(redis.length).toBeGreaterThan(0);
    expect(redis.every((span) => span.service === 'gateway-service')).toBe(true);
    // A Redis statement is the command alone: its keys hold user ids.
    for (const span of redis) expect(String(span.attributes['db.statement'])).toMatch(/^\w+$/);

    // Every span of the trace hangs from another of the trace, up to the caller's.
    const spanIds = new Set([drawTrace.spanId, ...trace.map((span) => span.spanId)]);
    expect(trace.filter((span) => !spanIds.has(span.parentSpanId))).toEqual([]);
  });

  it('follows an answer from the gateway to game-service and its database', () => {
    const trace = ofTrace(answerTrace.traceId);
    const game = serverSpan(trace, 'game-service');
    expect(serverSpan(trace, 'gateway-service')?.parentSpanId).toBe(answerTrace.spanId);
    expect(byId(trace, game?.parentSpanId ?? '')?.service).toBe('gateway-service');
    expect(game?.name).toBe('POST /api/v1/games/:id/answers');
    expect(
      trace.some((span) => span.service === 'game-service' && span.attributes['db.system'] === 'postgresql'),
    ).toBe(true);
  });

  it('names the trace in problem responses, whichever service answered', () => {
    const [refused, unauthenticated] = problems;
    expect(refused).toMatchObject({ status: 404, traceId: refusedTrace.traceId });
    expect(serverSpan(ofTrace(refusedTrace.traceId), 'game-service')).toBeDefined();
    expect(unauthenticated).toMatchObject({ status: 401, traceId: unauthenticatedTrace.traceId });
    expect(serverSpan(ofTrace(unauthenticatedTrace.traceId), 'game-service')).toBeUndefined();
  });
});

/** `npm start` and the image set no OTEL_* variable: nothing is exported, and the services work as ever. */
describe('no spans without OTEL_TRACES_EXPORTER', () => {
  let receiver: OtlpReceiver;
  let services: RunningServices<'question'>;
  let stopped = false;

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    services = await startServices(['question'], {
      dialect: 'sqlite',
      processes: ['question'],
      // A collector's address alone does not turn tracing on.
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    });
  });

  afterAll(async () => {
    if (!stopped) await services?.stop();
    await receiver?.stop();
  });

  it('answers without a trace id and exports nothing, even after it stops', async () => {
    const missing = await fetch(`${services.urls.question}/api/v1/nothing`, {
      headers: callerTrace('e').headers,
    });
    const problem = await missing.json();
    expect(problem).toMatchObject({ status: 404, requestId: expect.any(String) });
    expect(problem).not.toHaveProperty('traceId');
    stopped = true;
    await services.stop();
    expect(receiver.spans).toEqual([]);
  });
});

import { AUTH_PATHS } from '@know-foolery/gateway-service/contract';
import {
  deleteKeys,
  findPrometheusTools,
  findTestRedis,
  type PrometheusQueryAnswer,
  RunningPrometheus,
  testDialects,
  testKeyPrefix,
  waitFor,
} from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries, withVariables } from '../../scripts/src/observability/dashboard-queries.js';
import { documentedMetricFamilies } from '../../scripts/src/observability/documented-metrics.js';
import { PLATFORM_METRICS } from '../../scripts/src/observability/platform-metrics.js';
import { ruleExpressions } from '../../scripts/src/observability/rule-expressions.js';
import { ok, type PublicApi, publicApi } from '../src/api/client.js';
import type { Browser } from '../src/browser.js';
import type { RunningPlatform } from '../src/platform.js';
import {
  playerBearerToken,
  playTwoQuestions,
  REDIS_SERVICES,
  type RelayedPlatform,
  scrapeHas,
  signedInAdmin,
  startRelayedPlatform,
} from '../src/platform-load.js';

const redisUrl = await findTestRedis();
const tools = findPrometheusTools();
const postgres = testDialects().includes('postgres');
if (!postgres) {
  process.stderr.write('\n*** No PostgreSQL for this run: the Prometheus platform test is SKIPPED. ***\n\n');
}

const THEME = 'e2e-prometheus';
// Words of ten letters: one left out is a typo the judge forgives.
const QUESTIONS = ['Marrowdale', 'Tindlebrook', 'Quastorven', 'Hollowmere'].map((answer, index) => ({
  theme: THEME,
  text: `Which made-up place is number ${index + 1} of the Prometheus run?`,
  answer,
  hint: `It starts with ${answer[0]}.`,
}));
const NO_ANSWER = { theme: THEME, text: 'Which block of this file is rejected?' };
const answerTo = new Map(QUESTIONS.map((question) => [question.text, question.answer]));
const UNKNOWN_GAME = '00000000-0000-4000-8000-000000000000';

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null;
}

/** The value of an instant query's first sample, if it has one. */
function firstValue(answer: PrometheusQueryAnswer): number | undefined {
  if (answer.status !== 'success') return undefined;
  const [sample] = answer.result;
  const value = isRecord(sample) && Array.isArray(sample.value) ? sample.value[1] : undefined;
  return typeof value === 'string' ? Number(value) : undefined;
}

/** What a query did wrong for a dashboard or a rule: its error, or no series; null when it answered. */
function problemOf(answer: PrometheusQueryAnswer, needsData: boolean): string | null {
  if (answer.status === 'error') return `${answer.errorType}: ${answer.error}`;
  return needsData && answer.result.length === 0 ? 'no series' : null;
}

describe.skipIf(redisUrl === null || tools === null || !postgres)(
  'the platform scraped by a real Prometheus after a short load with outages',
  () => {
    const url = redisUrl ?? '';
    const keyPrefix = testKeyPrefix('e2e-prometheus-platform');
    let relayed: RelayedPlatform;
    let platform: RunningPlatform;
    let prometheus: RunningPrometheus;

    const redisScrapes = (family: string) =>
      Promise.all(REDIS_SERVICES.map((name) => scrapeHas(platform.metricsUrls[name], family)));

    /**
     * A quiet day: sign-ins (one refused), an import with a bad block, games with a hint and every
     * verdict, refusals.
     */
    const playADay = async (admin: Browser, player: PublicApi, playerToken: string) => {
      const refused = await fetch(`${platform.gatewayUrl}${AUTH_PATHS.callback}?code=forged&state=forged`, {
        redirect: 'manual',
      });
      expect(refused.status).toBeLessThan(500);
      const imported = await admin.api.POST('/api/v1/admin/questions/import', {
        body: {
          format: 'json',
          fileName: 'prometheus.json',
          content: JSON.stringify([...QUESTIONS, NO_ANSWER]),
        },
      });
      expect(ok(imported)).toMatchObject({ imported: QUESTIONS.length, rejected: 1 });
      for (let game = 0; game < 2; game += 1) await playTwoQuestions(player, THEME, answerTo);
      const unknown = await player.GET('/api/v1/games/{id}/question', {
        params: { path: { id: UNKNOWN_GAME } },
      });
      expect(unknown.response.status).toBe(404);
      const unsigned = await fetch(`${platform.gatewayUrl}/api/v1/games`, { method: 'POST' });
      expect(unsigned.status).toBe(401);
      const malformed = await fetch(`${platform.gatewayUrl}/api/v1/games`, {
        method: 'POST',
        headers: { authorization: `Bearer ${playerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ theme: 42 }),
      });
      expect(malformed.status).toBe(400);
    };

    /**
     * session-service cut off from the gateway: a session cookie cannot be resolved (5xx), and once a
     * bearer token's revocation mark is past its TTL the gateway serves it from the grace period.
     */
    const loseSessionService = async (admin: Browser, player: PublicApi) => {
      ok(await player.GET('/api/v1/me'));
      await relayed.sessionRelay.cut();
      const unresolved = await admin.api.GET('/api/v1/sessions/current');
      expect(unresolved.response.status).toBeGreaterThanOrEqual(500);
      await waitFor(
        'a revocation mark served past its TTL',
        async () => {
          ok(await player.GET('/api/v1/me'));
          return scrapeHas(platform.metricsUrls.gateway, 'cache_stale_served_total');
        },
        20_000,
      );
      await relayed.sessionRelay.restore();
    };

    /** Redis cut off from every service: failed commands and cache errors, then reconnections. */
    const loseRedis = async (player: PublicApi) => {
      await relayed.redisRelay.cut();
      await waitFor('failed Redis commands and cache errors', async () => {
        await player.GET('/api/v1/me');
        await player.GET('/api/v1/themes');
        const failures = await redisScrapes('redis_client_command_failures_total');
        const errors = await redisScrapes('cache_errors_total');
        return failures.some(Boolean) && errors.some(Boolean);
      });
      await relayed.redisRelay.restore();
      await waitFor('every service connected to Redis again', async () => {
        const scrapes = await Promise.all(
          REDIS_SERVICES.map(async (name) => (await fetch(platform.metricsUrls[name])).text()),
        );
        const connected = scrapes.every((text) =>
          /^redis_client_connected\{connection="command"[^}]*\} 1$/m.test(text),
        );
        return connected && (await redisScrapes('redis_client_reconnects_total')).some(Boolean);
      });
    };

    beforeAll(async () => {
      if (tools === null)
        throw new Error('the Prometheus tools are missing: this describe should be skipped');
      relayed = await startRelayedPlatform(url, keyPrefix);
      platform = relayed.platform;
      prometheus = await RunningPrometheus.start(tools, {
        scrapeTargets: Object.values(platform.metricsUrls).map((metricsUrl) => new URL(metricsUrl).host),
        scrapeIntervalSeconds: 1,
      });
      const admin = await signedInAdmin(platform.gatewayUrl);
      const playerToken = await playerBearerToken(platform);
      const player = publicApi(platform.gatewayUrl, playerToken).api;
      await playADay(admin, player, playerToken);
      await loseSessionService(admin, player);
      await loseRedis(player);
      // Two scrapes of every service after the load: each rate has a sample from before and after it.
      const loadEnded = Date.now() / 1000;
      const targets = Object.keys(platform.metricsUrls).length;
      await waitFor('two scrapes of every service after the load', async () => {
        const scraped = await prometheus.query(
          `min(timestamp(up{job="know-foolery"})) and count(up{job="know-foolery"} == 1) == ${targets}`,
        );
        return (firstValue(scraped) ?? 0) >= loadEnded + 2;
      });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await relayed?.stop();
      await deleteKeys(url, keyPrefix);
    });

    it('holds a series of every metric family the documentation and the dashboards name', async () => {
      const documented = documentedMetricFamilies();
      // Prometheus's own `up` aside, the documentation names every family the dashboards and alerts use.
      const used = Object.keys(PLATFORM_METRICS).filter((family) => family !== 'up');
      expect(documented).toEqual(expect.arrayContaining(used));
      const families = [...new Set([...documented, ...used])];
      const missing: string[] = [];
      for (const family of families) {
        const answer = await prometheus.query(`count({__name__=~"${family}|${family}_count"})`);
        if (firstValue(answer) === undefined) missing.push(family);
      }
      expect(missing, `families without a series in Prometheus: ${missing.join(', ')}`).toEqual([]);
    });

    it('counts what the load did', async () => {
      const happened = [
        'auth_sign_ins_total{outcome="signed_in"}',
        'auth_sign_ins_total{outcome="refused"}',
        'question_imports_total{outcome="completed"}',
        'games_ended_total{reason="finished"}',
        'game_hints_total',
        ...['exact', 'typo', 'wrong'].map((verdict) => `game_answers_total{verdict="${verdict}"}`),
        'cache_stale_served_total',
        'sum(redis_client_command_failures_total)',
        'sum(cache_errors_total)',
      ];
      const uncounted: string[] = [];
      for (const expr of happened) {
        const count = firstValue(await prometheus.query(expr)) ?? 0;
        if (count <= 0) uncounted.push(expr);
      }
      expect(uncounted, `counted nothing: ${uncounted.join(', ')}`).toEqual([]);
    });

    it('answers every dashboard panel query with at least one series', async () => {
      const empty: string[] = [];
      for (const { where, expr } of dashboardQueries()) {
        const problem = problemOf(await prometheus.query(withVariables(expr)), true);
        if (problem !== null) empty.push(`${where}: ${problem}`);
      }
      expect(empty, `panels that show nothing:\n${empty.join('\n')}`).toEqual([]);
    });

    it('evaluates every rule expression without an error', async () => {
      const failing: string[] = [];
      for (const { where, expr } of ruleExpressions()) {
        const problem = problemOf(await prometheus.query(expr), false);
        if (problem !== null) failing.push(`${where}: ${problem}`);
      }
      expect(failing, `rules Prometheus cannot evaluate:\n${failing.join('\n')}`).toEqual([]);
    });
  },
);

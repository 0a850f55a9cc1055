import { startBaselineServer } from '../baseline-server.js';
import { type LoadResult, measureLoad } from '../load.js';
import type { RunningPlatform } from '../platform.js';
import type { Row } from '../report.js';

export interface LoadShape {
  readonly connections: number;
  readonly durationSeconds: number;
}

export async function measureBaseline(shape: LoadShape): Promise<LoadResult> {
  const baseline = await startBaselineServer();
  try {
    return await measureLoad({ url: `${baseline.url}/health/live`, ...shape, cpu: baseline });
  } finally {
    await baseline.close();
  }
}

export function loadRow(
  scenario: string,
  result: LoadResult,
  baseline?: { name: string; result: LoadResult },
): Row {
  return {
    scenario,
    requestsPerSecond: result.requestsPerSecond,
    p50: result.p50,
    p99: result.p99,
    p999: result.p999,
    ...(result.cpuMicrosPerRequest === undefined ? {} : { cpuMicrosPerRequest: result.cpuMicrosPerRequest }),
    ...(baseline === undefined
      ? {}
      : { baseline: baseline.name, ratio: result.requestsPerSecond / baseline.result.requestsPerSecond }),
    ...(result.errors + result.non2xx > 0
      ? { note: `${result.errors} errors, ${result.non2xx} non-2xx` }
      : {}),
  };
}

/** `/health/live` through the gateway (one proxy hop) and straight on a service, against the bare baseline. */
export async function healthRows(
  platform: RunningPlatform,
  shape: LoadShape,
  baseline: LoadResult,
): Promise<Row[]> {
  const reference = { name: 'bare node http', result: baseline };
  const gateway = await measureLoad({ url: `${platform.gatewayUrl}/health/live`, ...shape, cpu: platform });
  const direct = await measureLoad({ url: `${platform.urls.question}/health/live`, ...shape, cpu: platform });
  return [
    loadRow('bare node http server (baseline)', baseline),
    loadRow('gateway /health/live', gateway, reference),
    loadRow('question-service /health/live (direct)', direct, reference),
  ];
}

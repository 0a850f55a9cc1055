import { EnvReader, type EnvSource, readServiceUrl, type ServiceName } from '@know-foolery/shared/config';
import { sleep } from '@know-foolery/shared/utils';

/** Where each service answers, read from the same variables the services read. */
export function serviceUrls(services: readonly ServiceName[], env: EnvSource): Map<ServiceName, string> {
  const reader = new EnvReader(env);
  return new Map(services.map((service) => [service, readServiceUrl(reader, service)]));
}

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Resolves with the services still not ready when the deadline passed (empty: all are ready). */
export async function waitForReadiness<Name extends string>(
  urls: ReadonlyMap<Name, string>,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Name[]> {
  const pending = new Set(urls.keys());
  const deadline = Date.now() + timeoutMs;
  while (pending.size > 0 && Date.now() < deadline && !signal.aborted) {
    const results = await Promise.all(
      [...pending].map(async (service) => [service, await isReady(urls.get(service) ?? '')] as const),
    );
    for (const [service, ready] of results) if (ready) pending.delete(service);
    if (pending.size > 0) await sleep(100);
  }
  return [...pending];
}

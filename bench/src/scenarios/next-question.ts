import { createAuth } from '@know-foolery/shared/auth';
import { EnvReader, readAuthConfig } from '@know-foolery/shared/config';
import type { CpuSource } from '../cpu.js';
import { type LoadResult, measureLoad } from '../load.js';

/** The platform's development auth settings: the benchmark speaks to services as a service would. */
async function serviceAuthorization(): Promise<string> {
  const { issuer } = createAuth(readAuthConfig(new EnvReader({})));
  if (issuer === null) throw new Error('the development auth provider cannot issue tokens');
  const token = await issuer.issueToken({ subject: 'service:bench', roles: ['service'] });
  return `Bearer ${token.accessToken}`;
}

/** Drawing the next question straight from question-service, as game-service does for every new question. */
export async function measureDraws(
  questionServiceUrl: string,
  shape: { connections: number; durationSeconds: number },
  cpu: CpuSource,
): Promise<LoadResult> {
  const authorization = await serviceAuthorization();
  return measureLoad({
    url: `${questionServiceUrl}/internal/questions/draw`,
    ...shape,
    cpu,
    requests: [
      {
        method: 'POST',
        path: '/internal/questions/draw',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ excludeIds: [] }),
      },
    ],
  });
}

import { publicAccess } from '@know-foolery/shared/auth';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import { Themes } from '../contract/themes.js';
import type { QuestionDeps } from '../use-cases/deps.js';
import { listThemes } from '../use-cases/themes.js';

export function themeRoutes(deps: QuestionDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/themes',
      {
        config: { auth: publicAccess },
        schema: {
          tags: ['questions'],
          summary: 'Themes with their active question counts',
          security: [],
          response: { 200: Themes },
        },
      },
      async () => ({ themes: await listThemes(deps) }),
    );
  };
}

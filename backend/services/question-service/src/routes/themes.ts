import { publicAccess } from '@know-foolery/shared/auth';
import { documented, type ServiceApp } from '@know-foolery/shared/http-server';
import { Themes } from '../contract/themes.js';
import type { QuestionDeps } from '../use-cases/deps.js';
import { listThemes } from '../use-cases/themes.js';

const ThemeList = documented(Themes, 'Every theme with active questions, by name', [
  { items: [{ theme: 'geography', questionCount: 412 }] },
]);

export function themeRoutes(deps: QuestionDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/themes',
      {
        config: { auth: publicAccess },
        schema: {
          tags: ['questions'],
          summary: 'Themes with their active question counts',
          description: 'Public: no token needed.',
          operationId: 'listThemes',
          security: [],
          response: { 200: ThemeList },
        },
      },
      // The cached list is read-only (every request shares it); the route returns a copy of it.
      async () => ({ items: [...(await listThemes(deps))] }),
    );
  };
}

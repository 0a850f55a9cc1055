import { describe, expect, it } from 'vitest';
import { mergeOpenApi, type ServiceDocument } from '../src/docs/merge-openapi.js';

const admin: ServiceDocument = {
  paths: {
    '/api/v1/admin/questions': { get: { summary: 'questions', tags: ['questions'], responses: {} } },
    '/api/v1/administrators': { get: { summary: 'not an admin route', tags: ['questions'], responses: {} } },
  },
};
const gateway: ServiceDocument = {
  paths: {
    '/api/v1/auth/sign-in': { get: { summary: 'sign in', tags: ['auth'], security: [], responses: {} } },
  },
};

const forbiddenCodes = (document: Record<string, unknown>, path: string): unknown => {
  const paths = document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  return JSON.stringify(paths[path]?.get?.responses['403'] ?? null);
};

describe('the public document with sign-in', () => {
  it('documents STEP_UP_REQUIRED on the admin routes when they need a second factor, and nowhere else', () => {
    const withStepUp = mergeOpenApi(gateway, [{ name: 'admin-service', document: admin }], 'test', {
      stepUp: true,
    });
    expect(forbiddenCodes(withStepUp, '/api/v1/admin/questions')).toContain('STEP_UP_REQUIRED');
    expect(forbiddenCodes(withStepUp, '/api/v1/administrators')).not.toContain('STEP_UP_REQUIRED');

    const withoutStepUp = mergeOpenApi(gateway, [{ name: 'admin-service', document: admin }], 'test');
    expect(JSON.stringify(withoutStepUp)).not.toContain('STEP_UP_REQUIRED');
  });

  it('lists the tags some operation uses, in their fixed order', () => {
    const merged = mergeOpenApi(gateway, [{ name: 'admin-service', document: admin }], 'test');
    expect((merged.tags as { name: string }[]).map((tag) => tag.name)).toEqual(['questions', 'auth']);
    const alone = mergeOpenApi({ paths: {} }, [], 'test');
    expect(alone.tags).toEqual([]);
  });
});

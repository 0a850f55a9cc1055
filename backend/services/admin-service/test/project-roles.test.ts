import { describe, expect, it } from 'vitest';
import { ProjectRoles } from '../src/domain/project-roles.js';

describe('the project roles admin-service grants and revokes', () => {
  const roles = new ProjectRoles([
    { zitadelRole: 'kf-player', platformRole: 'player' },
    { zitadelRole: 'kf-admin', platformRole: 'admin' },
    { zitadelRole: 'kf-owner', platformRole: 'admin' },
  ]);

  it('grants the first key the map turns into admin, once', () => {
    expect(roles.adminKey).toBe('kf-admin');
    expect(roles.withAdmin(['kf-player'])).toEqual(['kf-player', 'kf-admin']);
    expect(roles.withAdmin(['kf-player', 'kf-owner'])).toEqual(['kf-player', 'kf-owner']);
  });

  it('revokes every key that makes an admin, keeping the others', () => {
    expect(roles.holdsAdmin(['kf-owner'])).toBe(true);
    expect(roles.holdsAdmin(['kf-player', 'unmapped'])).toBe(false);
    expect(roles.withoutAdmin(['kf-player', 'kf-admin', 'kf-owner', 'unmapped'])).toEqual([
      'kf-player',
      'unmapped',
    ]);
  });

  it('reads keys as platform roles in the map order, each once, ignoring keys it does not map', () => {
    expect(roles.platformRoles(['kf-owner', 'unmapped', 'kf-admin', 'kf-player'])).toEqual([
      'player',
      'admin',
    ]);
    expect(roles.platformRoles([])).toEqual([]);
  });

  it('refuses a map that turns no key into admin', () => {
    expect(() => new ProjectRoles([{ zitadelRole: 'kf-player', platformRole: 'player' }])).toThrow(/admin/);
  });
});

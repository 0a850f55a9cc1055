import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { type Gateway, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const PAGE =
  '<!doctype html><title>Know Foolery</title><script type="module" src="/assets/index-Ab12Cd34.js"></script>';
const SCRIPT = 'console.log("played");';
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built client as Vite leaves it: the page, and its content-hashed assets. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kf-gateway-client-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(dir, '.env'), 'SECRET=never-served');
  return dir;
}

describe('the gateway serving the web client', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;
  let dir: string;

  beforeAll(async () => {
    dir = fakeBuild();
    stubs = await startUpstreamStubs();
    gateway = buildApp({ ...gatewayDeps(stubs), webClientDir: dir });
    await gateway.ready();
  });

  afterAll(async () => {
    await gateway.close();
    await stubs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page at / to anyone, asked for again each time, under a CSP that allows only its own files', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toBe(PAGE);
    expect(response.headers['cache-control']).toBe('no-cache');
    const policy = String(response.headers['content-security-policy']).split('; ');
    expect(policy).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
      ]),
    );
    expect(policy.join(' ')).not.toMatch(/unsafe|\*/);
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('serves a hashed asset to be kept a year, and keeps the API under its stricter policy', async () => {
    const asset = await gateway.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe(SCRIPT);
    expect(asset.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    const api = await gateway.inject({ method: 'GET', url: '/api/v1/themes' });
    expect(api.headers['content-security-policy']).toMatch(/^default-src 'none'/);
  });

  it.each([
    '/assets/index-Missing1.js',
    '/assets/../index.html',
    '/assets/%2e%2e/index.html',
    '/assets/../.env',
  ])('answers %s with a problem that is not kept', async (url) => {
    const response = await gateway.inject({ method: 'GET', url });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['cache-control']).not.toBe(YEAR_IMMUTABLE);
    expect(response.body).not.toContain('never-served');
  });
});

describe('where the gateway finds the web client', () => {
  it('takes WEB_CLIENT_DIR when it holds a built page', () => {
    const dir = fakeBuild();
    try {
      expect(loadConfig({ WEB_CLIENT_DIR: dir }).webClientDir).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a WEB_CLIENT_DIR that holds no page, naming it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kf-gateway-empty-'));
    try {
      expect(() => loadConfig({ WEB_CLIENT_DIR: empty })).toThrow(
        `WEB_CLIENT_DIR: expected a built web client (a folder with index.html), got "${empty}"`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

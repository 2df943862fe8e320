import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestApp,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';

describe('ACC-1 sign-in, session cookie, CSRF, rate limit', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
  });
  afterAll(() => t.close());

  it('signs in with the right password and sets an HTTP-only cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: tenant.users.admin.email.toUpperCase(), password: 'correct horse battery staple' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'encours_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(response.json().user).toMatchObject({ email: tenant.users.admin.email, role: 'admin' });
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: tenant.users.user.email, password: 'nope' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@example.test', password: 'nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('answers 401 without a session and 403 for a change without the CSRF token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const session = await signIn(t.app, tenant.users.admin.email);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: session.cookie },
    });
    expect(me.statusCode).toBe(200);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: { cookie: session.cookie },
      payload: { code: 'X1', name: 'X' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('csrf_mismatch');
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const session = await signIn(t.app, tenant.users.viewer.email);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('limits sign-in attempts per address and email', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'target@example.test', password: 'guess' },
      });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await attempt()).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });
});

describe('ACC-1 the sign-in limits cannot be dodged', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('ignores a forged X-Forwarded-For when no proxy is configured', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        payload: { email: 'forged@example.test', password: 'guess' },
      });
      codes.push(response.statusCode);
    }
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('stops guessing one account from many addresses after 20 failures', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 22; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: `198.51.100.${i}`,
        payload: { email: 'victim@example.test', password: `guess ${i}` },
      });
      codes.push(response.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes.slice(20)).toEqual([429, 429]);
  });
});

describe('ACC-4 the interface language is kept per user', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
  });
  afterAll(() => t.close());

  it('saves the locale in the profile and refuses an unknown one', async () => {
    const session = await signIn(t.app, tenant.users.user.email);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: session.headers,
      payload: { locale: 'en' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.locale).toBe('en');
    const again = await signIn(t.app, tenant.users.user.email);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: again.headers });
    expect(me.json().user.locale).toBe('en');
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: session.headers,
      payload: { locale: 'de' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_input');
  });
});

describe('health and OpenAPI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers health without a session, with the database kind and the day', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', today: '2024-04-30', database: t.database.kind });
  });

  it('serves an OpenAPI document that describes the routes and their inputs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/sign-in',
      '/api/companies',
      '/api/uploads',
      '/api/imports',
      '/api/imports/{id}',
      '/api/customers',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(
      doc.paths['/api/auth/sign-in'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['email', 'password']);
    expect(doc.paths['/api/customers'].get.parameters.map((p: { name: string }) => p.name)).toContain(
      'companyId',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTenant,
  createTestApp,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';

describe('companies', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    t = await createTestApp();
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
  });
  afterAll(() => t.close());

  it('lists only the caller organization companies', async () => {
    const session = await signIn(t.app, tenant.users.viewer.email);
    const response = await t.app.inject({ method: 'GET', url: '/api/companies', headers: session.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().companies.map((c: { id: string }) => c.id)).toEqual([tenant.companyId]);
  });

  it('lets an admin create a company with canonical terms, and refuses users and viewers', async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: admin.headers,
      payload: { code: 'EXPORT', name: 'Export SAS', currency: 'usd', defaultTerms: '45 jours fin de mois' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      code: 'EXPORT',
      currency: 'USD',
      defaultTerms: '45 days end of month',
      receivablePrefixes: ['411', '416'],
    });
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: admin.headers,
      payload: { code: 'EXPORT', name: 'Again' },
    });
    expect(duplicate.statusCode).toBe(409);
    const badTerms = await t.app.inject({
      method: 'POST',
      url: '/api/companies',
      headers: admin.headers,
      payload: { code: 'B', name: 'B', defaultTerms: 'whenever' },
    });
    expect(badTerms.statusCode).toBe(400);
    expect(badTerms.json().error.message).toContain('defaultTerms');
    for (const role of ['user', 'viewer'] as const) {
      const session = await signIn(t.app, tenant.users[role].email);
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/companies',
        headers: session.headers,
        payload: { code: `R${role}`, name: 'R' },
      });
      expect(refused.statusCode).toBe(403);
    }
  });

  it('does not let another organization create in or see this one', async () => {
    const outsider = await signIn(t.app, other.users.admin.email);
    const list = await t.app.inject({ method: 'GET', url: '/api/companies', headers: outsider.headers });
    expect(list.json().companies.map((c: { id: string }) => c.id)).toEqual([other.companyId]);
  });
});

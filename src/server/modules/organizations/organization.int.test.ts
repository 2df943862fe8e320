import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestApp,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';

describe('organization settings', () => {
  let t: TestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createTestApp({ today: '2023-09-30' });
    tenant = await createTenant(t.database);
    await importSharedFec(t.database, tenant, NEOLEGAL_111, '2023-09-30');
  });
  afterAll(() => t.close());

  it('VIS-2 an admin changes the aging bounds: every list and the dashboard re-bucket at once', async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const before = (
      await t.app.inject({ method: 'GET', url: '/api/customers?pageSize=200', headers: admin.headers })
    ).json();
    expect(before.agingBounds).toEqual([30, 60, 90]);
    expect(before.items[0].buckets).toHaveLength(5);

    const patch = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: admin.headers,
      payload: { agingBounds: [15, 45] },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ agingBounds: [15, 45], paymentDelayFrom: 'document' });

    const after = (
      await t.app.inject({ method: 'GET', url: '/api/customers?pageSize=200', headers: admin.headers })
    ).json();
    expect(after.agingBounds).toEqual([15, 45]);
    for (const row of after.items) {
      expect(row.buckets).toHaveLength(4);
      expect(row.buckets.reduce((a: number, b: number) => a + b, 0)).toBe(row.balance);
    }
    const dashboard = (
      await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: admin.headers })
    ).json();
    expect(dashboard.agingBounds).toEqual([15, 45]);
    expect(dashboard.currencies[0].buckets).toHaveLength(4);
    expect(dashboard.currencies[0].buckets.reduce((a: number, b: number) => a + b, 0)).toBe(1_441_652);
  });

  it('VIS-2 bounds that do not increase are refused with the field named, and nothing changes', async () => {
    const admin = await signIn(t.app, tenant.users.admin.email);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: '/api/organization/settings',
      headers: admin.headers,
      payload: { agingBounds: [60, 30] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('agingBounds');
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/organization/settings',
      headers: admin.headers,
    });
    expect(read.json().agingBounds).toEqual([15, 45]);
  });

  it('COL-5 users and viewers read the settings but cannot change them; each organization has its own', async () => {
    for (const role of ['user', 'viewer'] as const) {
      const session = await signIn(t.app, tenant.users[role].email);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/organization/settings', headers: session.headers }))
          .statusCode,
      ).toBe(200);
      const response = await t.app.inject({
        method: 'PATCH',
        url: '/api/organization/settings',
        headers: session.headers,
        payload: { paymentDelayFrom: 'due' },
      });
      expect(response.statusCode).toBe(403);
    }
    const other = await createTenant(t.database);
    const session = await signIn(t.app, other.users.admin.email);
    const read = await t.app.inject({
      method: 'GET',
      url: '/api/organization/settings',
      headers: session.headers,
    });
    expect(read.json().agingBounds).toEqual([30, 60, 90]);
  });
});

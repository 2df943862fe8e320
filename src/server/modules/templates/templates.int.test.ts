import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSharedFec, NEOLEGAL_111 } from '../../../../test/support/ledger-fixtures';
import {
  createTenant,
  createTestApp,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import type {
  TemplateDto,
  TemplateExport,
  TemplateList,
  TemplatePreview,
  TemplateProblem,
} from '../../../contracts/templates';
import { selectRows } from '../../db/client';
import { renderReminderTemplate } from '../dunning/reminder-templates';
import { loadTemplateSet } from './template-set';

const TODAY = '2023-07-31';
const VALID = {
  name: 'Relance 1 maison',
  subject: 'Compte {{ customer.account }} : {{ reminder.total | money }} à régler',
  text: 'Bonjour {{ customer.name }},\n{% for item in items %}- {{ item.piece }} : {{ item.amount | money }}\n{% endfor %}{{ company.legalMentions }}',
  html: '<p>Bonjour {{ customer.name }}</p><p>Total : {{ reminder.total | money }}</p>',
};

describe('TPL-1 TPL-2 reminder templates over HTTP', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let customerId: string;
  let customerAccount: string;
  const sessions = new Map<string, Session>();
  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
    await importSharedFec(t.database, tenant, NEOLEGAL_111, TODAY);
    const [customer] = await selectRows<{ id: string; account: string }>(
      t.database.db,
      sql`select c.id, c.account from customers c
        where c.org_id = ${tenant.orgId} and exists (select 1 from open_items o where o.org_id = c.org_id
          and o.company_id = c.company_id and o.customer_account = c.account and o.amount > 0
          and o.due_date <= ${TODAY})
        order by c.account limit 1`,
    );
    customerId = customer!.id;
    customerAccount = customer!.account;
  });
  afterAll(() => t.close());

  const call = async (
    email: string,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    payload?: unknown,
  ) => {
    let session = sessions.get(email);
    if (!session) {
      session = await signIn(t.app, email);
      sessions.set(email, session);
    }
    const response = await t.app.inject({
      method,
      url,
      headers: session.headers,
      ...(payload ? { payload } : {}),
    });
    return {
      status: response.statusCode,
      json: <T>() => response.json<T>(),
      problems: () =>
        response.json<{ error: { details: { problems: TemplateProblem[] } } }>().error.details.problems,
    };
  };
  const admin = () => tenant.users.admin.email;
  const setLanguage = (language: string | null) =>
    t.database.db.execute(
      sql`update customers set manual_contact = ${language ? JSON.stringify({ language }) : '{}'}::jsonb
        where org_id = ${tenant.orgId} and id = ${customerId}`,
    );

  it('TPL-1 every role lists the built-in templates in French and English', async () => {
    const list = await call(tenant.users.viewer.email, 'GET', '/api/templates');
    expect(list.status).toBe(200);
    const body = list.json<TemplateList>();
    expect(body.languages).toEqual(['fr', 'en']);
    expect(body.defaultLanguage).toBe('fr');
    expect(body.templates).toContainEqual(
      expect.objectContaining({
        templateId: 'standard-r1',
        language: 'en',
        source: 'builtIn',
        name: 'Reminder 1',
      }),
    );
    expect(body.templates).toHaveLength(16);
  });

  it('TPL-2 refuses an unknown variable, an unknown filter, a file tag and a runaway loop with their position', async () => {
    const put = (body: object) =>
      call(admin(), 'PUT', '/api/templates/standard-r1/fr', { ...VALID, ...body });
    const unknownVariable = await put({ text: 'Bonjour\n  {{ customer.nmae }}' });
    expect(unknownVariable.status).toBe(400);
    expect(unknownVariable.problems()).toEqual([
      expect.objectContaining({
        part: 'text',
        kind: 'unknownVariable',
        name: 'customer.nmae',
        line: 2,
        column: 6,
      }),
    ]);
    expect(unknownVariable.json<{ error: { message: string } }>().error.message).toContain(
      'unknown variable customer.nmae at line 2, column 6',
    );
    const loopField = await put({ text: '{% for item in items %}{{ item.prix }}{% endfor %}' });
    expect(loopField.problems()[0]).toMatchObject({ name: 'item.prix', line: 1, column: 27 });
    const unknownFilter = await put({ subject: '{{ customer.name | shout }}' });
    expect(unknownFilter.status).toBe(400);
    expect(unknownFilter.problems()[0]).toMatchObject({
      part: 'subject',
      kind: 'unknownFilter',
      name: 'shout',
      line: 1,
      column: 20,
    });
    const include = await put({ html: '<p>{% include "/etc/passwd" %}</p>' });
    expect(include.problems()[0]).toMatchObject({ part: 'html', kind: 'forbiddenTag', name: 'include' });
    const runaway = await put({ text: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' });
    expect(runaway.problems()[0]).toMatchObject({ kind: 'limit' });
    // Nothing was saved.
    const list = (await call(admin(), 'GET', '/api/templates')).json<TemplateList>();
    expect(list.templates.filter((x) => x.source !== 'builtIn')).toEqual([]);
  });

  it('TPL-1 only admins write; users and viewers read', async () => {
    for (const role of ['user', 'viewer'] as const) {
      const email = tenant.users[role].email;
      expect((await call(email, 'PUT', '/api/templates/standard-r1/fr', VALID)).status).toBe(403);
      expect((await call(email, 'DELETE', '/api/templates/standard-r1/fr')).status).toBe(403);
      expect((await call(email, 'POST', '/api/templates/languages', { from: 'fr', to: 'de' })).status).toBe(
        403,
      );
      expect(
        (
          await call(email, 'POST', '/api/templates/import', {
            format: 'encours-reminder-templates',
            version: 1,
            templates: [],
          })
        ).status,
      ).toBe(403);
      expect((await call(email, 'GET', '/api/templates/standard-r1/fr')).status).toBe(200);
      expect((await call(email, 'GET', '/api/templates/export')).status).toBe(200);
    }
  });

  it('TPL-1 saves the organization’s version, a company’s own version over it, and restores each default', async () => {
    const saved = await call(admin(), 'PUT', '/api/templates/standard-r1/fr', VALID);
    expect(saved.status).toBe(200);
    expect(saved.json<TemplateDto>()).toMatchObject({ ...VALID, source: 'organization' });
    const company = `?companyId=${tenant.companyId}`;
    const own = { ...VALID, name: 'Relance 1 société', subject: 'Société : {{ customer.name }}' };
    expect((await call(admin(), 'PUT', `/api/templates/standard-r1/fr${company}`, own)).status).toBe(200);
    const companyView = (
      await call(admin(), 'GET', `/api/templates/standard-r1/fr${company}`)
    ).json<TemplateDto>();
    expect(companyView).toMatchObject({ subject: own.subject, source: 'company' });
    const orgView = (await call(admin(), 'GET', '/api/templates/standard-r1/fr')).json<TemplateDto>();
    expect(orgView).toMatchObject({ subject: VALID.subject, source: 'organization' });
    // The send path reads the same: the company's version, then the organization's.
    const set = await loadTemplateSet(t.database.db, tenant.orgId, tenant.companyId);
    const context = {
      company: { name: 'Main company', currency: 'EUR' },
      customer: { account: '411X', name: 'Dupont' },
      reminder: { level: 'R1', total: 1000, itemCount: 0 },
      items: [],
      today: TODAY,
    };
    expect(renderReminderTemplate('standard-r1', 'fr', context, set).subject).toBe('Société : Dupont');
    expect((await call(admin(), 'DELETE', `/api/templates/standard-r1/fr${company}`)).status).toBe(204);
    const back = (await call(admin(), 'GET', `/api/templates/standard-r1/fr${company}`)).json<TemplateDto>();
    expect(back).toMatchObject({ subject: VALID.subject, source: 'organization' });
    const set2 = await loadTemplateSet(t.database.db, tenant.orgId, tenant.companyId);
    expect(renderReminderTemplate('standard-r1', 'fr', context, set2).subject).toBe(
      'Compte 411X : 10,00\u00a0€ à régler',
    );
    expect((await call(admin(), 'DELETE', '/api/templates/standard-r1/fr')).status).toBe(204);
    const builtIn = (await call(admin(), 'GET', '/api/templates/standard-r1/fr')).json<TemplateDto>();
    expect(builtIn).toMatchObject({ source: 'builtIn', name: 'Relance 1' });
    expect(builtIn.subject).toContain('factures échues');
    expect((await call(admin(), 'DELETE', '/api/templates/standard-r1/fr')).status).toBe(404);
  });

  it('TPL-1 previews on a real customer with its open items, the saved version or a draft', async () => {
    const preview = await call(tenant.users.viewer.email, 'POST', '/api/templates/preview', {
      companyId: tenant.companyId,
      customerId,
      templateId: 'standard-r1',
    });
    expect(preview.status).toBe(200);
    const body = preview.json<TemplatePreview>();
    expect(body.language).toBe('fr');
    expect(body.subject).toBe(`Main company : factures échues, compte ${customerAccount}`);
    expect(body.itemCount).toBeGreaterThan(0);
    const [first] = await selectRows<{ piece_ref: string }>(
      t.database.db,
      sql`select e.piece_ref from open_items o join entries e using (org_id, company_id, entry_key)
        where o.org_id = ${tenant.orgId} and o.customer_account = ${customerAccount} and o.amount > 0
          and o.due_date <= ${TODAY} order by o.due_date, e.piece_ref limit 1`,
    );
    expect(body.text).toContain(`- ${first!.piece_ref} du `);
    expect(body.html).toContain(`<li>${first!.piece_ref} du `);
    const draft = await call(admin(), 'POST', '/api/templates/preview', {
      companyId: tenant.companyId,
      customerId,
      templateId: 'standard-r1',
      language: 'fr',
      draft: {
        subject: '{{ sender.name }} / {{ reminder.itemCount }}',
        text: '{{ reminder.oldestDueDate | date_fr }}',
        html: null,
      },
    });
    expect(draft.status).toBe(200);
    expect(draft.json<TemplatePreview>().subject).toBe(`admin user / ${body.itemCount}`);
    const bad = await call(admin(), 'POST', '/api/templates/preview', {
      companyId: tenant.companyId,
      customerId,
      templateId: 'standard-r1',
      draft: { subject: 'x', text: 'a\nb {{ nope }}', html: null },
    });
    expect(bad.status).toBe(400);
    expect(bad.problems()[0]).toMatchObject({ name: 'nope', line: 2, column: 6 });
  });

  it('TPL-1 an added language serves its customers; others get the default language, then French', async () => {
    const added = await call(admin(), 'POST', '/api/templates/languages', { from: 'en', to: 'de' });
    expect(added.status).toBe(200);
    expect(added.json()).toEqual({ imported: 8 });
    const list = (await call(admin(), 'GET', '/api/templates')).json<TemplateList>();
    expect(list.languages).toEqual(['fr', 'en', 'de']);
    const german = { ...VALID, name: 'Mahnung 1', subject: 'Mahnung {{ customer.account }}' };
    expect((await call(admin(), 'PUT', '/api/templates/standard-r1/de', german)).status).toBe(200);
    const preview = (language: string | null) =>
      setLanguage(language).then(() =>
        call(admin(), 'POST', '/api/templates/preview', {
          companyId: tenant.companyId,
          customerId,
          templateId: 'standard-r1',
        }),
      );
    const de = (await preview('de-DE')).json<TemplatePreview>();
    expect(de).toMatchObject({ language: 'de', subject: `Mahnung ${customerAccount}` });
    expect((await preview('es')).json<TemplatePreview>().language).toBe('fr');
    expect(
      (await call(admin(), 'PATCH', '/api/organization/settings', { templateLanguage: 'en' })).status,
    ).toBe(200);
    expect((await preview('es')).json<TemplatePreview>().language).toBe('en');
    expect((await preview(null)).json<TemplatePreview>().language).toBe('en');
    expect((await preview('English')).json<TemplatePreview>().language).toBe('en');
    await call(admin(), 'PATCH', '/api/organization/settings', { templateLanguage: 'fr' });
    await setLanguage(null);
  });

  it('TPL-1 exports and imports as JSON: the round trip gives identical templates in another organization', async () => {
    const custom = { ...VALID, text: `${VALID.text}\n{{ customer.customFields.region }} é ü ß`, html: null };
    expect((await call(admin(), 'PUT', '/api/templates/standard-formal-notice/en', custom)).status).toBe(200);
    const exported = await call(admin(), 'GET', '/api/templates/export');
    expect(exported.status).toBe(200);
    const file = exported.json<TemplateExport>();
    expect(file.templates.map((x) => `${x.templateId}:${x.language}`)).toContain('standard-formal-notice:en');
    const imported = await call(other.users.admin.email, 'POST', '/api/templates/import', file);
    expect(imported.status).toBe(200);
    expect(imported.json()).toEqual({ imported: file.templates.length });
    const again = await call(other.users.admin.email, 'GET', '/api/templates/export');
    expect(again.json<TemplateExport>()).toEqual(file);
    const a = (await call(admin(), 'GET', '/api/templates')).json<TemplateList>();
    const b = (await call(other.users.admin.email, 'GET', '/api/templates')).json<TemplateList>();
    const strip = (l: TemplateList) => l.templates.map(({ updatedAt: _u, ...x }) => x);
    expect(strip(b)).toEqual(strip(a));
    for (const x of file.templates) {
      const url = `/api/templates/${x.templateId}/${x.language}`;
      const { updatedAt: _a, ...mine } = (await call(admin(), 'GET', url)).json<TemplateDto>();
      const { updatedAt: _b, ...theirs } = (
        await call(other.users.admin.email, 'GET', url)
      ).json<TemplateDto>();
      expect(theirs).toEqual(mine);
    }
    // Into a company of the same organization too.
    const toCompany = await call(
      admin(),
      'POST',
      `/api/templates/import?companyId=${tenant.companyId}`,
      file,
    );
    expect(toCompany.status).toBe(200);
    const companyFile = (
      await call(admin(), 'GET', `/api/templates/export?companyId=${tenant.companyId}`)
    ).json();
    expect(companyFile).toEqual(file);
  });

  it('TPL-2 an import with one refused template writes nothing and names it', async () => {
    const file: TemplateExport = {
      format: 'encours-reminder-templates',
      version: 1,
      templates: [
        { templateId: 'standard-r2', language: 'fr', ...VALID },
        { templateId: 'standard-r3', language: 'fr', ...VALID, text: '{{ customer.phone }}' },
      ],
    };
    const refused = await call(other.users.admin.email, 'POST', '/api/templates/import', file);
    expect(refused.status).toBe(400);
    expect(refused.json<{ error: { message: string } }>().error.message).toContain(
      'standard-r3:fr text: unknown variable customer.phone at line 1, column 4',
    );
    const r2 = (
      await call(other.users.admin.email, 'GET', '/api/templates/standard-r2/fr')
    ).json<TemplateDto>();
    expect(r2.source).toBe('builtIn');
  });

  it('TPL-1 another organization’s company or customer is a 404 on every route', async () => {
    const foreign = `?companyId=${other.companyId}`;
    const me = admin();
    expect((await call(me, 'GET', `/api/templates${foreign}`)).status).toBe(404);
    expect((await call(me, 'GET', `/api/templates/standard-r1/fr${foreign}`)).status).toBe(404);
    expect((await call(me, 'PUT', `/api/templates/standard-r1/fr${foreign}`, VALID)).status).toBe(404);
    expect((await call(me, 'DELETE', `/api/templates/standard-r1/fr${foreign}`)).status).toBe(404);
    expect((await call(me, 'GET', `/api/templates/export${foreign}`)).status).toBe(404);
    expect(
      (
        await call(me, 'POST', `/api/templates/import${foreign}`, {
          format: 'encours-reminder-templates',
          version: 1,
          templates: [],
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(me, 'POST', `/api/templates/languages${foreign}`, { from: 'fr', to: 'it' })).status,
    ).toBe(404);
    expect(
      (
        await call(me, 'POST', '/api/templates/preview', {
          companyId: other.companyId,
          customerId,
          templateId: 'standard-r1',
        })
      ).status,
    ).toBe(404);
    // Their own company, but our customer.
    expect(
      (
        await call(other.users.admin.email, 'POST', '/api/templates/preview', {
          companyId: other.companyId,
          customerId,
          templateId: 'standard-r1',
        })
      ).status,
    ).toBe(404);
    // A version the other organization saved is not ours.
    expect(
      (await call(other.users.admin.email, 'PUT', '/api/templates/standard-thank-you/fr', VALID)).status,
    ).toBe(200);
    expect((await call(me, 'GET', '/api/templates/standard-thank-you/fr')).json<TemplateDto>().source).toBe(
      'builtIn',
    );
    expect((await call(me, 'DELETE', '/api/templates/standard-thank-you/fr')).status).toBe(404);
    // A language only they have does not exist here.
    expect(
      (await call(other.users.admin.email, 'POST', '/api/templates/languages', { from: 'fr', to: 'it' }))
        .status,
    ).toBe(200);
    expect((await call(me, 'GET', '/api/templates/standard-r1/it')).status).toBe(404);
  });
});

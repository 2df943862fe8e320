import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/support/pdf-tools';
import {
  createTenant,
  createTestApp,
  multipartFile,
  type Session,
  signIn,
  type TestApp,
  type TestTenant,
} from '../../../../test/support/test-app';
import { LOGO_MAX_BYTES } from '../../../contracts/letterhead';

// A 2 × 1 PNG, red and blue.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DA8J+BAQAF/wH/2iGmsQAAAABJRU5ErkJggg==',
  'base64',
);
const SVG =
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

const BODY = {
  address: { line1: '3 avenue du Parc', postalCode: '69006', city: 'Lyon' },
  phone: '04 72 00 00 00',
  email: 'compta@acme.test',
  place: 'Lyon',
  signatoryName: 'Claire Martin',
  signatoryTitle: 'Responsable du crédit clients',
  legalForm: 'SAS',
  shareCapital: 5_000_000,
  siren: '123 456 789',
  rcsCity: 'Lyon',
  vatNumber: 'fr 12 123456789',
};

describe('TPL-4 company letterhead', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let other: TestTenant;
  let admin: Session;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp({ today: '2023-07-31' });
    tenant = await createTenant(t.database);
    other = await createTenant(t.database, { companyCode: 'OTHER' });
    admin = await signIn(t.app, tenant.users.admin.email);
    url = `/api/companies/${tenant.companyId}/letterhead`;
  });
  afterAll(() => t.close());

  const uploadLogo = (
    session: Session,
    fileName: string,
    content: Buffer | string,
    companyId = tenant.companyId,
  ) => {
    const file = multipartFile(fileName, content);
    return t.app.inject({
      method: 'PUT',
      url: `/api/companies/${companyId}/letterhead/logo`,
      headers: { ...session.headers, ...file.headers },
      payload: file.payload,
    });
  };

  it('starts empty, saves the text in canonical form, and prints it on the preview', async () => {
    const empty = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({
      companyId: tenant.companyId,
      logo: null,
      place: null,
      updatedAt: null,
    });

    const saved = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload: BODY });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      place: 'Lyon',
      siren: '123456789',
      vatNumber: 'FR12123456789',
      shareCapital: 5_000_000,
    });
    // Amounts keep their no-break spaces.
    expect(saved.json().footer.replace(/\u00A0/g, ' ')).toBe(
      'Main company SAS au capital de 50 000,00 € · RCS Lyon 123 456 789 · TVA intracommunautaire FR12123456789',
    );
    const again = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(again.json()).toEqual(saved.json());

    const preview = await t.app.inject({ method: 'GET', url: `${url}/preview.pdf`, headers: admin.headers });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    const text = pdfText(preview.rawPayload).replace(/\s+/g, ' ');
    expect(text).toContain('Fait à Lyon, le 31 juillet 2023');
    expect(text).toContain('Claire Martin');
    expect(text).toContain('3 avenue du Parc');
    expect(text).toContain('Total 1 740,00 € 1 440,00 €');
  });

  it('refuses a bad SIREN or VAT number with the field named', async () => {
    for (const payload of [
      { ...BODY, siren: '12345' },
      { ...BODY, vatNumber: '12-34' },
    ]) {
      const refused = await t.app.inject({ method: 'PUT', url, headers: admin.headers, payload });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toMatch(/siren|vatNumber/);
    }
  });

  it('takes a PNG and an SVG logo by their content, serves it back, removes it', async () => {
    const png = await uploadLogo(admin, 'logo.png', PNG);
    expect(png.statusCode).toBe(200);
    expect(png.json().logo).toEqual({ type: 'image/png', size: PNG.length });
    const served = await t.app.inject({ method: 'GET', url: `${url}/logo`, headers: admin.headers });
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(PNG)).toBe(true);

    // Named .png, but an SVG: the content decides.
    const svg = await uploadLogo(admin, 'logo.png', SVG);
    expect(svg.json().logo).toEqual({ type: 'image/svg+xml', size: Buffer.byteLength(SVG) });
    const servedSvg = await t.app.inject({ method: 'GET', url: `${url}/logo`, headers: admin.headers });
    expect(servedSvg.headers['content-type']).toBe('image/svg+xml');
    expect(servedSvg.headers['content-security-policy']).toContain('sandbox');
    const preview = await t.app.inject({ method: 'GET', url: `${url}/preview.pdf`, headers: admin.headers });
    expect(preview.statusCode).toBe(200);

    const removed = await t.app.inject({ method: 'DELETE', url: `${url}/logo`, headers: admin.headers });
    expect(removed.json().logo).toBeNull();
    const gone = await t.app.inject({ method: 'GET', url: `${url}/logo`, headers: admin.headers });
    expect(gone.statusCode).toBe(404);
    // The text stays.
    expect(removed.json().place).toBe('Lyon');
  });

  it('refuses a logo that is not an image, a broken PNG, an SVG it cannot draw, and one over the size limit', async () => {
    const cases: [string, Buffer | string, number, RegExp][] = [
      ['notes.txt', 'hello', 400, /PNG, JPEG or SVG/],
      ['logo.gif', Buffer.from('GIF89a……'), 400, /PNG, JPEG or SVG/],
      ['broken.png', Buffer.concat([PNG.subarray(0, 20), Buffer.alloc(10)]), 400, /cannot be read/],
      ['empty.png', Buffer.alloc(0), 400, /empty/],
      ['broken.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10"', 400, /cannot be drawn/],
      ['big.png', Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]), 413, /at most 1024 KB/],
    ];
    for (const [name, content, status, message] of cases) {
      const refused = await uploadLogo(admin, name, content);
      expect(refused.statusCode, name).toBe(status);
      expect(refused.json().error.message, name).toMatch(message);
    }
    const notMultipart = await t.app.inject({
      method: 'PUT',
      url: `${url}/logo`,
      headers: admin.headers,
      payload: { logo: 'x' },
    });
    expect(notMultipart.statusCode).toBe(400);
    const current = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(current.json().logo).toBeNull();
  });

  it('COL-5 is for admins only: users and viewers get 403 on every route', async () => {
    for (const role of ['user', 'viewer'] as const) {
      const session = await signIn(t.app, tenant.users[role].email);
      const answers = await Promise.all([
        t.app.inject({ method: 'GET', url, headers: session.headers }),
        t.app.inject({ method: 'PUT', url, headers: session.headers, payload: BODY }),
        uploadLogo(session, 'logo.png', PNG),
        t.app.inject({ method: 'DELETE', url: `${url}/logo`, headers: session.headers }),
        t.app.inject({ method: 'GET', url: `${url}/logo`, headers: session.headers }),
        t.app.inject({ method: 'GET', url: `${url}/preview.pdf`, headers: session.headers }),
      ]);
      expect(answers.map((a) => a.statusCode)).toEqual([403, 403, 403, 403, 403, 403]);
    }
  });

  it('COL-5 another organization’s company answers 404 on every route, and is left unchanged', async () => {
    const outsider = await signIn(t.app, other.users.admin.email);
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url, headers: outsider.headers }),
      t.app.inject({ method: 'PUT', url, headers: outsider.headers, payload: { ...BODY, place: 'Paris' } }),
      uploadLogo(outsider, 'logo.png', PNG),
      t.app.inject({ method: 'DELETE', url: `${url}/logo`, headers: outsider.headers }),
      t.app.inject({ method: 'GET', url: `${url}/logo`, headers: outsider.headers }),
      t.app.inject({ method: 'GET', url: `${url}/preview.pdf`, headers: outsider.headers }),
    ]);
    expect(answers.map((a) => a.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    const mine = await t.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(mine.json().place).toBe('Lyon');
    // Its own company is its own business.
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/companies/${other.companyId}/letterhead`,
      headers: outsider.headers,
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().place).toBeNull();
  });
});

import { expect, test } from '@playwright/test';
import { fakePdf, zipOf } from '../support/invoice-zip';
import { signInAsDemo } from './sign-in';

test('issue 5 point 4: an uploaded invoice PDF is linked from the account situation, beside the Statement PDF button', async ({
  page,
}) => {
  await signInAsDemo(page);
  const { csrfToken } = await (await page.request.get('/api/auth/me')).json();
  const top = await (await page.request.get('/api/customers?sort=overdue&pageSize=1')).json();
  const customer = top.items[0];
  const situation = await (
    await page.request.get(`/api/customers/${customer.id}/entries?status=open&pageSize=50`)
  ).json();
  const piece: string = situation.items[0].pieceRef;
  const pdf = fakePdf(piece, 2000);
  const zip = await zipOf({
    'metadata.json': JSON.stringify({ documents: [{ file: 'invoice.pdf', pieces: [piece] }] }),
    'invoice.pdf': pdf,
  });
  const uploaded = await page.request.post(`/api/companies/${customer.companyId}/invoice-documents`, {
    headers: { 'x-csrf-token': csrfToken },
    multipart: { file: { name: 'invoices.zip', mimeType: 'application/zip', buffer: zip } },
  });
  expect(uploaded.status()).toBe(200);
  expect((await uploaded.json()).stored).toHaveLength(1);

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/customers/${customer.id}?status=open`);
    const link = page.getByTestId('situation-invoice-document').filter({ visible: true }).first();
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute(
      'href',
      `/api/customers/${customer.id}/invoice-documents/${encodeURIComponent(piece)}`,
    );
    const statement = page.getByTestId('situation-statement-pdf');
    await expect(statement).toHaveAttribute(
      'href',
      `/api/customers/${customer.id}/statement.pdf?status=open`,
    );
    await page.getByTestId('record-situation').screenshot({
      path: `.tmp/e2e-results/screens/invoice-documents-situation-${width}.png`,
    });
    const got = await page.request.get((await link.getAttribute('href'))!);
    expect(Buffer.compare(await got.body(), pdf)).toBe(0);
  }
  await page.goto(`/customers/${customer.id}?status=all`);
  await expect(page.getByTestId('situation-statement-pdf')).toHaveAttribute(
    'href',
    `/api/customers/${customer.id}/statement.pdf?status=all`,
  );
});

import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '#functions/api/pages.ts';
import { VALID_ENV } from '#local/testbed/env.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';
import { countryOptions, jsonForScript } from '#presentation/web/request-page.ts';
import { caseScript, reportUploadScript, requestScript } from '#presentation/web/scripts.ts';

function event(
  path: string,
  headers: Record<string, string> = {},
  query?: Record<string, string>,
): APIGatewayProxyEventV2 {
  const caseId = /^\/case\/([^/]+)$/.exec(path)?.[1];
  return {
    version: '2.0',
    routeKey: caseId ? 'GET /case/{caseId}' : `GET ${path}`,
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : '',
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    ...(caseId ? { pathParameters: { caseId: decodeURIComponent(caseId) } } : {}),
    requestContext: { http: { method: 'GET', path } } as APIGatewayProxyEventV2['requestContext'],
    isBase64Encoded: false,
  };
}

async function get(path: string, headers: Record<string, string> = {}, query?: Record<string, string>) {
  const res = (await handler(
    event(path, headers, query),
    {} as Context,
  )) as APIGatewayProxyStructuredResultV2;
  return { status: res.statusCode, headers: res.headers as Record<string, string>, body: String(res.body) };
}

const saved = { ...process.env };
beforeAll(() => {
  Object.assign(process.env, VALID_ENV, { POWERTOOLS_LOG_LEVEL: 'SILENT' });
});
afterAll(() => {
  process.env = saved;
});

/** The inline module script of a page, exactly as the browser hashes it. */
function inlineScript(body: string): string {
  return /<script type="module">([\s\S]*?)<\/script>/.exec(body)![1]!;
}

function expectAccessiblePage(body: string) {
  // Every control has a label: a <label for> naming it, or a wrapping label.
  const controls = [...body.matchAll(/<(input|select|textarea)\b([^>]*)>/g)].filter(
    (m) => !/type="hidden"/.test(m[2]!),
  );
  expect(controls.length).toBeGreaterThan(0);
  for (const [tag, , attrs] of controls) {
    const id = /\bid="([^"]+)"/.exec(attrs!)?.[1];
    const labelled = id && body.includes(`for="${id}"`);
    const wrapped = new RegExp(`<label[^>]*>\\s*${tag!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(body);
    expect(labelled || wrapped, `no label for ${tag}`).toBe(true);
  }
  // Nothing from elsewhere: no external scripts, styles, fonts or images.
  expect(body).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  expect(body).not.toMatch(/@import|url\(\s*['"]?https?:/);
  expect(body).toContain('name="viewport" content="width=device-width, initial-scale=1"');
}

describe('GET / (request page)', () => {
  it('speaks Italian to an Italian browser and English by default', async () => {
    const itPage = await get('/', { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' });
    expect(itPage.status).toBe(200);
    expect(itPage.headers['content-type']).toMatch(/^text\/html/);
    expect(itPage.body).toContain('<html lang="it">');
    expect(itPage.body).toContain('Richiesta di secondo parere');
    expect(itPage.body).toContain('<option value="IT" selected>Italia</option>');
    const enPage = await get('/', {});
    expect(enPage.body).toContain('<html lang="en">');
    expect(enPage.body).toContain('Ask for a second opinion');
    const asked = await get('/', { 'accept-language': 'it' }, { lang: 'en' });
    expect(asked.body).toContain('<html lang="en">');
    expect(asked.body).toContain('href="/?lang=it"');
  });

  it('gives the prices from the price list in the money format of the page language', async () => {
    const itPage = (await get('/', { 'accept-language': 'it' })).body;
    const enPage = (await get('/', {})).body;
    expect(itPage).toContain('Prezzo: 500,00\u00a0€');
    expect(itPage).toContain('(+18,00\u00a0€)');
    expect(itPage).toContain('costa 350,00\u00a0€ invece di 500,00\u00a0€');
    expect(enPage).toContain('Price: €500.00');
    expect(enPage).toContain('(+€18.00)');
    expect(enPage).toContain('costs €350.00 instead of €500.00');
    for (const body of [itPage, enPage]) expect(body).not.toMatch(/EUR \d/);
  });

  it('offers the blank proxy authorization as a PDF in the page language, linked from the request page', async () => {
    const itForm = await get('/forms/proxy-authorization', { 'accept-language': 'it' });
    const enForm = await get('/forms/proxy-authorization', {}, { lang: 'en' });
    for (const [form, name] of [
      [itForm, 'delega.pdf'],
      [enForm, 'proxy-authorization.pdf'],
    ] as const) {
      expect(form.status).toBe(200);
      expect(form.headers['content-type']).toBe('application/pdf');
      expect(form.headers['content-disposition']).toBe(`attachment; filename="${name}"`);
      expect(Buffer.from(form.body, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    }
    expect(itForm.body).not.toBe(enForm.body);
    expect((await get('/', { 'accept-language': 'it' })).body).toContain(
      '<a href="/forms/proxy-authorization?lang=it" download>Scarichi il modulo di delega (PDF)</a>',
    );
    expect((await get('/case/2f0b0db4-ad21-42e3-8e16-158b781cb040', {})).body).toContain(
      'href="/forms/proxy-authorization?lang=en"',
    );
  });

  it('names the hospital and tells how to reach the office, in the page language', async () => {
    const itPage = (await get('/', { 'accept-language': 'it' })).body;
    const enPage = (await get('/', {})).body;
    for (const body of [itPage, enPage]) {
      expect(body).toContain('Ospedale Oncologico di Milano');
      expect(body).toContain('href="tel:+390257489000"');
      expect(body).toContain('href="mailto:office@hospital.example"');
      expect(body).toContain('Via Ripamonti 435, 20141 Milano, Italia');
    }
    expect(itPage).toContain('da lunedì a venerdì, 09:00–17:00');
    expect(enPage).toContain('Monday to Friday, 09:00–17:00');
    const missing = (await get('/case/x', {})).body;
    expect(missing).toContain('href="tel:+390257489000"');
  });

  it('has a label for every field, a privacy notice and consent, and all four consultation types', async () => {
    const { body } = await get('/', {});
    expectAccessiblePage(body);
    for (const id of [
      'patient-firstName',
      'patient-lastName',
      'patient-email',
      'patient-phone',
      'patient-dateOfBirth',
      'patient-country',
      'patient-taxCode',
      'requester-relationship',
      'courierAddress-line1',
      'previousReference',
      'consent',
      'language',
    ])
      expect(body).toContain(`id="${id}"`);
    for (const t of ['surgical', 'oncological', 'cardio_oncological', 'radiotherapy'])
      expect(body).toContain(`value="${t}"`);
    expect(body).toContain('GDPR');
    expect(body).toMatch(/id="error-summary"[^>]*role="alert"[^>]*tabindex="-1"/);
  });

  it('lets in only its own script, by hash', async () => {
    const { body, headers } = await get('/', {});
    const script = inlineScript(body);
    expect(script).toBe(requestScript());
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(headers['content-security-policy']).toContain(`script-src 'sha256-${hash}'`);
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // It posts to its own origin only: no other host can be reached from it.
    expect(headers['content-security-policy']).toContain("connect-src 'self';");
    expect(headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  });

  it('keeps its CSS as written (entities would break quotes and child selectors inside <style>)', async () => {
    const { body } = await get('/case/2f0b0db4-ad21-42e3-8e16-158b781cb040', {});
    const style = /<style>([\s\S]*?)<\/style>/.exec(body)![1]!;
    expect(style).toContain('"Segoe UI"');
    expect(style).toContain('content:""');
    expect(style).toContain('.card>h2:first-child');
    expect(style).not.toContain('&quot;');
  });
});

describe('GET /case/{caseId}', () => {
  const caseId = '2f0b0db4-ad21-42e3-8e16-158b781cb040';

  it('serves the shell with both languages and the bank details, never a token', async () => {
    const res = await get(`/case/${caseId}`, { 'accept-language': 'en' });
    expect(res.status).toBe(200);
    expectAccessiblePage(res.body);
    const data = JSON.parse(
      /<script type="application\/json" id="case-data">(.*?)<\/script>/s.exec(res.body)![1]!,
    );
    expect(data.caseId).toBe(caseId);
    expect(data.lang).toBe('en');
    expect(data.bank).toEqual({
      beneficiary: VALID_ENV.BANK_BENEFICIARY,
      iban: VALID_ENV.BANK_IBAN,
      bic: VALID_ENV.BANK_BIC,
    });
    // Both languages' words travel in the page's island, from the dictionaries; the script has none.
    expect(data.words.it.statuses.awaiting_payment).toBe('In attesa del pagamento');
    expect(data.words.en.documentStates.rejected).toBe('Not accepted: {reason}');
    expect(data.words.it.ui.caseTitle).toBe(patientWords('it').caseTitle);
    const script = inlineScript(res.body);
    expect(script).not.toContain('In attesa del pagamento');
    // The server never sees the patient token (it stays in the fragment): nothing of it in the page.
    expect(Object.keys(data).sort()).toEqual(['bank', 'caseId', 'courierCents', 'lang', 'words']);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(res.headers['content-security-policy']).toContain(`'sha256-${hash}'`);
    // The API on its own origin and the documents bucket it uploads to, nothing else.
    expect(res.headers['content-security-policy']).toContain(
      `connect-src 'self' ${VALID_ENV.UPLOAD_ORIGIN};`,
    );
    expect(res.headers['content-security-policy']).not.toMatch(/connect-src[^;]*\*/);
    // The documents' previews are images signed in that bucket.
    expect(res.headers['content-security-policy']).toContain(
      `img-src 'self' data: blob: ${VALID_ENV.UPLOAD_ORIGIN};`,
    );
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{8,}/);
    expect(res.body).toContain('accept="application/pdf,.pdf,image/jpeg,image/png,image/heic,image/heif');
    expect(res.body).toContain('multiple');
    // The courier's labels are words the script sets in the page's language, as the rest of the card's.
    for (const [id, word] of [
      ['courier-name', 'addressName'],
      ['courier-country', 'addressCountry'],
    ])
      expect(res.body).toContain(`<label for="${id}"><span data-t="${word}">`);
  });

  it('answers a malformed case id with a friendly 404 page in the visitor language', async () => {
    const res = await get('/case/%3Cscript%3E', { 'accept-language': 'it' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Non abbiamo trovato');
    expect(res.body).not.toContain('<script>');
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=/);
  });
});

describe('page scripts and helpers', () => {
  it('are valid JavaScript with no import and no template literal left unescaped', () => {
    for (const source of [requestScript(), caseScript(), reportUploadScript()]) {
      expect(() => new Script(source)).not.toThrow();
      expect(source).not.toMatch(/\bimport\b|\bfetch\(['"]https?:/);
    }
  });

  it('keep JSON inside a script element from closing it', () => {
    const json = jsonForScript({ name: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('</script');
    expect(JSON.parse(json).name).toBe('</script><script>alert(1)</script>');
  });

  it('list countries by ISO code in the page language, without the EU or the UN', () => {
    const en = countryOptions('en');
    const itList = countryOptions('it');
    expect(en.length).toBeGreaterThan(200);
    expect(en.find((c) => c.code === 'DE')?.name).toBe('Germany');
    expect(itList.find((c) => c.code === 'DE')?.name).toBe('Germania');
    expect(en.some((c) => ['EU', 'UN', 'ZZ', 'XA'].includes(c.code))).toBe(false);
    expect(en.every((c) => /^[A-Z]{2}$/.test(c.code))).toBe(true);
  });
});

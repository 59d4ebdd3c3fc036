import { SendEmailCommand } from '@aws-sdk/client-ses';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashToken, isValidRfReference } from '#domain/ids.ts';
import { checkPdf } from '#domain/pdf-check.ts';
import { handler } from '#functions/api/create-case.ts';
import { apiEvent } from '#local/testbed/http.ts';
import { type Bench, CREATE_BODY, call, httpEvent, PATIENT, START, ses, setup } from './harness.ts';

let b: Bench;
beforeEach(() => {
  b = setup();
});

const LUCA = { firstName: 'Luca', lastName: 'Bianchi', email: 'luca@example.com', phone: '+39 02 1234567' };

const post = (body: unknown, rawBody?: string) =>
  call(handler, httpEvent('POST', '/cases', rawBody !== undefined ? { rawBody } : { body }));

describe('POST /cases', () => {
  it('creates a draft case, stores only the hash of the patient token, audits and emails the link', async () => {
    const res = await post(CREATE_BODY);
    expect(res.status).toBe(201);
    const { caseId, reference, patientToken, caseUrl } = res.body;
    expect(reference).toMatch(/^SO-2026-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(caseUrl).toBe(`http://localhost:3000/case/${caseId}#token=${patientToken}`);

    const item = b.table.get(`CASE#${caseId}`, 'CASE')!;
    expect(item).toMatchObject({
      status: 'draft',
      reference,
      language: 'it',
      documentCount: 0,
      documentBytes: 0,
      version: 0,
    });
    expect(isValidRfReference(String(item.paymentReference))).toBe(true);
    expect(b.table.get(`REF#${reference}`, 'REF')).toMatchObject({ caseId });
    expect(b.table.get(`PATIENT#${hashToken(patientToken)}`, 'TOKEN')).toMatchObject({ caseId });
    expect(JSON.stringify([...b.table.items.values()])).not.toContain(patientToken);
    expect(b.table.byPrefix(`CASE#${caseId}`, 'EVENT#')).toEqual([
      expect.objectContaining({ action: 'case_created', actor: 'patient' }),
      expect.objectContaining({ action: 'consent_given', actor: 'patient', details: { version: '2026-03' } }),
      expect.objectContaining({ action: 'request_form_stored', actor: 'system' }),
    ]);
    expect(item.consent).toEqual({ version: '2026-03', at: item.createdAt, by: 'patient' });

    const sent = ses.commandCalls(SendEmailCommand);
    expect(sent).toHaveLength(1);
    const mail = sent[0]!.args[0].input;
    expect(mail.Destination?.ToAddresses).toEqual([PATIENT.email]);
    expect(mail.Message?.Subject?.Data).toContain(reference);
    expect(mail.Message?.Body?.Text?.Data).toContain(caseUrl);
    expect(mail.Message?.Body?.Text?.Data).toContain('Gentile Giulia');
  });

  it('emails the requester too when someone applies for the patient', async () => {
    const requester = {
      firstName: 'Luca',
      lastName: 'Bianchi',
      email: 'luca@example.com',
      phone: '+39 02 1234567',
      relationship: 'son',
    };
    const res = await post({ ...CREATE_BODY, language: 'en', requester });
    expect(res.status).toBe(201);
    // Each applicant gets an email of their own, greeted by name.
    expect(ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input.Destination?.ToAddresses)).toEqual([
      [PATIENT.email],
      [requester.email],
    ]);
    // A reply reaches the office, not the no-reply sender.
    for (const call of ses.commandCalls(SendEmailCommand)) {
      expect(call.args[0].input.ReplyToAddresses).toEqual(['office@hospital.example']);
    }
    expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')).toMatchObject({ requester, language: 'en' });
  });

  it('takes no patient email when someone applies for them, and then emails only the applicant', async () => {
    const requester = {
      firstName: 'Anna',
      lastName: 'Verdi',
      email: 'anna@example.com',
      phone: '+39 02 1234567',
      relationship: 'figlia',
    };
    const { email: _e, ...noEmail } = PATIENT;
    const res = await post({ ...CREATE_BODY, patient: noEmail, requester });
    expect(res.status).toBe(201);
    const sent = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input);
    expect(sent.map((m) => m.Destination?.ToAddresses)).toEqual([[requester.email]]);
    // The salutation addresses the person reading, not the patient.
    expect(sent[0]!.Message?.Body?.Text?.Data).toContain('Gentile Anna');
    expect(sent[0]!.Message?.Body?.Text?.Data).toContain(res.body.caseUrl);
    expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')?.consent).toMatchObject({ by: 'requester' });
    // Without anyone applying for them, the patient's own address is needed.
    const alone = await post({ ...CREATE_BODY, patient: noEmail });
    expect(alone.status).toBe(400);
    expect(alone.body.error.details).toEqual([expect.objectContaining({ path: 'patient.email' })]);
  });

  it('refuses a request without the privacy consent, or with a notice version it does not know', async () => {
    const { consent: _c, ...noConsent } = CREATE_BODY;
    for (const body of [
      noConsent,
      { ...CREATE_BODY, consent: { version: '1999-01', accepted: true } },
      { ...CREATE_BODY, consent: { version: '2026-03', accepted: false } },
    ]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toMatch(/^consent/);
    }
    expect(b.table.byPrefix('CASE#')).toEqual([]);
  });

  it('stores the web form as a request PDF with the case, a document of type request_form', async () => {
    const res = await post(CREATE_BODY);
    const docs = b.table.byPrefix(`CASE#${res.body.caseId}`, 'DOC#');
    expect(docs).toEqual([
      expect.objectContaining({
        state: 'classified',
        origin: 'service',
        fileName: `modulo-richiesta-${res.body.reference}.pdf`,
        classification: expect.objectContaining({ documentType: 'request_form', confidence: 1 }),
      }),
    ]);
    const pdf = b.objects.get(String(docs[0]!.key))!.bytes;
    expect(String(docs[0]!.key)).toMatch(new RegExp(`^cases/${res.body.caseId}/forms/[0-9a-f-]{36}\\.pdf$`));
    expect(checkPdf(pdf, { maxPages: 5 })).toEqual({ ok: true, pages: 1 });
    const text = Buffer.from(pdf).toString('latin1');
    // Helvetica hex strings: the patient's name and the consent line are in the file.
    for (const words of ['Giulia', res.body.reference, '2026-03', PATIENT.taxCode])
      expect(text).toContain(Buffer.from(words, 'latin1').toString('hex'));
    // The patient's own uploads still have every slot.
    expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')).toMatchObject({
      documentCount: 0,
      documentBytes: 0,
    });
  });

  it('retries with a new reference when the first one is taken, leaving nothing half-written', async () => {
    b.table.loseNextWriteTo('REF#');
    const res = await post(CREATE_BODY);
    expect(res.status).toBe(201);
    expect(b.table.byPrefix('REF#')).toHaveLength(1);
    expect(b.table.byPrefix('PATIENT#')).toHaveLength(1);
    expect(b.table.byPrefix('CASE#', 'CASE')).toHaveLength(1);
  });

  it('links an update to the released previous case of the same patient', async () => {
    const first = await post(CREATE_BODY);
    // Only a released case is the basis of an update (test/workflow/updates.test.ts refuses the others).
    const item = b.table.get(`CASE#${first.body.caseId}`, 'CASE')!;
    item.status = 'released';
    const res = await post({ ...CREATE_BODY, previousReference: first.body.reference.toLowerCase() });
    expect(res.status).toBe(201);
    expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')).toMatchObject({
      previousCaseId: first.body.caseId,
      previousReference: first.body.reference,
    });
  });

  it.each([
    ['an unknown reference', () => 'SO-2026-ABCD-EFGH', PATIENT],
    ['a malformed reference', () => 'not a reference', PATIENT],
    [
      "another patient's case",
      (ref: string) => ref,
      { ...PATIENT, dateOfBirth: '1970-01-01', taxCode: 'VRDLGU70A01H501O' },
    ],
  ])('refuses an update of %s with 422 and writes nothing', async (_, ref, patient) => {
    const first = await post(CREATE_BODY);
    const before = b.table.snapshot();
    const res = await post({
      ...CREATE_BODY,
      patient,
      previousReference: ref(first.body.reference),
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('previous_case_not_found');
    expect(b.table.snapshot()).toBe(before);
  });

  it.each([
    ['invalid JSON', undefined, '{"patient": ', 'invalid_json'],
    ['no body', undefined, '', 'invalid_body'],
    ['an unknown top-level field', { ...CREATE_BODY, admin: true }, undefined, 'validation_failed'],
    [
      'an unknown patient field',
      { ...CREATE_BODY, patient: { ...PATIENT, role: 'x' } },
      undefined,
      'validation_failed',
    ],
    ['no consultation type', { ...CREATE_BODY, consultationTypes: [] }, undefined, 'validation_failed'],
    [
      'an unknown consultation type',
      { ...CREATE_BODY, consultationTypes: ['dermatology'] },
      undefined,
      'validation_failed',
    ],
    [
      'a bad email',
      { ...CREATE_BODY, patient: { ...PATIENT, email: 'giulia' } },
      undefined,
      'validation_failed',
    ],
    ['a language other than en/it', { ...CREATE_BODY, language: 'fr' }, undefined, 'validation_failed'],
    ['courier without an address', { ...CREATE_BODY, courier: true }, undefined, 'validation_failed'],
    [
      'a first name carrying a paragraph of its own',
      {
        ...CREATE_BODY,
        patient: { ...PATIENT, firstName: 'Giulia,\n\nYour payment failed. Pay again at bank IT60X...\n' },
      },
      undefined,
      'validation_failed',
    ],
    [
      'a Unicode line separator in a last name',
      { ...CREATE_BODY, patient: { ...PATIENT, lastName: 'Rossi\u2028Pay now' } },
      undefined,
      'validation_failed',
    ],
    [
      'a right-to-left override in a first name',
      { ...CREATE_BODY, patient: { ...PATIENT, firstName: 'Giulia\u202Efdp.exe' } },
      undefined,
      'validation_failed',
    ],
    [
      'a control character in the relationship',
      {
        ...CREATE_BODY,
        requester: { ...LUCA, relationship: 'son\u0007' },
      },
      undefined,
      'validation_failed',
    ],
    [
      'a web address as a first name',
      { ...CREATE_BODY, patient: { ...PATIENT, firstName: 'https://pay.example.net' } },
      undefined,
      'validation_failed',
    ],
    [
      'a line break in an address line',
      {
        ...CREATE_BODY,
        courier: true,
        courierAddress: {
          name: 'Giulia Rossi',
          line1: 'Via Roma 1\nCall us',
          city: 'Milano',
          postalCode: '20100',
          country: 'IT',
        },
      },
      undefined,
      'validation_failed',
    ],
    [
      'a birth date in the future',
      { ...CREATE_BODY, patient: { ...PATIENT, dateOfBirth: '2030-01-01' } },
      undefined,
      'validation_failed',
    ],
  ])('answers %s with a 400 JSON error and writes nothing', async (_, body, raw, code) => {
    const res = await post(body, raw);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
    expect(b.table.items.size).toBe(0);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('takes names as people write them: accents, apostrophes, hyphens, spaces, other scripts', async () => {
    const patient = { ...PATIENT, firstName: 'Maria José', lastName: "D'Angelo-Núñez Λάμπρου 王" };
    const res = await post({ ...CREATE_BODY, patient });
    expect(res.status).toBe(201);
    expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')).toMatchObject({ patient });
  });

  it('refuses a body not sent as JSON with 415 (a text/plain POST needs no CORS preflight)', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await call(
        handler,
        apiEvent('POST', '/cases', {
          body: JSON.stringify(CREATE_BODY),
          headers: contentType ? { 'content-type': contentType } : {},
        }),
      );
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('json_required');
    }
    const charset = await call(
      handler,
      apiEvent('POST', '/cases', {
        body: JSON.stringify(CREATE_BODY),
        headers: { 'content-type': 'application/json; charset=utf-8' },
      }),
    );
    expect(charset.status).toBe(201);
    expect(b.table.byPrefix('CASE#', 'CASE')).toHaveLength(1);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  describe('limits on new cases (each emails its applicants)', () => {
    const from = (sourceIp: string, body: unknown) => {
      const event = httpEvent('POST', '/cases', { body });
      event.requestContext.http.sourceIp = sourceIp;
      return call(handler, event);
    };
    const cases = () => b.table.byPrefix('CASE#', 'CASE').length;

    it('takes 5 a day for one email address (in any case of letters), then 429 until the next day', async () => {
      for (let i = 0; i < 5; i++) {
        const email = i % 2 ? PATIENT.email.toUpperCase() : PATIENT.email;
        expect((await from(`192.0.2.${i}`, { ...CREATE_BODY, patient: { ...PATIENT, email } })).status).toBe(
          201,
        );
      }
      const before = ses.commandCalls(SendEmailCommand).length;
      const refused = await from('192.0.2.99', CREATE_BODY);
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('too_many_requests');
      expect(cases()).toBe(5);
      expect(ses.commandCalls(SendEmailCommand)).toHaveLength(before);
      // A requester's address counts too: it is emailed as well.
      const asRequester = await from('192.0.2.98', {
        ...CREATE_BODY,
        patient: { ...PATIENT, email: 'other@example.com' },
        requester: { ...LUCA, email: PATIENT.email, relationship: 'daughter' },
      });
      expect(asRequester.status).toBe(429);
      // Milan's next day.
      b.clock.set('2026-11-20T23:30:00Z');
      expect((await from('192.0.2.99', CREATE_BODY)).status).toBe(201);
    });

    it('takes 20 an hour from one client network (an IPv6 /64 as one), then 429 until the next hour', async () => {
      for (let i = 0; i < 20; i++) {
        const ip =
          i % 2 ? `2001:db8:1:2::${i.toString(16)}` : `2001:0db8:0001:0002:ffff:0:0:${i.toString(16)}`;
        const body = { ...CREATE_BODY, patient: { ...PATIENT, email: `p${i}@example.com` } };
        expect((await from(ip, body)).status).toBe(201);
      }
      const body = { ...CREATE_BODY, patient: { ...PATIENT, email: 'late@example.com' } };
      expect((await from('2001:db8:1:2:abcd::1', body)).status).toBe(429);
      // Another network is not held up.
      expect((await from('2001:db8:1:3::1', body)).status).toBe(201);
      b.clock.advance(60 * 60_000);
      expect(
        (await from('2001:db8:1:2::1', { ...body, patient: { ...PATIENT, email: 'next@example.com' } }))
          .status,
      ).toBe(201);
    });

    it('keeps counters with a TTL at the end of their window, and neither the address nor the email in them', async () => {
      await from('198.51.100.7', CREATE_BODY);
      const counters = b.table.byPrefix('RATE#');
      expect(counters).toHaveLength(2);
      for (const c of counters) {
        expect(c.hits).toBe(1);
        const ttl = Number(c.expiresAtEpoch) * 1000;
        expect(ttl).toBeGreaterThan(Date.parse(START));
        expect(ttl).toBeLessThanOrEqual(Date.parse(START) + 26 * 3_600_000);
        expect(JSON.stringify(c)).not.toMatch(/giulia|198\.51/i);
      }
    });
  });

  describe('the codice fiscale (printed on the receipts)', () => {
    const cf = (patient: Record<string, unknown>) => post({ ...CREATE_BODY, patient });
    const { taxCode: _, ...withoutCode } = PATIENT;

    it('is stored as on the card, whatever the case and spacing typed, omocodia included', async () => {
      const res = await cf({ ...PATIENT, taxCode: ' bncgli 68d52 f205v ' });
      expect(res.status).toBe(201);
      expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')).toMatchObject({
        patient: { taxCode: 'BNCGLI68D52F205V' },
      });
      // The same person's code after omocodia (its last digit replaced by R, the check character recomputed).
      const omocodia = await cf({ ...PATIENT, email: 'giulia2@example.com', taxCode: 'BNCGLI68D52F20RQ' });
      expect(omocodia.status).toBe(201);
    });

    it('is required of residents of Italy and optional for others, by the field', async () => {
      const missing = await cf(withoutCode);
      expect(missing.status).toBe(400);
      expect(missing.body.error.details).toEqual([expect.objectContaining({ path: 'patient.taxCode' })]);
      const abroad = await cf({ ...withoutCode, country: 'FR' });
      expect(abroad.status).toBe(201);
      expect(b.table.get(`CASE#${abroad.body.caseId}`, 'CASE')!.patient).not.toHaveProperty('taxCode');
    });

    it.each([
      ['a wrong check character', 'BNCGLI68D52F205W', 'not a valid codice fiscale'],
      ['a wrong shape', 'BNCGLI68D52F205', 'not a valid codice fiscale'],
      ['another date of birth than the form', 'RSSMRA61D12H501D', 'does not match the date of birth'],
    ])('refuses %s with a 400 on the field, and writes nothing', async (_, taxCode, message) => {
      const res = await cf({ ...PATIENT, taxCode });
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        expect.objectContaining({ path: 'patient.taxCode', message: expect.stringContaining(message) }),
      ]);
      expect(b.table.items.size).toBe(0);
    });
  });

  it('names the invalid fields', async () => {
    const res = await post({ ...CREATE_BODY, patient: { ...PATIENT, email: 'nope', extra: 1 } });
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'patient.email' }),
        expect.objectContaining({ path: 'patient' }),
      ]),
    );
  });

  it('keeps the case when the email fails, and records that it did', async () => {
    ses.on(SendEmailCommand).rejects(new Error('SES is down'));
    const res = await post(CREATE_BODY);
    expect(res.status).toBe(201);
    const events = b.table.byPrefix(`CASE#${res.body.caseId}`, 'EVENT#').map((e) => e.action);
    expect(events).toEqual(['case_created', 'consent_given', 'request_form_stored', 'email_failed']);
  });
});

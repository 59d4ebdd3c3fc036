import { SendEmailCommand } from '@aws-sdk/client-ses';
import { beforeEach, describe, expect, it } from 'vitest';
import { hashToken, isValidRfReference } from '#domain/ids.ts';
import { checkPdf } from '#domain/pdf-check.ts';
import { handler } from '#functions/api/create-case.ts';
import { type Bench, CREATE_BODY, call, httpEvent, PATIENT, ses, setup } from './harness.ts';

let b: Bench;
beforeEach(() => {
  b = setup();
});

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
    for (const words of ['Giulia', res.body.reference, '2026-03'])
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

  it('links an update to the previous case of the same patient', async () => {
    const first = await post(CREATE_BODY);
    const res = await post({ ...CREATE_BODY, previousReference: first.body.reference.toLowerCase() });
    expect(res.status).toBe(201);
    expect(b.table.get(`CASE#${res.body.caseId}`, 'CASE')).toMatchObject({
      previousCaseId: first.body.caseId,
      previousReference: first.body.reference,
    });
  });

  it.each([
    ['an unknown reference', () => 'SO-2026-ABCD-EFGH', PATIENT.dateOfBirth],
    ['a malformed reference', () => 'not a reference', PATIENT.dateOfBirth],
    ["another patient's case", (ref: string) => ref, '1970-01-01'],
  ])('refuses an update of %s with 422 and writes nothing', async (_, ref, dateOfBirth) => {
    const first = await post(CREATE_BODY);
    const before = b.table.snapshot();
    const res = await post({
      ...CREATE_BODY,
      patient: { ...PATIENT, dateOfBirth },
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

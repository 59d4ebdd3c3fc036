/**
 * "Send me my link" (POST /link) and the life of a patient token: the same page whether or not the
 * details match, a fresh link only to the applicant who asked (their older links stop working),
 * the rate limits per address and per reference, and links that end a set time after the case
 * closed. The real handlers and adapters over the in-memory table of the harness.
 */
import { SendEmailCommand } from '@aws-sdk/client-ses';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createCase } from '#functions/api/create-case.ts';
import { handler as getCase } from '#functions/api/get-case.ts';
import { handler as sendLinkHandler } from '#functions/api/send-link.ts';
import { apiEvent } from '#local/testbed/http.ts';
import { SEND_LINK_LIMITS } from '#usecases/patient/send-link.ts';
import { type Bench, CREATE_BODY, call, context, httpEvent, PATIENT, ses, setup } from './harness.ts';

let b: Bench;
beforeEach(() => {
  b = setup();
});

const REQUESTER = {
  firstName: 'Luca',
  lastName: 'Bianchi',
  email: 'luca@example.com',
  phone: '+39 02 1234567',
  relationship: 'son',
};

/** A new case; `links` are the tokens its first emails carried, by address. */
async function newCase(body: object = CREATE_BODY) {
  const res = await call(createCase, httpEvent('POST', '/cases', { body }));
  expect(res.status).toBe(201);
  const links = Object.fromEntries(mails().map((m) => [m.to[0], m.token]));
  ses.resetHistory();
  return { ...(res.body as { caseId: string; reference: string; patientToken: string }), links };
}

async function ask(fields: Record<string, string>, ip = '198.51.100.7') {
  const event = apiEvent('POST', '/link', {
    body: new URLSearchParams({ lang: 'it', ...fields }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }) as APIGatewayProxyEventV2;
  (event.requestContext.http as { sourceIp: string }).sourceIp = ip;
  const res = await sendLinkHandler(event, context);
  return { status: res.statusCode, body: String(res.body) };
}

const openCase = (caseId: string, token: string) =>
  call(getCase, httpEvent('GET', `/cases/${caseId}`, { token, pathParameters: { caseId } }));

/** The emails sent since the last reset: to whom, and the token of the case link each carries. */
function mails() {
  return ses.commandCalls(SendEmailCommand).map((c) => {
    const input = c.args[0].input;
    const text = input.Message?.Body?.Text?.Data ?? '';
    return {
      to: input.Destination?.ToAddresses ?? [],
      subject: input.Message?.Subject?.Data ?? '',
      text,
      token: /#token=([A-Za-z0-9_-]+)/.exec(text)?.[1],
    };
  });
}

describe('POST /link', () => {
  it('emails a fresh link to the patient and the old one stops working', async () => {
    const c = await newCase();
    expect((await openCase(c.caseId, c.patientToken)).status).toBe(200);

    b.clock.advance(60_000);
    const res = await ask({ reference: c.reference, dateOfBirth: PATIENT.dateOfBirth, email: PATIENT.email });
    expect(res.status).toBe(200);
    expect(res.body).toContain('abbiamo inviato un nuovo link');
    const [mail, ...more] = mails();
    expect(more).toEqual([]);
    expect(mail!.to).toEqual([PATIENT.email]);
    expect(mail!.subject).toContain(c.reference);
    expect(mail!.text).toContain('Gentile Giulia');

    expect((await openCase(c.caseId, c.patientToken)).status).toBe(401);
    expect((await openCase(c.caseId, mail!.token!)).status).toBe(200);
    expect(b.table.byPrefix(`CASE#${c.caseId}`, 'EVENT#')).toContainEqual(
      expect.objectContaining({ action: 'link_resent', actor: 'patient' }),
    );
  });

  it('takes the reference in any case and spacing, and the email in any case', async () => {
    const c = await newCase();
    const reference = ` ${c.reference.toLowerCase()} `;
    await ask({ reference, dateOfBirth: PATIENT.dateOfBirth, email: PATIENT.email.toUpperCase() });
    expect(mails().map((m) => m.to)).toEqual([[PATIENT.email]]);
  });

  it('gives the same answer and sends nothing when the details do not match', async () => {
    const c = await newCase();
    const right = { reference: c.reference, dateOfBirth: PATIENT.dateOfBirth, email: PATIENT.email };
    const answers = [
      await ask({ ...right, dateOfBirth: '1968-04-13' }, '198.51.100.1'),
      await ask({ ...right, email: 'someone@example.com' }, '198.51.100.2'),
      await ask({ ...right, reference: 'SO-2026-0000-0000' }, '198.51.100.3'),
      await ask({ ...right, reference: 'not a reference' }, '198.51.100.4'),
    ];
    expect(mails()).toEqual([]);
    const matched = await ask(right, '198.51.100.5');
    expect(mails()).toHaveLength(1);
    for (const a of answers) expect(a).toEqual(matched);
    // Nothing was rotated by the wrong guesses: only the matching ask did.
    expect((await openCase(c.caseId, mails()[0]!.token!)).status).toBe(200);
  });

  it('sends the link to the applicant who asks, and rotates only their links', async () => {
    const c = await newCase({ ...CREATE_BODY, requester: REQUESTER });
    const patientLink = c.links[PATIENT.email]!;
    b.clock.advance(60_000);
    await ask({ reference: c.reference, dateOfBirth: PATIENT.dateOfBirth, email: REQUESTER.email });
    const [mail, ...more] = mails();
    expect(more).toEqual([]);
    expect(mail!.to).toEqual([REQUESTER.email]);
    expect(mail!.text).toContain('Gentile Luca');
    expect((await openCase(c.caseId, mail!.token!)).status).toBe(200);
    expect((await openCase(c.caseId, c.patientToken)).status).toBe(401);
    // The patient's own link, from their own email, still works.
    expect((await openCase(c.caseId, patientLink)).status).toBe(200);
  });

  it('refuses more than a few asks an hour for one reference, and from one address, with a page that says so', async () => {
    const c = await newCase();
    const right = { reference: c.reference, dateOfBirth: PATIENT.dateOfBirth, email: PATIENT.email };
    for (let i = 0; i < SEND_LINK_LIMITS.perReference; i++) {
      expect((await ask(right, `203.0.113.${i}`)).status).toBe(200);
    }
    const limited = await ask(right, '203.0.113.99');
    expect(limited.status).toBe(429);
    expect(limited.body).toContain('Attenda un’ora');
    expect(mails()).toHaveLength(SEND_LINK_LIMITS.perReference);
    b.clock.advance(3600_000);
    expect((await ask(right, '203.0.113.99')).status).toBe(200);

    for (let i = 0; i < SEND_LINK_LIMITS.perSource; i++) {
      expect(
        (await ask({ ...right, reference: `SO-2026-0000-00${String(i).padStart(2, '0')}` }, '192.0.2.1'))
          .status,
      ).toBe(200);
    }
    expect((await ask(right, '192.0.2.1')).status).toBe(429);
  });

  it('shows the form again with each wrong field marked, in the language asked', async () => {
    const res = await ask({ reference: '', dateOfBirth: '12/04/1968', email: 'giulia', lang: 'en' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('<html lang="en">');
    for (const field of ['reference', 'dateOfBirth', 'email']) {
      expect(res.body).toMatch(
        new RegExp(`id="${field}"[^>]*aria-invalid="true" aria-describedby="${field}-error"`),
      );
    }
    expect(res.body).toContain('value="giulia"');
    expect(mails()).toEqual([]);
  });
});

describe('patient links after the case closes', () => {
  it('stop working PATIENT_ACCESS_DAYS after it closed, and are not sent again', async () => {
    const c = await newCase();
    const item = b.table.get(`CASE#${c.caseId}`, 'CASE')!;
    item.status = 'released';
    item.closedAt = b.clock.now().toISOString();
    b.clock.advance(90 * 86_400_000 - 1000);
    expect((await openCase(c.caseId, c.patientToken)).status).toBe(200);
    b.clock.advance(1000);
    const expired = await openCase(c.caseId, c.patientToken);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('link_expired');
    const res = await ask({ reference: c.reference, dateOfBirth: PATIENT.dateOfBirth, email: PATIENT.email });
    expect(res.status).toBe(200);
    expect(mails()).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { MESSAGES } from '#presentation/emails/messages.ts';
import { renderEmail } from '#presentation/emails/render.ts';
import { WORKFLOW_MESSAGES } from '#presentation/emails/workflow-messages.ts';

/** Every value any workflow email takes, with markup in it to prove it is escaped. */
const VALUES = {
  firstName: '<b>Maria</b>',
  name: '<i>Dr Rossi</i>',
  reference: 'SO-2026-7K3Q-XM4D',
  documents: ['Histology <report>', 'CT scan'],
  caseUrl: 'https://so.example/case/c1#token=t',
  dueDate: '4 March 2026',
  dueAt: 'Wed 4 Mar 2026, 23:59',
  amount: '500.00',
  beneficiary: 'Hospital Foundation',
  iban: 'IT60X0542811101000000123456',
  bic: 'BPMOIT22XXX',
  paymentReference: 'RF18 SO20 267K 3QXM 4D',
  consultation: 'histology review',
  approveUrl: 'https://so.example/a/approve',
  declineUrl: 'https://so.example/a/decline',
  courier: true,
  completeUrl: 'https://so.example/a/1',
  requestUrl: 'https://so.example/a/2',
  rejectUrl: 'https://so.example/a/3',
  confirmUrl: 'https://so.example/a/4',
  candidates: [{ label: 'Carla Onco', url: 'https://so.example/a/5' }],
  documentsUrl: 'https://so.example/a/6',
  releaseUrl: 'https://so.example/a/7',
  additionalUrl: 'https://so.example/a/8',
  specialist: 'Carla Onco',
  address: ['Maria Rossi', 'Via Roma 1', '10100 Torino', 'IT'],
  patientName: 'Maria Rossi',
  email: 'maria@example.com',
  phone: '+39 333 1234567',
  language: 'it',
};

describe('workflow emails', () => {
  it('are all in MESSAGES', () => {
    for (const kind of Object.keys(WORKFLOW_MESSAGES)) expect(MESSAGES).toHaveProperty(kind);
  });

  it.each(Object.keys(WORKFLOW_MESSAGES))(
    '%s renders in English and Italian, every value escaped',
    (kind) => {
      const message = WORKFLOW_MESSAGES[kind as keyof typeof WORKFLOW_MESSAGES] as unknown as Record<
        'en' | 'it',
        (v: typeof VALUES) => Parameters<typeof renderEmail>[0]
      >;
      const en = renderEmail(message.en(VALUES), 'en');
      const it = renderEmail(message.it(VALUES), 'it');
      for (const r of [en, it]) {
        expect(r.subject).toContain(VALUES.reference);
        expect(r.html).not.toMatch(/<b>Maria|<i>Dr|<report>/);
        expect(r.text).not.toContain('undefined');
      }
      expect(it.subject).not.toBe(en.subject);
      expect(it.html).toContain('lang="it"');
    },
  );

  it('tells the patient the amount, the bank details and the RF reference', () => {
    const text = renderEmail(WORKFLOW_MESSAGES.payment_details.it(VALUES), 'it').text;
    for (const v of ['EUR 500.00', VALUES.iban, VALUES.bic, VALUES.beneficiary, VALUES.paymentReference]) {
      expect(text).toContain(v);
    }
  });
});

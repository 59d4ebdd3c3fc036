/**
 * Every email the service sends, in English and Italian. Each kind is a function of its values;
 * add a kind here (both languages) and send it with `sendEmail` (shared/emails/send.ts).
 */
import type { Language } from '#domain/model.ts';
import type { EmailContent } from './render.ts';
import { WORKFLOW_MESSAGES } from './workflow-messages.ts';

type Message<V> = Record<Language, (v: V) => EmailContent>;

export const MESSAGES = {
  case_created: {
    en: (v: { firstName: string; reference: string; caseUrl: string }) => ({
      subject: `Your request ${v.reference} has been received`,
      greeting: `Dear ${v.firstName},`,
      paragraphs: [
        `We have received your request for a second opinion. Its reference is ${v.reference}.`,
        'Please upload your clinical documents as PDF files from your personal page, then submit them. A doctor will check them within 2 working days.',
      ],
      actions: [{ label: 'Open your case page', url: v.caseUrl }],
    }),
    it: (v: { firstName: string; reference: string; caseUrl: string }) => ({
      subject: `Abbiamo ricevuto la sua richiesta ${v.reference}`,
      greeting: `Gentile ${v.firstName},`,
      paragraphs: [
        `abbiamo ricevuto la sua richiesta di secondo parere. Il riferimento è ${v.reference}.`,
        'Carichi i suoi documenti clinici in formato PDF dalla sua pagina personale, poi li invii. Un medico li controllerà entro 2 giorni lavorativi.',
      ],
      actions: [{ label: 'Apri la pagina della richiesta', url: v.caseUrl }],
    }),
  } satisfies Message<{ firstName: string; reference: string; caseUrl: string }>,
  ...WORKFLOW_MESSAGES,
} as const;

export type EmailKind = keyof typeof MESSAGES;
export type EmailValues<K extends EmailKind> = Parameters<(typeof MESSAGES)[K]['en']>[0];

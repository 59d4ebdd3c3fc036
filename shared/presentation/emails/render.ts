/**
 * Emails: plain text and HTML from one content object, every value escaped. Emails never carry
 * clinical content: a case reference, a first name, amounts and links.
 */
import type { Language } from '#domain/model.ts';
import { html } from '#presentation/web/html.ts';

export interface EmailAction {
  label: string;
  url: string;
}

export interface EmailContent {
  subject: string;
  greeting: string;
  paragraphs: string[];
  /** Label/value rows shown as a small table (amount, IBAN, payment reference...). */
  facts?: { label: string; value: string }[];
  actions?: EmailAction[];
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const SIGNATURE: Record<Language, { closing: string; team: string; note: string }> = {
  en: {
    closing: 'Kind regards,',
    team: 'The Second Opinion service',
    note: 'This message was sent automatically. Please do not forward it: its links are personal.',
  },
  it: {
    closing: 'Cordiali saluti,',
    team: 'Il servizio Second Opinion',
    note: 'Messaggio inviato automaticamente. Non inoltrarlo: i link che contiene sono personali.',
  },
};

export function renderEmail(content: EmailContent, language: Language): RenderedEmail {
  const sig = SIGNATURE[language];
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.facts ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(content.facts?.length ? [''] : []),
    ...(content.actions ?? []).flatMap((a) => [`${a.label}:`, a.url, '']),
    sig.closing,
    sig.team,
    '',
    sig.note,
  ].join('\n');

  const body = html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.subject}</title></head>
<body style="margin:0;padding:16px;background:#f5f6f8;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f24">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p>${content.greeting}</p>
${content.paragraphs.map((p) => html`<p>${p}</p>`)}
${
  content.facts?.length
    ? html`<table role="presentation" style="border-collapse:collapse;margin:8px 0 16px">${content.facts.map(
        (f) =>
          html`<tr><td style="padding:4px 12px 4px 0;color:#555">${f.label}</td><td style="padding:4px 0;font-weight:bold">${f.value}</td></tr>`,
      )}</table>`
    : ''
}
${(content.actions ?? []).map(
  (a) =>
    html`<p style="margin:16px 0"><a href="${a.url}" style="display:inline-block;background:#0b5cad;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold">${a.label}</a></p>`,
)}
<p>${sig.closing}<br>${sig.team}</p>
<p style="font-size:13px;color:#666">${sig.note}</p>
</div></body></html>`;
  return { subject: content.subject, text, html: body.value };
}

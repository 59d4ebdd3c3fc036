/**
 * Emails: plain text and HTML from one content object, every value escaped, in the reader's
 * language. Emails never carry clinical content: a case reference, a first name, amounts and links.
 */
import type { CourierAddress, Language } from '#domain/model.ts';
import { fill, groupsOfFour, money, openingHours, siteDay, siteTime } from '#presentation/formats.ts';
import { emailWords } from '#presentation/i18n/email-words.ts';
import { html } from '#presentation/web/html.ts';
import type { NoticeData, NoticeKind } from '#usecases/notices.ts';
import type { CodeFormats, EmailCatalogue, EmailContent, Formats, Site } from './content.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The formats of an email in its reader's language: the plain ones, and the code formats its entry
 * brings (those its words use; the entry's type holds them to its template's).
 */
function formats(
  lang: Language,
  codes: EmailCatalogue<NoticeKind>[NoticeKind]['codes'],
): Formats & CodeFormats {
  const f: Formats & Partial<CodeFormats> = {
    money: (cents) => money(cents, lang),
    time: (iso) => siteTime(iso, lang),
    day: (iso) => siteDay(iso, lang),
    groups: groupsOfFour,
    address: (a: CourierAddress) =>
      [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, a.country].filter((x): x is string =>
        Boolean(x),
      ),
  };
  for (const [name, make] of Object.entries(codes ?? {})) Object.assign(f, { [name]: make(lang) });
  return f as Formats & CodeFormats;
}

/**
 * A notice as the email its reader gets: greeting by name, the words of its kind (`email`, its
 * entry: the template in each language and its code formats) in the reader's language, the signature.
 */
export function renderNotice<K extends NoticeKind>(
  email: EmailCatalogue<K>[K],
  data: NoticeData[K],
  reader: { name: string; language: Language },
  site: Site,
): RenderedEmail {
  const words = emailWords(reader.language);
  return renderEmail(
    site,
    email[reader.language](data, formats(reader.language, email.codes), site),
    fill(words.greeting, reader),
    reader.language,
  );
}

function renderEmail(site: Site, content: EmailContent, greeting: string, language: Language): RenderedEmail {
  const sig = emailWords(language);
  const team = fill(sig.team, { hospital: site.hospitalName });
  const contact = fill(sig.contact, {
    phone: site.office.phone,
    hours: openingHours(site.office.hours, language),
    address: site.office.address,
  });
  const text = [
    greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.facts ?? []).map((f) => `${f.label}: ${f.value}`),
    ...(content.facts?.length ? [''] : []),
    ...(content.actions ?? []).flatMap((a) => [`${a.label}:`, a.url, '']),
    ...(content.sections ?? []).flatMap((s) => [
      s.title,
      '',
      ...s.items.flatMap((i) => [`${i.text}:`, i.url, '']),
    ]),
    sig.closing,
    team,
    '',
    contact,
    sig.note,
  ].join('\n');

  const body = html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.subject}</title></head>
<body style="margin:0;padding:16px;background:#f5f6f8;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f24">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
<p>${greeting}</p>
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
${(content.sections ?? []).map(
  (s) =>
    html`<h2 style="font-size:17px;margin:24px 0 8px">${s.title}</h2>
<ul style="padding-left:20px;margin:0 0 16px">${s.items.map(
      (i) => html`<li style="margin:6px 0"><a href="${i.url}" style="color:#0b5cad">${i.text}</a></li>`,
    )}</ul>`,
)}
<p>${sig.closing}<br>${team}</p>
<p style="font-size:13px;color:#555">${contact}<br>${sig.note}</p>
</div></body></html>`;
  return { subject: content.subject, text, html: body.value };
}

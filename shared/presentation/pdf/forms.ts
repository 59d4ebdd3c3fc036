/**
 * The PDFs the service writes itself, in the reader's language: the request form rendered from
 * what the web form said (stored with the case, for triage and the archive) and the blank proxy
 * authorization a person applying for a patient downloads, has signed and uploads.
 */
import type { Case, Language } from '#domain/model.ts';
import type { Site } from '#presentation/emails/content.ts';
import { fill, siteMoment } from '#presentation/formats.ts';
import { codeWords } from '#presentation/i18n/code-words.ts';
import { formWords } from '#presentation/i18n/form-words.ts';
import type { RenderedForm } from '#usecases/ports.ts';
import { type TextLine, textPdf } from './writer.ts';

function pagesOf(bytes: Uint8Array): number {
  return (new TextDecoder('latin1').decode(bytes).match(/\/Type \/Page\b/g) ?? []).length;
}

/** The request form of a case: every answer of the web form and the recorded consent. */
export function requestForm(c: Case, site: Site): RenderedForm {
  const lang = c.language;
  const t = formWords(lang);
  const codes = codeWords(lang);
  const country = (code: string) =>
    new Intl.DisplayNames([codes.locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  const when = (iso: string) => siteMoment(iso, lang);
  const heading = (text: string): TextLine => ({ text, bold: true, size: 12, before: 10 });
  const fact = (label: string, value: string | undefined): TextLine => ({
    text: `${label}: ${value?.trim() ? value : t.none}`,
  });
  const p = c.patient;
  const lines: TextLine[] = [
    { text: site.hospitalName, size: 10 },
    { text: t.requestTitle, bold: true, size: 16, before: 6 },
    { text: fill(t.requestIntro, { date: when(c.createdAt) }), size: 10, before: 4 },
    fact(t.reference, c.reference),
    fact(t.created, when(c.createdAt)),
    heading(t.patient),
    fact(t.name, `${p.firstName} ${p.lastName}`),
    fact(t.dateOfBirth, p.dateOfBirth),
    fact(t.country, country(p.country)),
    fact(t.taxCode, p.taxCode),
    fact(t.email, p.email),
    fact(t.phone, p.phone),
  ];
  if (c.requester) {
    const r = c.requester;
    lines.push(
      heading(t.requester),
      fact(t.name, `${r.firstName} ${r.lastName}`),
      fact(t.relationship, r.relationship),
      fact(t.email, r.email),
      fact(t.phone, r.phone),
    );
  }
  lines.push(
    heading(t.consultations),
    { text: c.consultationTypes.map((type) => codes.consultationTypes[type]).join(', ') },
    fact(t.language, codes.languageNames[lang]),
  );
  const a = c.courierAddress;
  lines.push(
    a
      ? fact(
          t.courier,
          [a.name, a.line1, a.line2, `${a.postalCode} ${a.city}`, a.region, country(a.country)]
            .filter(Boolean)
            .join(', '),
        )
      : { text: t.noCourier },
  );
  if (c.previousReference) lines.push(fact(t.previous, c.previousReference));
  lines.push(heading(t.consentTitle), {
    text: c.consent
      ? fill(t.consent, {
          version: c.consent.version,
          date: when(c.consent.at),
          who: c.consent.by === 'requester' ? t.consentByRequester : t.consentByPatient,
        })
      : t.noConsent,
  });
  const bytes = textPdf(lines, `${t.requestTitle} ${c.reference}`);
  return { fileName: fill(t.requestFileName, { reference: c.reference }), bytes, pages: pagesOf(bytes) };
}

/** The blank proxy authorization, to print, fill in by hand and sign. */
export function proxyAuthorization(lang: Language, site: Site): RenderedForm {
  const t = formWords(lang);
  const blanks = (labels: readonly string[]): TextLine[] =>
    labels.map((label) => ({ text: `${label}: ${t.blank}`, before: 10 }));
  const lines: TextLine[] = [
    { text: site.hospitalName, size: 10 },
    { text: t.proxyTitle, bold: true, size: 16, before: 6 },
    { text: fill(t.proxyIntro, { hospital: site.hospitalName }), before: 10 },
    { text: t.proxyPatient, bold: true, size: 12, before: 16 },
    ...blanks(t.proxyFields),
    { text: t.proxyPerson, bold: true, size: 12, before: 16 },
    ...blanks([...t.proxyFields, t.proxyRelationship]),
    ...blanks([t.proxyPlaceDate, t.proxySignature]),
    { text: t.proxyEnclose, size: 10, before: 24 },
  ];
  const bytes = textPdf(lines, t.proxyTitle);
  return { fileName: t.proxyFileName, bytes, pages: pagesOf(bytes) };
}

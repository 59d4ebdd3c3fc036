/**
 * The case panel of a staff member's link page, in their language, read top to bottom before the
 * decision: the patient, the documents (each opened per click through the link's own route, the
 * image of its first page beside it), the checklist findings, the previous request of an update
 * and the timeline. States are words, never colour alone; tables name their headers' scope.
 */
import type { Language } from '#domain/model.ts';
import { isDocumentType } from '#domain/taxonomy.ts';
import { countryName, fill, percent, plural, siteDay, siteTime } from '#presentation/formats.ts';
import { additionalName, codeWords } from '#presentation/i18n/code-words.ts';
import { staffWords } from '#presentation/i18n/staff-words.ts';
import { describeProblem } from '#presentation/problems.ts';
import type { StaffCaseView, StaffDocument, TimelineEntry } from '#usecases/links/staff-view.ts';
import { html, type Raw } from './html.ts';

export const PANEL_CSS = `
.facts th{width:40%}
.facts td,.facts th,.timeline td{overflow-wrap:anywhere}
.facts td>a{display:inline-block;padding:.25rem 0}
.links a{display:inline-block;padding:.25rem 0}
.docs{list-style:none;padding:0;margin:0}
.docs li{border-top:1px solid #e3e6ea;padding:.75rem 0;display:flex;gap:.75rem;align-items:flex-start}
.doc-body{flex:1;min-width:0}
.thumb{flex:none;width:4.5rem;height:6.4rem;object-fit:contain;border:1px solid #c6ccd4;background:#fff;box-sizing:border-box}
span.thumb{display:flex;align-items:center;justify-content:center;text-align:center;padding:.25rem;font-size:.75rem;line-height:1.2;color:#5b6570;background:#fafbfc}
.docs li:first-child{border-top:0;padding-top:0}
.docs h3{font-size:1rem;margin:0 0 .25rem;overflow-wrap:anywhere}
.docs p{margin:.25rem 0}
.docs .button{margin-top:.25rem}
.skip{display:inline-block;margin:.25rem 0 .5rem}
`;

/** A document type in the reader's words (the code itself when it is not one we know). */
export function typeName(lang: Language, type: string): string {
  return isDocumentType(type) ? codeWords(lang).documentTypes[type] : type;
}

function factsTable(rows: [string, string | Raw][]): Raw {
  return html`<table class="facts">${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</table>`;
}

function documentItem(lang: Language, base: string, doc: StaffDocument): Raw {
  const t = staffWords(lang);
  const codes = codeWords(lang);
  const states = t.documentStates as Record<string, string>;
  const reason = codes.reasons[(doc.reason ?? 'unknown') as 'unknown'] ?? codes.reasons.unknown;
  const state = fill(states[doc.state] ?? doc.state, { reason });
  const read = doc.classifiedAs
    ? `${typeName(lang, doc.classifiedAs.documentType)} (${fill(t.confidence, { percent: percent(doc.classifiedAs.confidence, lang) })})`
    : t.unclassified;
  const differs = doc.declaredType && doc.classifiedAs && doc.declaredType !== doc.classifiedAs.documentType;
  const id = encodeURIComponent(doc.documentId);
  // Loaded with the page through the link's own route, which signs a fresh address each time.
  const thumb = doc.preview
    ? html`<img class="thumb" src="${base}/previews/${id}" alt="${fill(t.previewAlt, { fileName: doc.fileName })}" loading="lazy" decoding="async">`
    : html`<span class="thumb none">${t.noPreview}</span>`;
  return html`<li><div class="doc-body">
<h3>${doc.fileName}</h3>
<p>${doc.pages !== undefined ? html`<span class="muted">${plural(doc.pages, t.pages, lang)}</span> · ` : ''}${t.state}: ${state}</p>
${doc.state === 'failed' ? '' : html`<p>${t.readAs}: ${read}</p>`}
${doc.declaredType ? html`<p>${t.declaredAs}: ${typeName(lang, doc.declaredType)}${differs ? html` <strong>(${t.differs})</strong>` : ''}</p>` : ''}
${doc.duplicateOf ? html`<p>${fill(t.duplicateOf, { fileName: doc.duplicateOf.fileName })}</p>` : ''}
${doc.openable ? html`<p><a class="button" href="${base}/documents/${id}" target="_blank" rel="noopener noreferrer">${t.open}<span class="visually-hidden"> ${fill(t.openHidden, { fileName: doc.fileName })}</span></a></p>` : ''}
</div>${thumb}</li>`;
}

function whatHappened(lang: Language, e: TimelineEntry): string {
  const t = staffWords(lang);
  const codes = codeWords(lang);
  const words = (t.events as Record<string, string>)[e.action] ?? e.action.replace(/_/g, ' ');
  const details: string[] = [];
  if (e.fileName) details.push(`"${e.fileName}"`);
  if (e.specialist) details.push(e.specialist);
  if (e.consultation) details.push(additionalName(e.consultation, lang));
  if (e.extension)
    details.push(
      fill(plural(e.extension.workingDays, t.extendedBy, lang), {
        reason: codes.extensionReasons[e.extension.reason],
      }),
    );
  if (e.reason) details.push(`"${e.reason}"`);
  const step = e.step ? ` (${codes.steps[e.step]})` : '';
  return `${words}${details.length ? `: ${details.join(' – ')}` : ''}${step}`;
}

function who(lang: Language, e: TimelineEntry): string {
  return 'role' in e.by ? staffWords(lang).actors[e.by.role] : e.by.name;
}

/** The patient's facts; their contacts when the view carries them (the office's pages). */
function patientSection(lang: Language, v: StaffCaseView): Raw {
  const t = staffWords(lang);
  const codes = codeWords(lang);
  const p = v.patient;
  const rows: [string, string][] = [
    [t.language, codes.languageNames[p.language]],
    ...(p.age !== undefined ? ([[t.age, fill(t.years, { age: p.age })]] as [string, string][]) : []),
    [t.country, countryName(p.country, lang)],
    [t.applicant, p.hasRequester ? t.applicants.requester : t.applicants.patient],
  ];
  const c = p.contacts;
  // A patient someone applied for may have given no address: the row is left out.
  const person = (x: { firstName: string; lastName: string; email?: string | undefined; phone: string }) =>
    factsTable([
      [t.name, `${x.firstName} ${x.lastName}`],
      ...(x.email ? [[t.email, html`<a href="mailto:${x.email}">${x.email}</a>`] as [string, Raw]] : []),
      [t.phone, html`<a href="tel:${x.phone.replace(/[^\d+]/g, '')}">${x.phone}</a>`],
    ]);
  const contacts = c
    ? html`<h3>${t.contactsHeading}</h3>
${c.emailBounced ? html`<p class="alert">${t.emailBounced}</p>` : ''}
<h4>${t.patientContact}</h4>${person(c.patient)}
${c.requester ? html`<h4>${fill(t.requesterContact, { relationship: c.requester.relationship })}</h4>${person(c.requester)}` : ''}`
    : '';
  return html`<section class="card" aria-labelledby="patient-heading"><h2 id="patient-heading">${t.patientHeading}</h2>${factsTable(rows)}${contacts}</section>`;
}

function checklistSection(lang: Language, v: StaffCaseView, asked: readonly string[] | undefined): Raw {
  const t = staffWords(lang);
  const items = v.checklist.items.filter((i) => i.required || i.present);
  return html`<section class="card" aria-labelledby="checklist-heading"><h2 id="checklist-heading">${t.checklistHeading}</h2>
<table>
<thead><tr><th scope="col">${t.documentType}</th><th scope="col">${t.needed}</th><th scope="col">${t.received}</th></tr></thead>
<tbody>${items.map((i) => html`<tr><th scope="row">${typeName(lang, i.documentType)}</th><td>${i.required ? t.required : t.optional}</td><td>${i.present ? (i.documentIds.length > 1 ? `${t.yes} (${i.documentIds.length})` : t.yes) : html`<strong>${t.no}</strong>`}</td></tr>`)}</tbody>
</table>
<h3>${t.findings}</h3>
${v.checklist.problems.length ? html`<ul id="findings">${v.checklist.problems.map((p) => html`<li>${describeProblem(p, lang)}</li>`)}</ul>` : html`<p id="findings">${t.noFindings}</p>`}
${asked?.length ? html`<h3>${t.askedOfPatient}</h3><ul>${asked.map((a) => html`<li>${a}</li>`)}</ul>` : ''}
</section>`;
}

/** Everything staff read of the case before they decide; `base` is the link's own URL, under which its documents open. */
export function casePanel(
  lang: Language,
  v: StaffCaseView,
  base: string,
  asked: readonly string[] | undefined,
): Raw {
  const t = staffWords(lang);
  const docs = html`<section class="card" aria-labelledby="documents-heading"><h2 id="documents-heading">${fill(t.documentsCount, { count: v.documents.length })}</h2>
${v.documents.length ? html`<ul class="docs" id="documents">${v.documents.map((d) => documentItem(lang, base, d))}</ul>` : html`<p>${t.noDocuments}</p>`}
</section>`;
  const prev = v.previous;
  const previous = prev
    ? html`<section class="card" aria-labelledby="previous-heading"><h2 id="previous-heading">${t.previousHeading}</h2>
${factsTable([[t.previousReference, prev.reference], ...(prev.requestedAt ? ([[t.previousRequested, siteDay(prev.requestedAt, lang)]] as [string, string][]) : [])])}
<p>${prev.released ? html`<a class="button" href="${base}/previous-report" target="_blank" rel="noopener noreferrer">${t.previousReport}</a>` : t.previousNoReport}</p>
${prev.documents?.length ? html`<h3>${t.previousDocuments}</h3><ul class="links">${prev.documents.map((doc) => html`<li><a href="${base}/previous-documents/${doc.documentId}" target="_blank" rel="noopener noreferrer">${doc.fileName}</a></li>`)}</ul>` : ''}
</section>`
    : '';
  const timeline = html`<section class="card" aria-labelledby="timeline-heading"><h2 id="timeline-heading">${t.timelineHeading}</h2>
<table class="timeline" id="timeline">
<thead><tr><th scope="col">${t.when}</th><th scope="col">${t.who}</th><th scope="col">${t.what}</th></tr></thead>
<tbody>${v.timeline.map((e) => html`<tr><td>${siteTime(e.at, lang)}</td><td>${who(lang, e)}</td><td>${whatHappened(lang, e)}</td></tr>`)}</tbody>
</table>
</section>`;
  return html`${patientSection(lang, v)}
${docs}
${checklistSection(lang, v, asked)}
${previous}
${timeline}`;
}

/**
 * What the staff pages' browser tests share. A staff member reads their pages in their own language
 * only, so the other language of each page, and the pages of steps a test does not reach, are
 * rendered from a fixture in the same browser: a small case as a staff member's page shows it, and
 * the loop that checks such pages in each language on one screen size. Their screenshots are named
 * `<prefix>-<page>-<lang>-<size>-fixture`.
 */
import type { Page } from 'playwright-core';
import { buildChecklist } from '#domain/checklist.ts';
import type { Language } from '#domain/model.ts';
import { VALID_SITE } from '#local/testbed/env.ts';
import { confirmPage } from '#presentation/web/action-page.ts';
import type { LinkSummary } from '#usecases/links/link-summary.ts';
import type { StaffCaseView } from '#usecases/links/staff-view.ts';

export type Size = 'phone' | 'desktop';

/** An action link's address, as emailed (the fixture pages' documents open under it). */
export const LINK_URL = 'http://localhost/a/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

const at = (h: number) => new Date(Date.UTC(2026, 2, 2, 8 + h)).toISOString();

/**
 * A small case (one document, three events), as a staff page shows it: in `status`, waiting on
 * `step` when one is given; with the patient's contacts for the office's pages only.
 */
export function smallView(
  status: StaffCaseView['status'],
  { step, office = false }: { step?: NonNullable<StaffCaseView['wait']>['step']; office?: boolean } = {},
): StaffCaseView {
  return {
    reference: 'SO-2026-7K3Q-XM4D',
    status,
    consultationTypes: ['oncological'],
    documents: [
      {
        documentId: 'a',
        fileName: 'referto-istologico.pdf',
        pages: 2,
        state: 'classified',
        classifiedAs: { documentType: 'pathology_report', confidence: 0.91 },
        openable: true,
      },
    ],
    checklist: buildChecklist({ hasRequester: false, documents: [], now: new Date(at(0)) }),
    patient: {
      language: 'it',
      age: 67,
      country: 'IT',
      hasRequester: false,
      ...(office
        ? {
            contacts: {
              patient: {
                firstName: 'Giovanna',
                lastName: 'Russo',
                email: 'giovanna@example.com',
                phone: '+39 333 765 4321',
              },
              emailBounced: false,
            },
          }
        : {}),
    },
    ...(step ? { wait: { step, dueAt: at(100) } } : {}),
    timeline: [
      { at: at(0), by: { role: 'patient' }, action: 'submit' },
      { at: at(30), by: { name: 'Dr Anna Greco' }, action: 'task_done' },
      { at: at(40), by: { name: 'Dr Laura Ferrari' }, action: 'release', step: 'report' },
    ],
  };
}

/** A staff member's page of an action link (`decision`), over `view`, in `lang`. */
export function staffPage(
  lang: Language,
  decision: string,
  view: StaffCaseView,
  summary: Partial<LinkSummary> = {},
): string {
  return confirmPage(
    lang,
    decision,
    { reference: view.reference, consultationTypes: view.consultationTypes, ...summary },
    VALID_SITE,
    { staff: { view, linkUrl: LINK_URL } },
  ).body;
}

/** A page rendered from a fixture. */
export interface Fixture {
  name: string;
  /** Its languages on every screen, or on each screen the ones the stack's page is not seen in there. */
  langs: readonly Language[] | Readonly<Record<Size, readonly Language[]>>;
  html: (lang: Language) => string;
}

/** Renders each fixture in each of its languages for `size` on `page`, and checks it with `check`. */
export async function checkFixtures(
  page: Page,
  size: Size,
  prefix: string,
  fixtures: readonly Fixture[],
  check: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  for (const f of fixtures)
    for (const lang of 'phone' in f.langs ? f.langs[size] : f.langs) {
      await page.setContent(f.html(lang));
      await check(page, `${prefix}-${f.name}-${lang}-${size}-fixture`);
    }
}

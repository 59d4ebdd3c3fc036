/**
 * What the patient pages' browser tests share: filling the request form as a person would (for
 * themselves or for someone else), and a staff member acting on an emailed link.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type E2E, PHONE, shot, text, watch } from './support.ts';

let n = 0;
/** A suffix no other address of this test process has. */
export function unique(): string {
  n += 1;
  return `${process.pid}.${n}`;
}

/** Fills the request form as a person would; returns the email address used. */
export async function fillRequest(page: Page, lang: 'en' | 'it'): Promise<string> {
  const email = `patient.${lang}.${unique()}@example.com`;
  await page.locator('#patient-firstName').fill(lang === 'it' ? 'Giovanna' : 'Alice');
  await page.locator('#patient-lastName').fill(lang === 'it' ? 'Russo' : 'Walker');
  await page.locator('#patient-email').fill(email);
  await page.locator('#patient-phone').fill('+39 333 765 4321');
  await page.locator('#patient-dateOfBirth').fill('1958-07-21');
  await page.locator('#patient-country').selectOption(lang === 'it' ? 'IT' : 'GB');
  await page.locator('#type-oncological').check();
  await page.locator('#consent').check();
  return email;
}

/** Someone applies for the patient: their own details, and the relationship. */
export async function fillRequester(page: Page): Promise<void> {
  await expect(page.locator('#requester-firstName').isVisible()).resolves.toBe(false);
  await page.getByLabel('I am applying for someone else').check();
  await page.locator('#requester-firstName').fill('Emma');
  await page.locator('#requester-lastName').fill('Walker');
  await page.locator('#requester-email').fill(`emma.${unique()}@example.com`);
  await page.locator('#requester-phone').fill('+44 20 7946 0000');
  await page.locator('#requester-relationship').fill('daughter');
  await expect(text(page.locator('#requester-section .notice'))).resolves.toContain('proxy authorization');
}

/** A staff member opens an emailed link, sees the confirmation page, and presses its button. */
export async function staffActs(
  e2e: E2E,
  name: string,
  url: string,
  before?: (p: Page) => Promise<void>,
): Promise<void> {
  const ctx = await e2e.context({ locale: 'it-IT', viewport: PHONE });
  const page = await ctx.newPage();
  const problems = watch(page);
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  await expect(page.locator('form[method=post]').count()).resolves.toBe(1);
  await shot(page, `${name}`);
  await before?.(page);
  await page.locator('form[method=post] button[type=submit]').click();
  // Staff read their own language (the office mailbox is not a person: English).
  await page.locator('h1', { hasText: /^(Grazie|Thank you)$/ }).waitFor({ timeout: 30_000 });
  await shot(page, `${name}-done`);
  expect(problems).toEqual([]);
  await ctx.close();
}

/** What an office link's POST carries: a small urlencoded form, cut to sizes a person types. */
import type { OfficeForm } from '#usecases/payments/act-on-office-link.ts';

const FORM_MAX_CHARS = 16 * 1024;
const field = (form: URLSearchParams, name: string, max: number) =>
  (form.get(name) ?? '').slice(0, max).trim();

export function parseOfficeForm(body: string): OfficeForm {
  const form = new URLSearchParams(body.slice(0, FORM_MAX_CHARS));
  const resolution = field(form, 'resolution', 20);
  const reference = field(form, 'reference', 40);
  const bankReference = field(form, 'bankReference', 70);
  const note = field(form, 'note', 2000);
  return {
    ...(resolution ? { resolution } : {}),
    ...(reference ? { reference } : {}),
    ...(bankReference ? { bankReference } : {}),
    ...(note ? { note } : {}),
  };
}

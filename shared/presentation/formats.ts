/**
 * Every number, amount and date as a reader sees it, in their language: money through
 * Intl.NumberFormat, times in the site's zone (Europe/Rome), references and IBANs in groups of
 * four. The server's pages and emails and the browser's scripts use these same functions.
 */
import type { Language } from '#domain/model.ts';
import { SITE_ZONE } from '#domain/site.ts';

export const LOCALES: Record<Language, string> = { en: 'en-GB', it: 'it-IT' };

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.PluralRules;
const cache = new Map<string, Formatter>();
/** Intl's formatters are costly to build: one per kind and language, built on first use. */
function cached<T extends Formatter>(key: string, make: () => T): T {
  let f = cache.get(key);
  // Stryker disable ConditionalExpression,CallExpression: building the formatter every time formats the same, only slower.
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  // Stryker restore ConditionalExpression,CallExpression
  return f as T;
}

/** Integer euro cents as money: "€518.00" in English, "518,00 €" in Italian. */
export function money(cents: number, lang: Language): string {
  if (!Number.isInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  return cached(
    `money:${lang}`,
    () => new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' }),
  ).format(cents / 100);
}

/** An instant as a site time with its day: "Tue 3 Mar 2026, 23:59" / "mar 3 mar 2026, 23:59". */
export function siteTime(iso: string, lang: Language): string {
  return cached(
    `time:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: SITE_ZONE,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(new Date(iso));
}

/** An instant as the site's calendar day: "3 March 2026" / "3 marzo 2026". */
export function siteDay(iso: string, lang: Language): string {
  return cached(
    `day:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: SITE_ZONE,
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }),
  ).format(new Date(iso));
}

/** An instant with its weekday in full, for a page's timeline: "Tuesday 3 March 2026 at 23:59". */
export function siteMoment(iso: string, lang: Language): string {
  return cached(
    `moment:${lang}`,
    () =>
      new Intl.DateTimeFormat(LOCALES[lang], {
        timeZone: SITE_ZONE,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }),
  ).format(new Date(iso));
}

/** Groups of four, as banks print references and IBANs: "RF18 SO20 26…". */
export function groupsOfFour(value: string): string {
  // Stryker disable next-line Regex: removing each white-space character or each run of them is the same
  const compact = value.replace(/\s+/g, '');
  return compact.replace(/(.{4})/g, '$1 ').trim();
}

/** Megabytes, rounded to whole ones: "50 MB". */
export function megabytes(bytes: number, lang: Language): string {
  return cached(
    `mb:${lang}`,
    () => new Intl.NumberFormat(LOCALES[lang], { style: 'unit', unit: 'megabyte', maximumFractionDigits: 0 }),
  ).format(bytes / 1048576);
}

/** A fraction as a whole percentage: "92%" / "92%". */
export function percent(fraction: number, lang: Language): string {
  return cached(
    `percent:${lang}`,
    () => new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }),
  ).format(fraction);
}

/** A country by its ISO 3166-1 code, in the reader's language ("Italy" / "Italia"); the code when unknown. */
export function countryName(code: string, lang: Language): string {
  const names = cached(
    `region:${lang}`,
    () => new Intl.DisplayNames([LOCALES[lang]], { type: 'region', fallback: 'code' }),
  );
  try {
    return names.of(code) ?? code;
  } catch {
    // Not a well-formed region code.
    return code;
  }
}

/** The form of a counted phrase the language uses for `count` ("1 page", "2 pages"), its {count} filled. */
export function plural(count: number, forms: { one: string; other: string }, lang: Language): string {
  // Stryker disable next-line StringLiteral: English and Italian rules pick one and other for the same counts
  const rules = cached(`plural:${lang}`, () => new Intl.PluralRules(LOCALES[lang]));
  return fill(rules.select(count) === 'one' ? forms.one : forms.other, { count });
}

/** Fills {placeholders}; an unknown one is left visible rather than silently dropped. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export interface OpeningHours {
  /** ISO weekdays, 1 = Monday. */
  fromDay: number;
  toDay: number;
  opens: string;
  closes: string;
}

/** When the office answers: "Monday to Friday, 09:00–17:00" / "da lunedì a venerdì, 09:00–17:00". */
export function openingHours(h: OpeningHours, lang: Language): string {
  const day = (n: number) =>
    cached(
      `weekday:${lang}`,
      () => new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', timeZone: 'UTC' }),
    ).format(new Date(Date.UTC(2024, 0, n))); // 1 January 2024 was a Monday.
  const days =
    h.fromDay === h.toDay
      ? day(h.fromDay)
      : lang === 'it'
        ? `da ${day(h.fromDay)} a ${day(h.toDay)}`
        : `${day(h.fromDay)} to ${day(h.toDay)}`;
  return `${days}, ${h.opens}–${h.closes}`;
}

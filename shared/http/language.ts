/** The language of a page request: `?lang=` wins, then Accept-Language, then English. */
import { LANGUAGES, type Language } from '#domain/model.ts';

/** The first of Accept-Language's languages (by q) that the service speaks. */
export function pickLanguage(queryLang: string | undefined, acceptLanguage: string | undefined): Language {
  if (queryLang && (LANGUAGES as readonly string[]).includes(queryLang)) return queryLang as Language;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: (tag ?? '').toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const hit = ranked.find((x) => (LANGUAGES as readonly string[]).includes(x.lang));
  return (hit?.lang as Language | undefined) ?? 'en';
}

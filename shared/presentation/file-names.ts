/**
 * The names of the files a reader saves, in their language. The words live here rather than in the
 * patient pages' dictionary: the function that serves the report sends no page, and that
 * dictionary (20 KB) would be in its bundle for one word.
 */
import type { Language } from '#domain/model.ts';

const REPORT: Record<Language, string> = { en: 'report', it: 'relazione' };

/** The released report: "SO-2026-7K3Q-XM4D-relazione.pdf" / "SO-2026-7K3Q-XM4D-report.pdf". */
export function reportFileName(c: { reference: string; language: Language }): string {
  return `${c.reference}-${REPORT[c.language]}.pdf`;
}

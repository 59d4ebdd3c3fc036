/** The names of the files a reader saves, in their language. */
import type { Language } from '#domain/model.ts';
import { patientWords } from '#presentation/i18n/patient-words.ts';

/** The released report: "SO-2026-7K3Q-XM4D-relazione.pdf" / "SO-2026-7K3Q-XM4D-report.pdf". */
export function reportFileName(c: { reference: string; language: Language }): string {
  return `${c.reference}-${patientWords(c.language).reportFile}.pdf`;
}

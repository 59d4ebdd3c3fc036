/** Checklist problems in the reader's words: the template of each code, filled from its params. */
import type { ChecklistProblem } from '#domain/checklist.ts';
import type { Language } from '#domain/model.ts';
import { fill } from './formats.ts';
import { codeWords } from './i18n/code-words.ts';

export function describeProblem(p: ChecklistProblem, lang: Language): string {
  const codes = codeWords(lang);
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params)) params[k] = Array.isArray(v) ? v.join(', ') : v;
  const type = p.params.documentType;
  if (typeof type === 'string') params.documentType = codes.documentTypes[type as 'other'] ?? type;
  const declared = p.params.declaredType;
  if (typeof declared === 'string')
    params.declaredType = codes.documentTypes[declared as 'other'] ?? declared;
  if (Array.isArray(p.params.sections)) {
    params.sections = p.params.sections.map((s) => codes.sections[s as 'stage'] ?? s).join(', ');
  }
  if (typeof p.params.reason === 'string') {
    params.reason = codes.reasons[p.params.reason as 'unknown'] ?? codes.reasons.unknown;
  }
  return fill(codes.problems[p.code], params);
}

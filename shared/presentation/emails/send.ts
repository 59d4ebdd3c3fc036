import type { Language } from '#domain/model.ts';
import type { Mailer } from '#usecases/ports.ts';
import { type EmailKind, type EmailValues, MESSAGES } from './messages.ts';
import { renderEmail } from './render.ts';

/** Renders an email kind in a language and sends it, tagged with its kind and case for bounce handling. */
export async function sendEmail<K extends EmailKind>(
  mailer: Mailer,
  kind: K,
  language: Language,
  to: string[],
  values: EmailValues<K>,
  caseId?: string,
): Promise<{ messageId: string }> {
  const content = (MESSAGES[kind][language] as (v: EmailValues<K>) => ReturnType<(typeof MESSAGES)[K]['en']>)(
    values,
  );
  const rendered = renderEmail(content, language);
  return mailer.send({ to, ...rendered, tags: { kind, ...(caseId ? { caseId } : {}) } });
}

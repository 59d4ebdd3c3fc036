/**
 * The office's links of the ledger: resolve a statement exception, record a refund made, refund
 * a late payment instead of going on. Like action links, a link holds a random token whose hash
 * alone is stored; opening one changes nothing, and its form acts once.
 */
import { hashToken, newSecretToken } from '#domain/ids.ts';
import { refundableCents } from '#domain/ledger.ts';
import { deleteAfter } from '../common/links.ts';
import type { OfficeLink, UseCaseDeps } from '../ports.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function officeLinkUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/o/${token}`;
}

/** A new office link, valid LINK_TTL_DAYS; its record is deleted by the table's TTL EXPIRED_LINK_DAYS after that. */
export async function createOfficeLink(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  purpose: OfficeLink['purpose'],
  id: string,
  caseId?: string,
): Promise<string> {
  const now = d.clock.now();
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + d.config.LINK_TTL_DAYS * DAY_MS).toISOString();
  await d.store.putOfficeLink({
    tokenHash: hashToken(token),
    purpose,
    id,
    ...(caseId ? { caseId } : {}),
    expiresAt,
    createdAt: now.toISOString(),
    deleteAfter: deleteAfter(d, expiresAt),
  });
  return officeLinkUrl(d.config.PUBLIC_BASE_URL, token);
}

/** The office's link to cancel a stopped case and refund it, when money was received for it. */
export async function withdrawLinkIfPaid(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
): Promise<string | undefined> {
  const { payments, refunds } = await d.store.getLedger(caseId);
  if (refundableCents(payments, refunds) <= 0) return undefined;
  return createOfficeLink(d, 'withdraw', caseId, caseId);
}

export type OfficeLinkState =
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'used'; at: string }
  | { kind: 'open'; link: OfficeLink };

/** What a link can do now; reading it changes nothing. */
export async function resolveOfficeLink(
  d: Pick<UseCaseDeps, 'clock' | 'store'>,
  token: string,
): Promise<OfficeLinkState> {
  if (!TOKEN.test(token)) return { kind: 'invalid' };
  const link = await d.store.getOfficeLink(hashToken(token));
  if (!link) return { kind: 'invalid' };
  if (link.usedAt) return { kind: 'used', at: link.usedAt };
  if (d.clock.now().toISOString() > link.expiresAt) return { kind: 'expired' };
  return { kind: 'open', link };
}

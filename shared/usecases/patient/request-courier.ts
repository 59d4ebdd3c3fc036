/**
 * The patient asks for the printed report by courier (POST /cases/{caseId}/courier-request), any time
 * until the report is released. Before triage prices the case the courier joins its quote; after
 * that it is an amount due of its own (+EUR 18, its own RF reference, shown on the case page). On
 * release the office gets the shipment task (shared/usecases/workflow/team.ts). Asking twice
 * changes nothing and charges once.
 */
import { type CaseStatus, isUnderWay } from '#domain/lifecycle.ts';
import type { CourierAddress } from '#domain/model.ts';
import { audit } from '../common/audit.ts';
import { authorisePatient } from '../common/patient-auth.ts';
import { Refusal } from '../errors.ts';
import { openCourierDue } from '../payments/ledger.ts';
import type { UseCaseDeps } from '../ports.ts';

/** The courier can be asked for while the case is under way: its report is not released yet. */
export function courierOpen(status: CaseStatus): boolean {
  return isUnderWay(status);
}

export async function requestCourier(
  d: Pick<UseCaseDeps, 'config' | 'clock' | 'store'>,
  caseId: string,
  patientToken: string,
  address: CourierAddress,
): Promise<{ courier: true; itemId?: string }> {
  const c = await authorisePatient(d, caseId, patientToken);
  if (!courierOpen(c.status)) throw new Refusal('courier_closed');
  if (c.courier) return { courier: true };
  const at = d.clock.now().toISOString();
  // Opened before the case changes: a retry after a lost race finds it rather than opening another.
  const due = c.quote ? await openCourierDue(d, c, at) : undefined;
  // A concurrent change of the case is a 409: the patient tries again and the due is found, not doubled.
  await d.store.updateCase(caseId, c.version, { courier: true, courierAddress: address, updatedAt: at });
  await audit(d, caseId, 'patient', 'courier_requested', due ? { itemId: due.itemId } : {});
  return { courier: true, ...(due ? { itemId: due.itemId } : {}) };
}

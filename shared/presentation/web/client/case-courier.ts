/**
 * The case page's courier card (ask for the printed report until it is released) and, once the
 * report is out, the button that starts an additional second opinion: the request form opens as an
 * update of this case, the patient's details handed over in this tab's sessionStorage (never in the
 * address).
 */
import { fill, money } from '#presentation/formats.ts';
import type { CaseView } from '#usecases/patient/views.ts';
import { alertMessage, announce, api, DATA, S } from './case-state.ts';
import { byId } from './dom.ts';
import { PREFILL_KEY } from './islands.ts';

const FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode', 'region', 'country'] as const;
const REQUIRED: readonly string[] = ['name', 'line1', 'city', 'postalCode', 'country'];

export function renderCourier(v: CaseView): void {
  const D = S.D;
  const asked = v.courier && !['released', 'rejected', 'expired', 'cancelled'].includes(v.status);
  byId('courier-box').hidden = !v.can.courier && !asked;
  byId('courier-asked').hidden = !asked;
  byId('courier-form').hidden = !v.can.courier;
  byId('courier-price').textContent = fill(D.ui.courierPrice, { amount: money(DATA.courierCents, S.lang) });
  const further = byId<HTMLAnchorElement>('further');
  further.href = `/request?lang=${v.language}&update=${encodeURIComponent(v.reference)}`;
}

/** The courier form posts the address; the further button hands the details to the request form. */
export function wireCourier(load: () => Promise<void>): void {
  const form = byId<HTMLFormElement>('courier-form');
  const send = byId<HTMLButtonElement>('courier-send');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const value = (f: string) => byId<HTMLInputElement>(`courier-${f}`).value.trim();
    if (REQUIRED.some((f) => !value(f))) return alertMessage(S.D.ui.courierInvalid);
    const address = Object.fromEntries(FIELDS.filter((f) => value(f)).map((f) => [f, value(f)]));
    send.disabled = true;
    alertMessage('');
    try {
      const r = await api('POST', `/cases/${encodeURIComponent(S.caseId)}/courier-request`, { address });
      if (r.status === 200) announce(S.D.ui.courierDone);
      else if (r.data.error?.code === 'courier_closed') alertMessage(S.D.ui.courierClosed);
      else alertMessage(r.status < 500 ? S.D.ui.courierInvalid : S.D.ui.errServer);
    } catch {
      alertMessage(S.D.ui.errNetwork);
    }
    send.disabled = false;
    void load();
  });
  byId('further').addEventListener('click', () => {
    const prefill = S.view?.prefill;
    if (prefill) sessionStorage.setItem(PREFILL_KEY, JSON.stringify(prefill));
  });
}

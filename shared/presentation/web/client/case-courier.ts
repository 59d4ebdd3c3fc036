/**
 * The case page's courier card (ask for the printed report until it is released, then its
 * shipment's tracking number; its words and country names in the page's language) and, once the
 * report is out, the button that starts an additional second opinion: the request form opens as an
 * update of this case, the patient's details handed over in this tab's sessionStorage (never in the
 * address).
 */

import type { Language } from '#domain/model.ts';
import { countryName, fill, LOCALES, money, siteDay } from '#presentation/formats.ts';
import type { CaseView } from '#usecases/patient/views.ts';
import { alertMessage, announce, api, DATA, S } from './case-state.ts';
import { byId } from './dom.ts';
import { PREFILL_KEY } from './islands.ts';

const FIELDS = ['name', 'line1', 'line2', 'city', 'postalCode', 'region', 'country'] as const;
const REQUIRED: readonly string[] = ['name', 'line1', 'city', 'postalCode', 'country'];

/**
 * The card: the offer (the form) while the courier can be asked for; once asked, that it is sent
 * after the release (shown after the release too, until the office ships it); then the carrier and
 * the tracking number. A case closed without its report shows no card.
 */
export function renderCourier(v: CaseView): void {
  const D = S.D;
  const shipment = v.courierShipment;
  const asked = v.courier && !shipment && !['rejected', 'expired', 'cancelled'].includes(v.status);
  byId('courier-box').hidden = !v.can.courier && !asked && !shipment;
  byId('courier-asked').hidden = !asked;
  byId('courier-shipped').hidden = !shipment;
  if (shipment) {
    byId('courier-shipped-on').textContent = fill(D.ui.courierShipped, {
      date: siteDay(shipment.shippedAt, S.lang),
    });
    byId('courier-carrier').textContent = shipment.carrier;
    byId('courier-tracking').textContent = shipment.tracking;
  }
  byId('courier-form').hidden = !v.can.courier;
  byId('courier-price').textContent = fill(D.ui.courierPrice, { amount: money(DATA.courierCents, S.lang) });
  // The request form opens in the language the patient reads this page in.
  const further = byId<HTMLAnchorElement>('further');
  further.href = `/?lang=${S.lang}&update=${encodeURIComponent(v.reference)}`;
}

/** The language the courier's country list is named in: the server's, until the page changes it. */
let countriesIn: Language = DATA.lang;

/** Names the courier's countries in the page's language and sorts them by it (the choice stays). */
export function nameCountries(lang: Language): void {
  if (lang === countriesIn) return;
  countriesIn = lang;
  const select = byId<HTMLSelectElement>('courier-country');
  const countries = [...select.options].filter((o) => o.value);
  for (const o of countries) o.textContent = countryName(o.value, lang);
  const collator = new Intl.Collator(LOCALES[lang]);
  countries.sort((a, b) => collator.compare(a.textContent ?? '', b.textContent ?? ''));
  select.append(...countries);
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

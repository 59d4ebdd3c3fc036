/** What pages and emails show of the site, from the stage configuration. */
import type { Site } from '#presentation/emails/content.ts';
import type { Config } from './config.ts';

export function siteOf(
  c: Pick<
    Config,
    | 'HOSPITAL_NAME'
    | 'OFFICE_EMAIL'
    | 'OFFICE_PHONE'
    | 'OFFICE_ADDRESS'
    | 'OFFICE_HOURS'
    | 'BANK_BENEFICIARY'
    | 'BANK_IBAN'
    | 'BANK_BIC'
  >,
): Site {
  return {
    hospitalName: c.HOSPITAL_NAME,
    office: {
      email: c.OFFICE_EMAIL,
      phone: c.OFFICE_PHONE,
      address: c.OFFICE_ADDRESS,
      hours: c.OFFICE_HOURS,
    },
    bank: { beneficiary: c.BANK_BENEFICIARY, iban: c.BANK_IBAN, bic: c.BANK_BIC },
  };
}

/** The forms port: the request form (a PDF of what the web form said), stored with a new case. */
import { requestForm } from '#presentation/pdf/forms.ts';
import type { Wiring } from '../compose.ts';
import { siteOf } from '../site.ts';

export const forms: Wiring<'forms'> = {
  forms: (c) => {
    const site = siteOf(c);
    return { requestForm: (item) => requestForm(item, site) };
  },
};

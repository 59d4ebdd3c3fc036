/** Le parole del piè di pagina: vedi en/site.ts. */
import type { site as en } from '../en/site.ts';

export const site: typeof en = {
  service: 'Servizio di secondo parere',
  help: 'Domande? Chiami il',
};

/** Le parole di una ricevuta di pagamento (PDF). */
import type { receipt as en } from '../en/receipt.ts';

export const receipt: typeof en = {
  title: 'Ricevuta',
  number: 'Ricevuta n.',
  vatNumber: 'Partita IVA',
  received: 'Ricevuto da',
  taxCode: 'Codice fiscale',
  service: 'Prestazione',
  amount: 'Importo pagato',
  valueDate: 'Data del pagamento',
  caseReference: 'Riferimento della richiesta',
  paymentReference: 'Riferimento del pagamento',
  note: 'Conservi questa ricevuta per la dichiarazione dei redditi.',
  fileName: 'ricevuta',
};

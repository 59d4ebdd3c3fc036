/** Le parole dei PDF generati dal servizio: vedi en/forms.ts. */
import type { forms as en } from '../en/forms.ts';

export const forms: typeof en = {
  requestFileName: 'modulo-richiesta-{reference}.pdf',
  requestTitle: 'Richiesta di secondo parere',
  requestIntro:
    'Modulo compilato online il {date}. Riporta quanto inserito da chi ha presentato la richiesta; il servizio lo conserva con la pratica.',
  reference: 'Riferimento',
  created: 'Ricevuta il',
  patient: 'Paziente',
  requester: 'Persona che presenta la richiesta per il paziente',
  name: 'Nome e cognome',
  dateOfBirth: 'Data di nascita',
  country: 'Paese di residenza',
  taxCode: 'Codice fiscale',
  email: 'Email',
  phone: 'Telefono',
  relationship: 'Rapporto con il paziente',
  none: 'non indicato',
  language: 'Lingua della pratica',
  consultations: 'Consulti richiesti',
  courier: 'Relazione stampata tramite corriere a',
  noCourier: 'Relazione stampata tramite corriere: no',
  previous: 'Aggiornamento della richiesta precedente',
  consentTitle: 'Consenso privacy',
  consent:
    'Consenso al trattamento dei dati personali e sanitari per questa richiesta (informativa versione {version}) espresso il {date} da {who}.',
  consentByPatient: 'il paziente',
  consentByRequester: 'la persona che presenta la richiesta per il paziente',
  noConsent: 'Con questa richiesta non è stato registrato alcun consenso.',
  proxyFileName: 'delega.pdf',
  proxyTitle: 'Delega per la richiesta di secondo parere',
  proxyIntro:
    'Io sottoscritto/a, paziente indicato/a qui sotto, autorizzo la persona indicata qui sotto a chiedere a {hospital} un secondo parere per mio conto, a inviare la mia documentazione clinica, a ricevere le email sulla richiesta e a leggere la relazione.',
  proxyPatient: 'Il/la paziente',
  proxyPerson: 'La persona delegata',
  proxyFields: ['Nome e cognome', 'Data di nascita', 'Numero del documento di identità'],
  proxyRelationship: 'Rapporto con il/la paziente',
  proxyPlaceDate: 'Luogo e data',
  proxySignature: 'Firma del/della paziente',
  proxyEnclose:
    'Carichi questo modulo firmato, con una copia del documento di identità del/della paziente e della persona delegata, nella pagina della richiesta.',
  blank: '______________________________________________',
};

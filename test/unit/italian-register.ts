/**
 * What the Italian a patient or a staff member reads must not contain: "tu" forms, a courtesy
 * pronoun in lower case (the formal "Lei", "Suo", "Le" are capitalised; a third person is named,
 * never "suo"), commands in the second person singular ("Apri", "Richiedi": the formal "Apra",
 * "Richieda"), and a participle that makes the reader a man ("curato", "seguito"). "Conferma",
 * "Completa" and "Proroga" are left out: they are also a noun and an adjective.
 */
export const INFORMAL_ITALIAN =
  /\b(tu|ti|tuo|tua|tuoi|tue|lei|suo|sua|suoi|sue|Apri|Leggi|Scarica|Invia|Carica|Annulla|Rimuovi|Riprova|Scegli|Continua|Richiedi|Rifiuta|Assegna|Riassegna|Chiedi|Riapri|Registra|Rilascia|Rimborsa|Vai|curato|seguito|interessato)\b/;

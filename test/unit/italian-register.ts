/**
 * What the Italian a patient reads must not contain: "tu" forms, a courtesy pronoun in lower case
 * (the formal "Lei", "Suo", "Le" are capitalised), commands in the second person singular, and a
 * participle that makes the reader a man ("curato", "seguito").
 */
export const INFORMAL_ITALIAN =
  /\b(tu|ti|tuo|tua|tuoi|tue|lei|suo|sua|suoi|sue|Apri|Leggi|Scarica|Invia|Carica|Annulla|Rimuovi|Riprova|Scegli|Continua|Richiedi|curato|seguito|interessato)\b/;

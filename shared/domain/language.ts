/**
 * The language of a document, from its commonest words and its letters: each of English, Italian,
 * French, German, Spanish, Portuguese, Dutch, Romanian, Albanian, Polish, Croatian/Serbian/Bosnian
 * and Turkish scores the function words (and a few ever-present clinical and administrative
 * words; never one letter, which units and initials would feed) it owns, plus the accented letters only it uses. English and
 * Italian are what the service accepts; anything else is `other` and needs a translation.
 */
import type { DocumentLanguage } from './taxonomy.ts';

type Lang = 'en' | 'it' | 'fr' | 'de' | 'es' | 'pt' | 'nl' | 'ro' | 'sq' | 'pl' | 'hr' | 'tr';

const WORDS: Record<Lang, string> = {
  en: `the and of with was is for on in to at by from this that these are be been not or an as it its
    her his she he we you your our please which were has have had will would should there their
    patient date name report right left birth no yes signed dear yours sincerely following after
    under over per total result results history treatment department hospital`,
  it: `il lo la gli le di del della dello dei degli delle con per che non si nel nella nei negli
    alla alle al dal dalla dai sono una uno un ed anche come piu questo questa sul sulla tra fra
    paziente data nome referto sinistra destra sinistro destro nato nata anni presso esame esami
    dott dottssa visita terapia ricovero diagnosi firma medico cura sig sigra ore giorni mese`,
  fr: `le les des du et avec pour une un est sur dans au aux par pas qui que ce cette son sa ses
    nous vous il elle ont ete sont mais plus chez apres lors sans tres patiente droit droite
    gauche examen nom prenom prenoms naissance ne le la madame monsieur docteur service
    compte rendu lettre mme jour mois ans date traitement`,
  de: `der die das und mit von ist ein eine einer einem einen nicht bei im zu zur zum auf den dem
    des sich wir sie es fur wurde wurden nach aus bis keine kein unter oder auch war sind wird
    patientin patient befund rechts links untersuchung klinik datum herr frau geb therapie
    diagnose vom am uber seit`,
  es: `el los las y con para una es del en por se al lo como su sus que fue sin muy este esta
    ha han ya entre desde sobre paciente derecho derecha izquierdo izquierda informe fecha
    nombre apellidos servicio tratamiento dia dias meses anos dr dra consulta hospital`,
  pt: `os as do da dos das com para uma um em no na nos nas por ao pelo pela que nao foi sem
    como sua seu este esta sao tem foram paciente direito direita esquerdo esquerda data nome
    servico tratamento dia dias meses anos utente processo doente exame medico consulta`,
  // Dutch, Romanian (often typed without its diacritics) and Albanian: Latin-script languages of
  // the hospital's patients whose short words would otherwise count as Italian or English.
  nl: `het een en van is op te dat die met voor niet zijn aan er ook als bij naar door om tot uit
    werd wordt worden heeft hebben geen wij uw onderzoek afdeling ziekenhuis naam datum geboren
    links rechts behandeling patient arts huisarts`,
  ro: `si cu din pe care fara sau este sunt pentru mai dupa prin spre intre catre acest aceasta
    acesta ale ai unei unui nu fost fiind nivelul nume prenume varsta sectia spitalul judetean
    pacientul pacienta medicul examen diagnostic tratament zile luni ani`,
  sq: `dhe me te ne per nga se qe nje ka nuk jane eshte kjo ky keto por edhe mbi nen pas para
    mbiemri emri datelindja gjinia vendlindja shtetesia spitali pacienti pacientja mjeku data
    lindjes leshimit skadimit`,
  // Polish, the Latin-script languages of the former Yugoslavia, and Turkish.
  pl: `na nie sie jest do od przez po dla oraz lub jak ze ktory ktora ktore bylo byl byla
    pacjent pacjenta pacjentki lekarz szpital badanie rozpoznanie leczenie data urodzenia imie
    nazwisko lewej prawej`,
  hr: `je na za od su se sa kod bio bila nije ili iz koji koja koje ovaj nakon prema pacijent
    pacijenta bolesnik bolesnika lijecnik bolnica nalaz dijagnoza lijecenje datum rodenja ime
    prezime lijevo desno godina`,
  tr: `ve bir bu ile icin olarak da de olan hasta hastanin tarihi dogum adi soyadi hastane
    tedavi tani muayene sonuc sol sag yil gun ay olup veya ancak sonra`,
};

/** Letters (and endings) that mark a language when they appear. */
const LETTERS: Record<Lang, RegExp> = {
  en: /(?!)/g,
  it: /[a-z](?:à|è|ì|ò|ù)(?![a-zà-ÿ])/gi,
  fr: /[êâîôûœ]|[a-z]é[a-z]|è(?=[a-z])/gi,
  de: /[äöüß]/gi,
  es: /ñ|¿|¡|ción\b|ía\b/gi,
  pt: /[ãõ]|ção\b|ções\b/gi,
  nl: /ij(?=[a-z])/gi,
  ro: /[ăâîșşțţ]/gi,
  sq: /ë/gi,
  pl: /[ąęłńśźż]/gi,
  hr: /[čćđšž]/gi,
  tr: /[ğış]/gi,
};

const SETS = Object.fromEntries(
  Object.entries(WORDS).map(([l, w]) => [l, new Set(w.split(/\s+/).filter(Boolean))]),
) as Record<Lang, Set<string>>;
const LANGS = Object.keys(WORDS) as Lang[];

export interface LanguageScore {
  language: string;
  score: number;
}

const wordsOf = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .split(/[^a-z]+/);

/** Each language's score for a text, best first. */
export function languageScores(text: string): LanguageScore[] {
  const scores = Object.fromEntries(LANGS.map((l) => [l, 0])) as Record<Lang, number>;
  for (const line of text.split('\n')) {
    // Bilingual forms and identity documents print a label in their own language first, then its
    // translation after a slash ("Cognome / Surname"): what follows a slash counts a quarter.
    line.split(/\s\/\s|(?<=[a-z])\/(?=[a-z])/i).forEach((part, i) => {
      const weight = i === 0 ? 1 : 0.25;
      for (const w of wordsOf(part)) for (const l of LANGS) if (SETS[l].has(w)) scores[l] += weight;
    });
  }
  // A marked letter counts half a word: enough to split close calls, not to outvote the words.
  for (const l of LANGS) scores[l] += 0.5 * (text.match(LETTERS[l])?.length ?? 0);
  return LANGS.map((l) => ({ language: l, score: scores[l] }))
    .sort((a, b) => b.score - a.score || (a.language === 'en' || a.language === 'it' ? -1 : 1))
    .map((s) => ({ ...s, score: Math.round(s.score * 10) / 10 }));
}

/** English, Italian, or (any other language, or no words at all) other. */
export function languageOf(text: string): DocumentLanguage {
  const [best] = languageScores(text);
  if (!best || best.score === 0) return 'other';
  return best.language === 'en' || best.language === 'it' ? best.language : 'other';
}

/**
 * The document classifier: text per page in, a document type, a confidence, the language, the
 * main date and (for an oncologist report) the required sections found. Pure and explainable:
 * every decision keeps the cues that made it, so a triage doctor can see why a file got its label.
 *
 * It scores weighted cue phrases per type (English, Italian and a few common other-language
 * terms); a cue in the title area (the first lines of page 1) weighs three times, because a
 * report names itself at the top while mentioning other kinds of documents in its body.
 */
import {
  DOCUMENT_TYPES,
  type DocumentLanguage,
  type DocumentType,
  ONCOLOGIST_SECTIONS,
  type OncologistSection,
} from './taxonomy.ts';

export interface Signal {
  /** What the signal argues for: a document type, a language, a section or the date. */
  for: string;
  cue: string;
  weight: number;
  where: 'title' | 'body';
}

export interface OncologistSections {
  present: OncologistSection[];
  missing: OncologistSection[];
}

export interface Classification {
  documentType: DocumentType;
  /** 0..1: how clearly the winning type beat the others. */
  confidence: number;
  language: DocumentLanguage;
  /** The document's main date (YYYY-MM-DD), when one is found. */
  documentDate?: string;
  /** Only for an oncologist report. */
  oncologistSections?: OncologistSections;
  /** The strongest cues behind the decision, best first. */
  signals: Signal[];
  /** Below the confidence threshold, or unrecognised: a doctor has to look at it. */
  needsReview: boolean;
}

/** Below this the document is `needs_review`. */
export const REVIEW_THRESHOLD = 0.5;
/** A winning score below this means nothing recognisable: type `other`. */
const MIN_SCORE = 4;
const TITLE_LINES = 6;
const TITLE_FACTOR = 3;
const MAX_REPEATS = 3;

type Cue = readonly [phrase: string, weight: number];

/** Phrases are matched on lower-case text without accents; a trailing `*` matches any word ending. */
const CUES: Record<Exclude<DocumentType, 'other'>, readonly Cue[]> = {
  oncologist_report: [
    ['clinic letter', 3],
    ['oncology clinic', 3],
    ['oncology outpatients', 3],
    ['in clinic', 2],
    ['comorbidities', 1],
    ['question for the second opinion', 3],
    ['second opinion', 1],
    ['dear colleague', 1],
    ['ambulatorio di oncologia', 3],
    ['comorbidita', 1],
    ['oncology consultation', 4],
    ['oncological consultation', 4],
    ['oncologist report', 4],
    ['oncology report', 4],
    ['oncological report', 4],
    ['medical oncology', 2],
    ['treating oncologist', 3],
    ['clinical question', 3],
    ['oncological history', 3],
    ['history of present illness', 2],
    ['past medical history', 1],
    ['current problems', 2],
    ['relazione oncologica', 4],
    ['visita oncologica', 4],
    ['relazione clinica', 3],
    ['oncologo curante', 3],
    ['quesito clinico', 3],
    ['storia oncologica', 3],
    ['anamnesi oncologica', 3],
    ['oncologia medica', 2],
    ['problemi attuali', 2],
    ['anamnesi patologica remota', 1],
    ['oncologue', 2],
    ['consultation d oncologie', 4],
    ['onkologisch*', 2],
    ['informe oncologico', 4],
  ],
  pathology_report: [
    ['cellular pathology', 3],
    ['histopatholog*', 2],
    ['core biops*', 2],
    ['biopsy', 1],
    ['agobiopsia', 2],
    ['pathology report', 4],
    ['histopathology', 3],
    ['histopathological', 3],
    ['histological examination', 2],
    ['surgical pathology', 3],
    ['microscopic description', 3],
    ['macroscopic description', 3],
    ['gross description', 3],
    ['immunohistochemistry', 2],
    ['specimen', 1],
    ['resection margins', 2],
    ['pathologist', 2],
    ['referto istologico', 4],
    ['esame istologico', 2],
    ['anatomia patologica', 3],
    ['descrizione macroscopica', 3],
    ['descrizione microscopica', 3],
    ['diagnosi istologica', 2],
    ['immunoistochimic*', 2],
    ['margini di resezione', 2],
    ['anatomopatholog*', 4],
    ['pathologie', 2],
    ['histologischer befund', 4],
    ['pathologisch*', 2],
    ['informe anatomopatologico', 4],
  ],
  imaging_report: [
    ['x-ray', 3],
    ['rx', 2],
    ['radiografia', 3],
    ['proiezioni', 2],
    ['tc', 1],
    ['rm', 1],
    ['computed tomography', 3],
    ['ct scan', 3],
    ['ct of the', 2],
    ['magnetic resonance', 3],
    ['mri', 2],
    ['pet/ct', 3],
    ['pet-ct', 3],
    ['ultrasound', 2],
    ['mammography', 3],
    ['radiology report', 4],
    ['radiologist', 2],
    ['technique', 1],
    ['contrast medium', 2],
    ['findings', 1],
    ['impression', 1],
    ['tomografia computerizzata', 3],
    ['risonanza magnetica', 3],
    ['ecografia', 3],
    ['mammografia', 3],
    ['referto radiologico', 4],
    ['diagnostica per immagini', 3],
    ['radiologo', 2],
    ['mezzo di contrasto', 2],
    ['tecnica', 1],
    ['reperti', 1],
    ['scanner', 2],
    ['tomodensitometrie', 3],
    ['compte rendu d imagerie', 4],
    ['tomografia computarizada', 3],
  ],
  surgical_report: [
    ['sala operatoria', 3],
    ['operatori', 2],
    ['anestesista', 2],
    ['emostasi', 2],
    ['haemostasis', 2],
    ['hemostasis', 2],
    ['theatre', 2],
    ['drenaggio', 1],
    ['drain', 1],
    ['sutura', 1],
    ['intervento', 1],
    ['operative report', 4],
    ['operation note', 4],
    ['operative note', 4],
    ['procedure performed', 3],
    ['preoperative diagnosis', 3],
    ['postoperative diagnosis', 2],
    ['surgeon', 2],
    ['anaesthesia', 1],
    ['anesthesia', 1],
    ['incision', 2],
    ['intraoperative', 2],
    ['estimated blood loss', 3],
    ['verbale operatorio', 4],
    ['registro operatorio', 4],
    ['intervento eseguito', 3],
    ['descrizione dell intervento', 3],
    ['primo operatore', 3],
    ['diagnosi preoperatoria', 3],
    ['anestesia', 1],
    ['incisione', 2],
    ['perdite ematiche', 2],
    ['compte rendu operatoire', 4],
    ['operationsbericht', 4],
  ],
  discharge_letter: [
    ['si dimette', 3],
    ['decorso postoperatorio', 2],
    ['presso il nostro reparto', 2],
    ['reparto', 1],
    ['ward', 1],
    ['admitted', 1],
    ['discharge summary', 4],
    ['discharge letter', 4],
    ['date of admission', 3],
    ['date of discharge', 3],
    ['hospital course', 3],
    ['discharge medications', 3],
    ['reason for admission', 3],
    ['discharged', 1],
    ['lettera di dimissione', 4],
    ['data di ricovero', 3],
    ['data di dimissione', 3],
    ['decorso clinico', 2],
    ['terapia alla dimissione', 3],
    ['motivo del ricovero', 3],
    ['ricoverat*', 1],
    ['dimess*', 1],
    ['lettre de sortie', 4],
    ['entlassungsbrief', 4],
    ['informe de alta', 4],
  ],
  therapy_record: [
    ['administration record', 4],
    ['treatment record', 3],
    ['treatment summary', 2],
    ['chemotherapy record', 4],
    ['cycle', 1],
    ['regimen', 1],
    ['infusion', 1],
    ['dose administered', 3],
    ['body surface area', 2],
    ['premedication', 2],
    ['fractions', 2],
    ['scheda di terapia', 4],
    ['scheda di somministrazione', 4],
    ['scheda di trattamento', 4],
    ['riepilogo del trattamento', 3],
    ['ciclo', 1],
    ['infusione', 1],
    ['dose somministrata', 3],
    ['superficie corporea', 2],
    ['premedicazione', 2],
    ['frazioni', 2],
  ],
  molecular_report: [
    ['pcr', 2],
    ['exon', 2],
    ['esone', 2],
    ['deletion', 1],
    ['delezione', 1],
    ['molecular', 2],
    ['next generation sequencing', 3],
    ['ngs', 2],
    ['mutation', 1],
    ['variant', 1],
    ['allele frequency', 3],
    ['tumor mutational burden', 3],
    ['tumour mutational burden', 3],
    ['microsatellite', 2],
    ['gene panel', 3],
    ['biologia molecolare', 4],
    ['analisi mutazionale', 3],
    ['mutazion*', 1],
    ['sequenziamento', 2],
    ['frequenza allelica', 3],
    ['instabilita microsatellitare', 2],
    ['pannello genico', 3],
    ['biologie moleculaire', 4],
  ],
  lab_results: [
    ['full blood count', 4],
    ['fbc', 2],
    ['electrolytes', 2],
    ['neutrophils', 1],
    ['prelievo', 2],
    ['complete blood count', 4],
    ['blood count', 2],
    ['haemoglobin', 2],
    ['hemoglobin', 2],
    ['white blood cells', 2],
    ['platelets', 2],
    ['creatinine', 1],
    ['reference range', 2],
    ['laboratory results', 3],
    ['emocromo', 3],
    ['emoglobina', 2],
    ['globuli bianchi', 2],
    ['piastrine', 2],
    ['creatinina', 1],
    ['valori di riferimento', 2],
    ['intervallo di riferimento', 2],
    ['laboratorio analisi', 3],
    ['esami ematochimici', 3],
  ],
  request_form: [
    ['second opinion request', 4],
    ['request for a second opinion', 4],
    ['request form', 3],
    ['the undersigned', 2],
    ['consultation type', 2],
    ['type of consultation', 2],
    ['signature of the applicant', 2],
    ['richiesta di secondo parere', 4],
    ['modulo di richiesta', 3],
    ['il sottoscritto', 2],
    ['la sottoscritta', 2],
    ['tipo di consulto', 2],
    ['firma del richiedente', 2],
  ],
  privacy_consent: [
    ['privacy', 2],
    ['personal data', 2],
    ['data protection', 2],
    ['2016/679', 3],
    ['data controller', 2],
    ['processing of', 1],
    ['i consent', 2],
    ['dati personali', 2],
    ['titolare del trattamento', 2],
    ['consenso al trattamento', 3],
    ['acconsento', 2],
    ['informativa', 2],
  ],
  identity_document: [
    ['passport', 3],
    ['identity card', 4],
    ['driving licence', 4],
    ['nationality', 2],
    ['date of expiry', 2],
    ['surname', 1],
    ['given names', 2],
    ['carta d identita', 4],
    ['passaporto', 3],
    ['patente di guida', 4],
    ['cittadinanza', 2],
    ['scadenza', 1],
    ['cognome', 1],
    ['statura', 2],
    ['repubblica italiana', 1],
  ],
  proxy_authorization: [
    ['proxy', 3],
    ['authorization', 1],
    ['authorisation', 1],
    ['on my behalf', 3],
    ['power of attorney', 4],
    ['hereby authori*', 3],
    ['delegate', 2],
    ['delega', 4],
    ['delego', 3],
    ['per mio conto', 3],
    ['in nome e per conto', 3],
    ['delegat*', 1],
  ],
};

const STOPWORDS: Record<'en' | 'it' | 'fr' | 'de' | 'es', readonly string[]> = {
  en: [
    'the',
    'and',
    'of',
    'with',
    'was',
    'is',
    'for',
    'on',
    'in',
    'no',
    'to',
    'patient',
    'date',
    'name',
    'report',
    'right',
    'left',
    'which',
    'were',
    'has',
    'at',
    'by',
    'from',
    'this',
    'birth',
  ],
  it: [
    'il',
    'la',
    'di',
    'del',
    'della',
    'con',
    'per',
    'che',
    'non',
    'gli',
    'le',
    'si',
    'nel',
    'alla',
    'dei',
    'delle',
    'paziente',
    'data',
    'nome',
    'referto',
    'sinistra',
    'destra',
    'sono',
    'una',
    'nascita',
    'ed',
  ],
  fr: [
    'le',
    'les',
    'des',
    'du',
    'et',
    'avec',
    'pour',
    'une',
    'est',
    'sur',
    'dans',
    'au',
    'aux',
    'patiente',
    'droit',
    'gauche',
    'examen',
    'nous',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'mit',
    'von',
    'ist',
    'ein',
    'eine',
    'nicht',
    'bei',
    'im',
    'zu',
    'auf',
    'patientin',
    'befund',
    'rechts',
    'links',
    'wurde',
  ],
  es: [
    'el',
    'los',
    'las',
    'y',
    'con',
    'para',
    'una',
    'es',
    'del',
    'en',
    'por',
    'se',
    'al',
    'derecho',
    'izquierdo',
    'informe',
    'fue',
  ],
};

/** Lower case, no accents, punctuation as spaces (keeping / and - inside tokens), one space between words. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9/\-+.,:\n ]+/g, ' ')
    .replace(/[ \t]+/g, ' ');
}

function cueRegex(phrase: string): RegExp {
  const wildcard = phrase.endsWith('*');
  const body = (wildcard ? phrase.slice(0, -1) : phrase).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?<![a-z0-9])${body}${wildcard ? '[a-z]*' : '(?![a-z0-9])'}`, 'g');
}

const COMPILED = Object.fromEntries(
  Object.entries(CUES).map(([type, cues]) => [
    type,
    cues.map(([phrase, weight]) => ({ phrase, weight, re: cueRegex(phrase) })),
  ]),
) as Record<Exclude<DocumentType, 'other'>, { phrase: string; weight: number; re: RegExp }[]>;

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  return text.match(re)?.length ?? 0;
}

function scoreTypes(title: string, body: string) {
  const scores = new Map<DocumentType, { score: number; signals: Signal[] }>();
  for (const type of DOCUMENT_TYPES) {
    if (type === 'other') continue;
    let score = 0;
    const signals: Signal[] = [];
    for (const { phrase, weight, re } of COMPILED[type]) {
      if (count(re, title) > 0) {
        score += weight * TITLE_FACTOR;
        signals.push({ for: type, cue: phrase, weight: weight * TITLE_FACTOR, where: 'title' });
      }
      const n = Math.min(count(re, body), MAX_REPEATS);
      if (n > 0) {
        score += weight * n;
        signals.push({ for: type, cue: phrase, weight: weight * n, where: 'body' });
      }
    }
    scores.set(type, { score, signals });
  }
  return scores;
}

/** The language of a text from its commonest words; English and Italian win ties with other languages. */
export function detectLanguage(text: string): { language: DocumentLanguage; signals: Signal[] } {
  const words = normalise(text).split(/[^a-z]+/);
  const counts = { en: 0, it: 0, fr: 0, de: 0, es: 0 };
  const sets = Object.fromEntries(Object.entries(STOPWORDS).map(([l, w]) => [l, new Set(w)])) as Record<
    keyof typeof counts,
    Set<string>
  >;
  for (const w of words) {
    for (const l of Object.keys(counts) as (keyof typeof counts)[]) if (sets[l].has(w)) counts[l] += 1;
  }
  const ranked = (Object.entries(counts) as [keyof typeof counts, number][]).sort(
    (a, b) => b[1] - a[1] || (a[0] === 'en' || a[0] === 'it' ? -1 : 1),
  );
  const [best, n] = ranked[0]!;
  const signals: Signal[] = ranked
    .filter(([, c]) => c > 0)
    .slice(0, 3)
    .map(([l, c]) => ({ for: `language:${l}`, cue: 'common words', weight: c, where: 'body' as const }));
  if (n === 0) return { language: 'other', signals };
  return { language: best === 'en' || best === 'it' ? best : 'other', signals };
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  agosto: 8,
  settembre: 9,
  ottobre: 10,
  novembre: 11,
  dicembre: 12,
  gen: 1,
  mag: 5,
  giu: 6,
  lug: 7,
  ago: 8,
  set: 9,
  ott: 10,
  dic: 12,
};

/** Words just before a date that say it is not the document's date. */
const NOT_DOCUMENT_DATE =
  /\b(birth|born|dob|nat[oa]|nascita|expir\w*|scadenza|valid\w*|rilascio|issue|emissione|since|dal|dall|from|next|prossim\w*|follow-up|controllo)\b[^\n]{0,25}$/;
/(birth|born|dob|d\.o\.b|nat[oa]|nascita|expir|scadenza|valid|rilascio|issue|emissione|since|dal|from|dall|next|prossim|follow-up|controllo)[^\n]{0,25}$/;
/** Words just before a date that label it as the document's date. */
const DOCUMENT_DATE_LABEL =
  /(date of report|report date|date of (?:the )?(?:visit|examination|exam|operation|surgery|discharge|procedure|signature)|date|dated|signed on|reported on|data del referto|data referto|data della visita|data dell esame|data intervento|data dell intervento|data di dimissione|data|refertato il|firmato il|milano,|roma,|torino,|napoli,|london,|[a-z]+, li|li)\s*:?\s*$/;

function isoDate(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return undefined;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return undefined;
  return dt.toISOString().slice(0, 10);
}

interface FoundDate {
  date: string;
  labelled: boolean;
}

/** Every date in a (normalised) text with whether it is labelled as the document's date; birth and expiry dates are left out. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const monthNames = Object.keys(MONTHS).join('|');
  const patterns: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
    [/\b(\d{4})-(\d{2})-(\d{2})\b/g, (m) => isoDate(+m[1]!, +m[2]!, +m[3]!)],
    [
      /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g,
      // Day first, as in Europe, unless only the other order makes a date.
      (m) => isoDate(+m[3]!, +m[2]!, +m[1]!) ?? isoDate(+m[3]!, +m[1]!, +m[2]!),
    ],
    [
      new RegExp(`\\b(\\d{1,2}) (${monthNames})\\.? (\\d{4})\\b`, 'g'),
      (m) => isoDate(+m[3]!, MONTHS[m[2]!]!, +m[1]!),
    ],
    [
      new RegExp(`\\b(${monthNames})\\.? (\\d{1,2}),? (\\d{4})\\b`, 'g'),
      (m) => isoDate(+m[3]!, MONTHS[m[1]!]!, +m[2]!),
    ],
  ];
  for (const [re, toDate] of patterns) {
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const date = toDate(m);
      if (!date) continue;
      // What precedes the date, back to the previous date or line: that is what labels it.
      const before = text.slice(Math.max(0, m.index - 40), m.index).replace(/^[\s\S]*(\d{4}|\n)/, '');
      if (NOT_DOCUMENT_DATE.test(before)) continue;
      found.push({ date, labelled: DOCUMENT_DATE_LABEL.test(before) });
    }
  }
  return found;
}

/** The document's main date: a date labelled as such (the latest), else the latest date in it. */
export function documentDateOf(text: string): string | undefined {
  const found = findDates(text);
  const labelled = found.filter((f) => f.labelled);
  const pool = labelled.length ? labelled : found;
  return pool
    .map((f) => f.date)
    .sort()
    .at(-1);
}

const SECTION_CUES: Record<OncologistSection, RegExp[]> = {
  diagnosis: [/\bdiagnos[ie]s?\b/],
  stage: [/\bstag(e|ing)\b/, /\bstadi(o|azione)\b/, /\b[pcy]?t[0-4x][a-d]?(is)? ?n[0-3x][a-c]? ?m[01x]\b/],
  non_cancer_history: [
    /past medical history/,
    /comorbidit/,
    /non-?cancer (medical )?history/,
    /anamnesi patologica (remota|non oncologica)/,
    /anamnesi remota/,
  ],
  cancer_history: [
    /(oncological|cancer|oncology) history/,
    /history of (the )?present illness/,
    /(storia|anamnesi) oncologica/,
  ],
  treatments: [/\b\d+([.,]\d+)? ?(mg|mg\/m2|mg\/kg|gy|auc ?\d)\b/],
  current_problems: [
    /current (problems|symptoms|status|condition)/,
    /(problemi|condizioni|sintomi) attuali/,
    /stato attuale/,
  ],
  clinical_question: [
    /clinical question/,
    /question for (the )?(second opinion|specialist|consultant)/,
    /quesito/,
  ],
};

export function oncologistSectionsOf(text: string): OncologistSections {
  const present = ONCOLOGIST_SECTIONS.filter((s) => SECTION_CUES[s].some((re) => re.test(text)));
  return { present, missing: ONCOLOGIST_SECTIONS.filter((s) => !present.includes(s)) };
}

/** Classifies a document from its text, one string per page. */
export function classify(pages: readonly string[]): Classification {
  const normalised = pages.map(normalise);
  const body = normalised.join('\n');
  const title = (normalised[0] ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, TITLE_LINES)
    .join('\n');
  const { language, signals: languageSignals } = detectLanguage(pages.join('\n'));
  const documentDate = documentDateOf(body);

  const ranked = [...scoreTypes(title, body).entries()].sort((a, b) => b[1].score - a[1].score);
  const [bestType, best] = ranked[0]!;
  const second = ranked[1]?.[1].score ?? 0;
  const recognised = best.score >= MIN_SCORE;
  const documentType: DocumentType = recognised ? bestType : 'other';
  // Margin over the runner-up, tempered by how much evidence there is at all.
  const confidence = recognised
    ? Math.round((0.6 * (1 - second / best.score) + 0.4 * Math.min(1, best.score / 20)) * 100) / 100
    : 0;
  const typeSignals = best.signals.sort((a, b) => b.weight - a.weight).slice(0, 6);
  const runnerUp = ranked[1]?.[1].signals.sort((a, b) => b.weight - a.weight).slice(0, 2) ?? [];

  return {
    documentType,
    confidence,
    language,
    ...(documentDate ? { documentDate } : {}),
    ...(documentType === 'oncologist_report' ? { oncologistSections: oncologistSectionsOf(body) } : {}),
    signals: [...(recognised ? typeSignals : []), ...runnerUp, ...languageSignals],
    needsReview: documentType === 'other' || confidence < REVIEW_THRESHOLD,
  };
}

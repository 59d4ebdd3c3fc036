/**
 * The document classifier: text per page in, a document type, a confidence, the language, the
 * main date and (for an oncologist report) the required sections found. Pure and explainable:
 * every decision keeps the cues that made it, so a triage doctor can see why a file got its label.
 *
 * The type comes from a multinomial logistic regression (classifier-model.json, trained by
 * `npm run train` on the development part of the independent evaluation corpus and the older
 * corpus) over named features: words and multilingual cue concepts in the title area, in short
 * heading lines and in the whole text (classifier-features.ts). Its probability is the confidence:
 * below REVIEW_THRESHOLD a doctor looks at the document. A text in which no cue concept appears
 * at all is `other`, unrecognised. Language, date and sections are rules (language.ts,
 * document-date.ts, SECTION_CUES below).
 */
import { featuresOf, normalise } from './classifier-features.ts';
import model from './classifier-model.json' with { type: 'json' };
import { documentDateOf } from './document-date.ts';
import { languageOf, languageScores } from './language.ts';
import {
  type DocumentLanguage,
  type DocumentType,
  isDocumentType,
  ONCOLOGIST_SECTIONS,
  type OncologistSection,
} from './taxonomy.ts';

export { documentDateOf } from './document-date.ts';
export { normalise };

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
  /** 0..1: the model's probability for the type it chose. */
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

/** The trained model as stored: weights quantised to one signed byte each, base64. */
export interface StoredModel {
  classes: string[];
  features: string[];
  bias: number[];
  /** A weight is its byte times this. */
  scale: number;
  /** Logits are divided by this before the softmax, so probabilities match how often the model is right. */
  temperature: number;
  weights: string;
}

interface Model {
  classes: DocumentType[];
  index: Map<string, number>;
  bias: number[];
  weights: Float64Array;
  temperature: number;
}

function load(stored: StoredModel): Model {
  const classes = stored.classes.filter(isDocumentType);
  if (classes.length !== stored.classes.length) throw new Error('classifier model names an unknown type');
  const bytes = Uint8Array.from(atob(stored.weights), (c) => c.charCodeAt(0));
  const weights = Float64Array.from(new Int8Array(bytes.buffer), (b) => b * stored.scale);
  if (weights.length !== stored.features.length * classes.length)
    throw new Error('classifier model is cut short');
  return {
    classes,
    index: new Map(stored.features.map((f, i) => [f, i])),
    bias: stored.bias,
    weights,
    temperature: stored.temperature,
  };
}

const MODEL = load(model as StoredModel);

/** Per class, the logit and each feature's part in it. */
function logits(features: Map<string, number>, m: Model = MODEL) {
  const n = m.classes.length;
  const z = [...m.bias];
  const parts: { feature: string; value: number; row: number }[] = [];
  for (const [feature, value] of features) {
    const row = m.index.get(feature);
    if (row === undefined) continue;
    parts.push({ feature, value, row });
    for (let c = 0; c < n; c++) z[c]! += m.weights[row * n + c]! * value;
  }
  return { z, parts };
}

function softmax(z: number[], temperature: number): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp((v - max) / temperature));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The features that pushed hardest towards a class, as signals. */
function signalsFor(type: DocumentType, parts: ReturnType<typeof logits>['parts'], top: number): Signal[] {
  const c = MODEL.classes.indexOf(type);
  const n = MODEL.classes.length;
  return parts
    .map((p) => ({ p, w: MODEL.weights[p.row * n + c]! * p.value }))
    .filter((x) => x.w > 0)
    .sort((a, b) => b.w - a.w)
    .slice(0, top)
    .map(({ p, w }) => ({
      for: type,
      cue: `${p.feature.startsWith('h:') ? 'short line: ' : ''}${p.feature.slice(2).replace(/^@/, 'concept:')}`,
      weight: Math.round(w * 100) / 100,
      where: p.feature.startsWith('t:') ? ('title' as const) : ('body' as const),
    }));
}

/** The language of a text from its commonest words and letters; English and Italian win ties with other languages. */
export function detectLanguage(text: string): { language: DocumentLanguage; signals: Signal[] } {
  const signals: Signal[] = languageScores(text)
    .filter((s) => s.score > 0)
    .slice(0, 3)
    .map((s) => ({
      for: `language:${s.language}`,
      cue: 'common words',
      weight: s.score,
      where: 'body' as const,
    }));
  return { language: languageOf(text), signals };
}

/** Headings and content that show each required section, in the six languages; on normalised text. */
const SECTION_CUES: Record<OncologistSection, RegExp[]> = {
  diagnosis: [
    /\bdiagnos\w*/,
    /\b(adeno)?(carcinom|sarcom|linfom|lymphom|melanom|glioblastom|gliom|mesoteliom|mesotheliom|mielom|myelom|leukaem|leukem|leucemi|neoplas|tumou?r|tumore|cancer|cancro|krebs|karzinom|blastom)\w*/,
  ],
  stage: [
    /\b(stage|staging|stadio|stadiazione|stade|stadium|estadio|estadiamento|estadificacion|figo|ajcc|uicc|ann arbor|bclc|tnm)\b/,
    /\b(yp|yc|mr|[cpyr])?t[0-4x][a-d]?(is|mi)?\s?(\(\w+\)\s?)?(yp|[cpy])?n[0-3x][a-c]?(\(\w+\))?(\s?(c|p)?m[01x][a-c]?)?\b/,
  ],
  non_cancer_history: [
    /past (medical )?history|other (medical )?history|medical history|comorbidit|co-morbidit|other illnesses|other diagnoses|anamnesi (patologica )?(remota|fisiologica)|altre patologie|patologie concomitanti|comorbilidad|antecedentes|antecedents|nebendiagnose|vorerkrankung|begleiterkrankung|comorbidade/,
    /\b(hypertension|ipertensione|hypertonie|hipertension|hta|diabet\w*|bpco|copd|epoc|asthma|asma|hypothyro\w*|ipotiroid\w*|hipotiroid\w*|dyslipid\w*|dislipidemi\w*|hypercholesterol\w*|ipercolesterol\w*|cardiopati\w*|atrial fibrillation|fibrillazione atriale|osteoarthritis|artrosi|allerg\w*)\b/,
  ],
  cancer_history: [
    /(oncological|cancer|oncology|oncologic|clinical|disease) history|history of (the )?present illness|\bhistory\s*:|(storia|anamnesi) (oncologica|clinica)|anamnesi patologica prossima|sintesi clinica|storia\s*:|histoire (de la maladie|oncologique)|historia (oncologica|clinica|de la enfermedad)|onkologische anamnese|bisheriger verlauf|krankheitsverlauf|historico oncologico|pour rappel|background\s*:|summary\s*:|riassunto|cronologia|timeline/,
    /\b(diagnosed|diagnosticat\w*|diagnostique\w*|diagnosticad\w*|diagnostiziert|erstdiagnose|presented (in|on|with)|si presentava|esordio|underwent|sottopost\w*|a subi|a beneficie|se (le )?realizo|se sometio|sometid\w*|submetid\w*|z\. ?n\.|zustand nach|status post|s\/p)\b/,
  ],
  // Doses of a cancer treatment, not of the blood-pressure tablet a letter also lists.
  treatments: [
    /\b\d+([.,]\d+)? ?(mg\/m2|mg\/kg|gy)\b|\bauc ?\d/,
    /\b[a-z]+(mab|nib|platin|platino|taxel|rubicin|rubicina|mustine|fosfamid\w*|citabin\w*|trexed|parib|ciclib|tecan|fluorouracil\w*|olimus|rozole|rozolo|oxifen\w*|estane|lutamide)\b[^\n]{0,40}\b\d+([.,]\d+)? ?(mg|g|mcg)\b/,
    /\b(folfox\w*|folfiri\w*|folfirinox|capox|xelox|r-chop|abvd|fec|flot)\b/,
    /\b(treatments?|trattament\w*|terapie eseguite|therapies|therapie|traitements?|tratamientos?|tratamentos?)( (eseguit\w*|given|to date|received|history|recibidos|oncologic\w*))?\s*:/,
  ],
  current_problems: [
    /current (problems|symptoms|status|condition|state|situation)|present (status|condition)|condizioni (cliniche )?attuali|stato attuale|situazione (clinica )?attuale|decorso attuale|problemi attuali|situation actuelle|etat actuel|aktuelle[rs]? (zustand|befund|befunde|situation)|situacion actual|estado actual|situacao atual|estado atual/,
    /\b(ecog|karnofsky|kps|performance status|ps [0-4]|who ps)\b/,
  ],
  clinical_question: [
    /clinical question|questions? (for|to|addressed|posed)|\bquesit\w*|parere (su|in merito|riguardo)|si (chiede|richiede) (cortese )?(parere|valutazione)|(chiede|richiede|chiedono|richiedono) (un |il )?(vostro |suo |secondo )?parere|fragestellung|question(s)? pose|pregunta|questao|pergunta|would like (your )?(opinion|advice)|your (opinion|advice|view) (on|regarding|about)|grateful for (your|any) (opinion|advice|view)|asked (me )?whether|souhaite .{0,40}(avis|opinion)|votre avis|ihre (einschatzung|meinung)|su opinion|sua opiniao|second opinion (on|regarding|about)|opinion regarding|\?/,
  ],
};

/** The required sections an oncologist report's normalised text shows, and those it lacks. */
export function oncologistSectionsOf(text: string): OncologistSections {
  const present = ONCOLOGIST_SECTIONS.filter((s) => SECTION_CUES[s].some((re) => re.test(text)));
  return { present, missing: ONCOLOGIST_SECTIONS.filter((s) => !present.includes(s)) };
}

/** Classifies a document from its text, one string per page. */
export function classify(pages: readonly string[]): Classification {
  const body = pages
    .map((p) =>
      normalise(p)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n');
  const { language, signals: languageSignals } = detectLanguage(pages.join('\n'));
  const documentDate = documentDateOf(body);
  const features = featuresOf(pages);
  const { z, parts } = logits(features);
  const p = softmax(z, MODEL.temperature);
  const ranked = MODEL.classes.map((type, i) => ({ type, p: p[i]! })).sort((a, b) => b.p - a.p);
  // Without a single cue concept the words alone mean nothing to the model: unrecognised.
  const recognised = parts.some((x) => x.feature.includes(':@'));
  const best = ranked[0]!;
  const documentType: DocumentType = recognised ? best.type : 'other';
  const confidence = recognised ? Math.round(best.p * 100) / 100 : 0;
  const runnerUp = ranked[1] ? signalsFor(ranked[1].type, parts, 2) : [];

  return {
    documentType,
    confidence,
    language,
    ...(documentDate ? { documentDate } : {}),
    ...(documentType === 'oncologist_report' ? { oncologistSections: oncologistSectionsOf(body) } : {}),
    signals: [...(recognised ? signalsFor(best.type, parts, 6) : []), ...runnerUp, ...languageSignals],
    needsReview: !recognised || documentType === 'other' || confidence < REVIEW_THRESHOLD,
  };
}

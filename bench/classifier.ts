/**
 * The classifier on the labelled corpus (test/fixtures/corpus), read through the same text-layer
 * adapter as `so classify`: accuracy of type, language and date, the confusion matrix (rows: the
 * label, columns: what the classifier said), and the time to classify. Fails below the issue's
 * bounds (type 0.90, language 0.95).
 */
import { readFile } from 'node:fs/promises';
import { extractPdfText } from '#adapters/pdf-text.ts';
import { classify } from '#domain/classifier.ts';
import { DOCUMENT_TYPES, type DocumentType } from '#domain/taxonomy.ts';

const CORPUS = new URL('../test/fixtures/corpus/', import.meta.url);
const SHORT: Record<DocumentType, string> = {
  oncologist_report: 'onco',
  pathology_report: 'path',
  imaging_report: 'img',
  surgical_report: 'surg',
  discharge_letter: 'disch',
  therapy_record: 'ther',
  molecular_report: 'mol',
  lab_results: 'lab',
  request_form: 'req',
  privacy_consent: 'priv',
  identity_document: 'id',
  proxy_authorization: 'proxy',
  other: 'other',
};

interface Label {
  file: string;
  documentType: DocumentType;
  language: string;
  documentDate?: string;
}

export async function run(): Promise<Record<string, unknown>> {
  const labels = JSON.parse(await readFile(new URL('labels.json', CORPUS), 'utf8')) as Label[];
  const matrix = Object.fromEntries(
    DOCUMENT_TYPES.map((t) => [t, Object.fromEntries(DOCUMENT_TYPES.map((u) => [u, 0]))]),
  ) as Record<DocumentType, Record<DocumentType, number>>;
  let type = 0;
  let language = 0;
  let dated = 0;
  let date = 0;
  let review = 0;
  let noisyType = 0;
  let classifyMs = 0;
  let extractMs = 0;
  const mistakes: string[] = [];
  for (const label of labels) {
    const bytes = new Uint8Array(await readFile(new URL(label.file, CORPUS)));
    const t0 = performance.now();
    const { pages } = await extractPdfText(bytes);
    const t1 = performance.now();
    const c = classify(pages);
    classifyMs += performance.now() - t1;
    extractMs += t1 - t0;
    matrix[label.documentType][c.documentType] += 1;
    if (c.documentType === label.documentType) type += 1;
    else mistakes.push(`${label.file}: ${c.documentType} (${c.confidence})`);
    if (c.language === label.language) language += 1;
    else mistakes.push(`${label.file}: language ${c.language}`);
    if (label.documentDate) {
      dated += 1;
      if (c.documentDate === label.documentDate) date += 1;
    }
    if (c.needsReview) review += 1;
    if (classify(noisy(pages)).documentType === label.documentType) noisyType += 1;
  }
  const n = labels.length;
  const header = ['label \\ got', ...DOCUMENT_TYPES.map((t) => SHORT[t])];
  const rows = DOCUMENT_TYPES.map((t) => [
    SHORT[t],
    ...DOCUMENT_TYPES.map((u) => String(matrix[t][u] || '.')),
  ]);
  const width = Math.max(...Object.values(SHORT).map((s) => s.length)) + 1;
  console.log(
    [header, ...rows]
      .map(([first, ...r]) => first!.padEnd(12) + r.map((s) => s.padStart(width)).join(''))
      .join('\n'),
  );
  if (mistakes.length) console.log(`mistakes:\n  ${mistakes.join('\n  ')}`);

  const figures = {
    documents: n,
    typeAccuracy: round(type / n),
    languageAccuracy: round(language / n),
    dateAccuracy: round(date / dated),
    needsReview: review,
    /** The same documents through simulated OCR damage: 10% of words lost, 10% with a wrong letter. */
    noisyTypeAccuracy: round(noisyType / n),
    meanClassifyMs: round(classifyMs / n),
    meanTextLayerMs: round(extractMs / n),
    confusion: Object.fromEntries(
      DOCUMENT_TYPES.map((t) => [t, Object.fromEntries(Object.entries(matrix[t]).filter(([, v]) => v > 0))]),
    ),
  };
  if (figures.typeAccuracy < 0.9) throw new Error(`documentType accuracy ${figures.typeAccuracy} < 0.90`);
  if (figures.languageAccuracy < 0.95)
    throw new Error(`language accuracy ${figures.languageAccuracy} < 0.95`);
  return figures;
}

/** Seeded, so the figure is the same on every run. */
function noisy(pages: string[]): string[] {
  let seed = 7;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  return pages.map((page) =>
    page
      .split(/(\s+)/)
      .map((w) => {
        if (!w.trim()) return w;
        const r = rnd();
        if (r < 0.1) return '';
        if (r < 0.2) {
          const i = Math.floor(rnd() * w.length);
          return `${w.slice(0, i)}${String.fromCharCode(97 + Math.floor(rnd() * 26))}${w.slice(i + 1)}`;
        }
        return w;
      })
      .join(''),
  );
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

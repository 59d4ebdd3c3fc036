/** The labelled corpus (test/fixtures/corpus), read through the same text-layer adapter as `so classify`. */
import { readFile } from 'node:fs/promises';
import { extractPdfText } from '#adapters/pdf-text.ts';
import type { DocumentType } from '#domain/taxonomy.ts';

export interface Label {
  file: string;
  documentType: DocumentType;
  language: 'en' | 'it' | 'other';
  documentDate?: string;
  note?: string;
}

export const CORPUS_DIR = new URL('../fixtures/corpus/', import.meta.url);

export async function loadCorpus(): Promise<{ label: Label; bytes: Uint8Array; pages: string[] }[]> {
  const labels = JSON.parse(await readFile(new URL('labels.json', CORPUS_DIR), 'utf8')) as Label[];
  return Promise.all(
    labels.map(async (label) => {
      const bytes = new Uint8Array(await readFile(new URL(label.file, CORPUS_DIR)));
      return { label, bytes, pages: (await extractPdfText(bytes)).pages };
    }),
  );
}

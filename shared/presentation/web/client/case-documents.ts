/**
 * The case page's list of files: each document the API knows and each upload this page is still
 * sending, with its pages, progress, state in words (a change is announced once), the image of its
 * first page, and the controls to say what a read file is (the classifier's reading stays beside
 * it), to replace or remove it, or to send it again. What they do is the page's (client/case.ts).
 * The list is redrawn only when what it shows changed (a preview's fresh signed address is not a
 * change), and the control that had the focus gets it back, so polling never takes a choice from
 * under the patient's finger.
 */
import type { DocumentType } from '#domain/taxonomy.ts';
import { fill } from '#presentation/formats.ts';
import type { DocumentView } from '#usecases/patient/views.ts';
import { documentState, type LocalUpload, type Row } from './case-sections.ts';
import { announce, current, S } from './case-state.ts';
import { byId, h } from './dom.ts';

/** What the list's buttons do. */
export interface DocumentActions {
  /** Removes a document the API says the patient may remove, after asking. */
  remove(button: HTMLButtonElement, documentId: string, fileName: string): void;
  /** Asks for the file that takes this document's place. */
  replace(documentId: string, fileName: string): void;
  /** Stores what the patient says a read document is; null: as the classifier read it. */
  relabel(select: HTMLSelectElement, documentId: string, fileName: string, type: DocumentType | null): void;
  /** Sends again a file whose upload failed. */
  retry(file: File): void;
  /** Asks the API for the case again: a preview's signed address ran out before the image loaded. */
  reload(): void;
}

/** Intake is done with these: a document in one of them without a preview has none to show. */
const SETTLED: readonly string[] = ['classified', 'needs_review', 'rejected', 'failed', 'not_received'];

export function renderDocuments(actions: DocumentActions): void {
  const v = current();
  const { D, local, spoken } = S;
  const rows: Row[] = [];
  const known = new Set<string>();
  for (const doc of v.documents) {
    known.add(doc.documentId);
    rows.push(doc);
  }
  for (const [id, l] of local)
    if (!known.has(id)) rows.push({ documentId: id, fileName: l.fileName, pages: null });
  const list = byId('documents');
  const shown = rows.map((r) => ({ ...r, previewUrl: Boolean(r.previewUrl) }));
  const drawn = JSON.stringify([S.lang, shown, [...local.values()].map((l) => [l.state, l.progress])]);
  if (list.dataset.drawn === drawn) {
    freshenPreviews(list, v.documents);
    return;
  }
  list.dataset.drawn = drawn;
  const focused = list.contains(document.activeElement) ? document.activeElement?.id : undefined;
  if (!rows.length) {
    list.replaceChildren(h('li', { class: 'muted' }, D.ui.noDocuments));
    return;
  }
  list.replaceChildren(
    ...rows.map((doc) => {
      const s = documentState(doc, local.get(doc.documentId), v.documents, D);
      const l = local.get(doc.documentId);
      const previous = spoken.get(doc.documentId);
      if (previous !== undefined && previous !== s.text && s.kind !== 'busy')
        announce(`${doc.fileName}: ${s.text}`);
      if (s.kind !== 'busy' || previous === undefined) spoken.set(doc.documentId, s.text);
      return h(
        'li',
        {
          'data-document': doc.documentId,
          'data-state': l && l.state === 'uploading' ? 'uploading' : doc.state || 'uploading',
        },
        h('div', { class: 'doc-body' }, ...documentBody(doc, l, s, actions)),
        thumbnail(doc, actions),
      );
    }),
  );
  if (focused) document.getElementById(focused)?.focus();
}

/** The file's name, pages, progress, state and controls. */
function documentBody(
  doc: Row,
  l: LocalUpload | undefined,
  s: ReturnType<typeof documentState>,
  actions: DocumentActions,
): (HTMLElement | null)[] {
  const { D, local } = S;
  return [
    h('span', { class: 'doc-name' }, doc.fileName),
    doc.pages
      ? h(
          'span',
          { class: 'muted' },
          ` · ${doc.pages === 1 ? D.ui.pagesOne : fill(D.ui.pagesCount, { n: doc.pages })}`,
        )
      : null,
    l && l.state === 'uploading'
      ? h('progress', {
          max: 100,
          value: l.progress,
          'aria-label': fill(D.ui.progress, { file: doc.fileName }),
        })
      : null,
    h('span', { class: `state ${s.kind}` }, s.text),
    doc.declaredType && doc.declaredType !== doc.classification?.documentType
      ? h('span', { class: 'declared' }, fill(D.ui.declared, { type: D.documentTypes[doc.declaredType] }))
      : null,
    doc.removable && doc.classification ? typeChoice(doc, actions) : null,
    doc.removable
      ? h(
          'button',
          {
            type: 'button',
            id: `replace-${doc.documentId}`,
            class: 'secondary',
            'aria-label': fill(D.ui.replaceLabel, { file: doc.fileName }),
            onclick: () => actions.replace(doc.documentId, doc.fileName),
          },
          D.ui.replace,
        )
      : null,
    doc.removable
      ? h(
          'button',
          {
            type: 'button',
            id: `remove-${doc.documentId}`,
            class: 'secondary',
            'aria-label': fill(D.ui.removeLabel, { file: doc.fileName }),
            onclick: (e: Event) =>
              actions.remove(e.currentTarget as HTMLButtonElement, doc.documentId, doc.fileName),
          },
          D.ui.remove,
        )
      : null,
    l && l.state === 'upload_failed'
      ? h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              local.delete(doc.documentId);
              actions.retry(l.file);
            },
          },
          D.ui.tryAgain,
        )
      : null,
  ];
}

/**
 * The image of the document's first page, lazily loaded, or a word saying there is none once
 * intake is done with it (nothing while it is on its way). An image whose signed address ran
 * out before it loaded (a page left open) asks for a fresh one once, then says there is none.
 */
function thumbnail(doc: Row, actions: DocumentActions): HTMLElement | null {
  const { D } = S;
  const none = () => h('span', { class: 'thumb none' }, D.ui.noPreview);
  if (doc.previewUrl)
    return h('img', {
      class: 'thumb',
      src: doc.previewUrl,
      alt: fill(D.ui.previewAlt, { file: doc.fileName }),
      loading: 'lazy',
      decoding: 'async',
      'data-preview': doc.documentId,
      onerror: (e: Event) => {
        const img = e.currentTarget as HTMLImageElement;
        if (img.dataset.retried) img.replaceWith(none());
        else {
          img.dataset.retried = 'yes';
          actions.reload();
        }
      },
    });
  return doc.state && SETTLED.includes(doc.state) ? none() : null;
}

/** Gives the images not loaded yet the addresses signed for this answer of the API. */
function freshenPreviews(list: HTMLElement, documents: readonly DocumentView[]): void {
  for (const img of list.querySelectorAll<HTMLImageElement>('img[data-preview]')) {
    if (img.complete && img.naturalWidth > 0) continue;
    const url = documents.find((d) => d.documentId === img.dataset.preview)?.previewUrl;
    if (url) img.src = url;
  }
}

/** The patient's choice of what a read file is: first the classifier's reading, then every type. */
function typeChoice(doc: Row, actions: DocumentActions): HTMLElement {
  const { D } = S;
  const read = doc.classification!.documentType;
  const id = `type-${doc.documentId}`;
  const chosen = doc.declaredType ?? '';
  const types = Object.keys(D.documentTypes) as DocumentType[];
  return h(
    'span',
    { class: 'relabel' },
    h('label', { for: id }, fill(D.ui.relabelLabel, { file: doc.fileName })),
    h(
      'select',
      {
        id,
        onchange: (e: Event) => {
          const select = e.currentTarget as HTMLSelectElement;
          actions.relabel(
            select,
            doc.documentId,
            doc.fileName,
            (select.value || null) as DocumentType | null,
          );
        },
      },
      h(
        'option',
        { value: '', ...(chosen ? {} : { selected: true }) },
        fill(D.ui.asRead, { type: D.documentTypes[read] }),
      ),
      ...types.map((t) =>
        h('option', { value: t, ...(chosen === t ? { selected: true } : {}) }, D.documentTypes[t]),
      ),
    ),
  );
}

/**
 * The case page's list of files: each document the API knows and each upload this page is still
 * sending, with its pages, progress, state in words (a change is announced once), and the controls
 * to say what a read file is (the classifier's reading stays beside it), to replace or remove it,
 * or to send it again. What they do is the page's (client/case.ts). The list is redrawn only when
 * what it shows changed, and the control that had the focus gets it back, so polling never takes
 * a choice from under the patient's finger.
 */
import type { DocumentType } from '#domain/taxonomy.ts';
import { fill } from '#presentation/formats.ts';
import { documentState, type Row } from './case-sections.ts';
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
}

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
  const drawn = JSON.stringify([S.lang, rows, [...local.values()].map((l) => [l.state, l.progress])]);
  if (list.dataset.drawn === drawn) return;
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
      );
    }),
  );
  if (focused) document.getElementById(focused)?.focus();
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

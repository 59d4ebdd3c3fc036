/**
 * The case page's list of files: each document the API knows and each upload this page is still
 * sending, with its pages, progress, state in words (a change is announced once), and the buttons
 * to remove it or to send it again. What the buttons do is the page's (client/case.ts).
 */
import { fill } from '#presentation/formats.ts';
import { documentState, type Row } from './case-sections.ts';
import { announce, current, S } from './case-state.ts';
import { byId, h } from './dom.ts';

/** What the list's buttons do. */
export interface DocumentActions {
  /** Removes a document the API says the patient may remove, after asking. */
  remove(button: HTMLButtonElement, documentId: string, fileName: string): void;
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
        doc.removable
          ? h(
              'button',
              {
                type: 'button',
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
}

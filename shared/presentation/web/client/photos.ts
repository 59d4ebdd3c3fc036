/**
 * Photos taken or chosen on a phone become one PDF in the browser before upload, so everything
 * downstream stays PDF: each photo is decoded (JPEG, PNG, and HEIC where the browser can), scaled
 * to at most MAX_SIDE pixels, re-encoded as JPEG and made a page, in the order the patient puts
 * them in (orderPhotos: buttons up and down, not dragging, so a keyboard and a screen reader can
 * do it). One photo
 * is decoded at a time and its bitmap and canvas freed before the next, so memory stays bounded
 * whatever the camera's resolution.
 */
import { fill } from '#presentation/formats.ts';
import { type JpegPage, jpegPdf } from '#presentation/pdf/writer.ts';
import { announce, S } from './case-state.ts';
import { byId, h } from './dom.ts';

const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/heic', 'image/heif'];
const PHOTO_NAME = /\.(jpe?g|png|heic|heif)$/i;
/** The long side of a page's image: about 200 dpi on A4, legible, a few hundred KB a page. */
const MAX_SIDE = 2000;
/** Photos chosen together, at most: one document, one PDF. */
export const MAX_PHOTOS = 20;
/** A photo larger than this is not a phone's photo of a page. */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;

export function isPhoto(file: File): boolean {
  return PHOTO_TYPES.includes(file.type.toLowerCase()) || PHOTO_NAME.test(file.name);
}

/** One photo as a JPEG page; undefined when this browser cannot decode it (HEIC outside Safari, a broken file). */
async function photoPage(file: File): Promise<JpegPage | undefined> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return undefined;
  }
  const canvas = document.createElement('canvas');
  try {
    const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    // A transparent PNG on white, as on paper.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    if (!blob) return undefined;
    return { jpeg: new Uint8Array(await blob.arrayBuffer()), width: canvas.width, height: canvas.height };
  } finally {
    bitmap.close();
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** The photos, in the order given, as one PDF named `name`; the names of those this browser could not read. */
export async function photosToPdf(
  files: readonly File[],
  name: string,
): Promise<{ file?: File; unreadable: string[] }> {
  const pages: JpegPage[] = [];
  const unreadable: string[] = [];
  for (const f of files) {
    const page = await photoPage(f);
    if (page) pages.push(page);
    else unreadable.push(f.name);
  }
  if (!pages.length) return { unreadable };
  const bytes = jpegPdf(pages, name);
  return { file: new File([bytes as BlobPart], `${name}.pdf`, { type: 'application/pdf' }), unreadable };
}

/**
 * Shows the photos as the pages of one document and lets the patient put them in order; the
 * photos in that order when they make the document, null when they leave them out. Each page has
 * a thumbnail (what the browser can show; the name says which it is) and buttons up and down; the
 * moved photo keeps the focus and its new place is announced.
 */
export function orderPhotos(files: readonly File[]): Promise<File[] | null> {
  const { D } = S;
  const box = byId('photo-order');
  const list = byId('photo-pages');
  const order = [...files];
  const thumbs = new Map(files.map((f) => [f, URL.createObjectURL(f)]));
  box.hidden = false;
  return new Promise((resolve) => {
    const move = (i: number, by: -1 | 1) => {
      const j = i + by;
      [order[i], order[j]] = [order[j]!, order[i]!];
      draw();
      const buttons = list.children[j]?.querySelectorAll('button');
      const same = buttons?.[by < 0 ? 0 : 1];
      (same && !same.disabled ? same : buttons?.[by < 0 ? 1 : 0])?.focus();
      announce(fill(D.ui.pageMoved, { file: order[j]!.name, n: j + 1, total: order.length }));
    };
    const draw = () =>
      list.replaceChildren(
        ...order.map((f, i) =>
          h(
            'li',
            {},
            h('img', { src: thumbs.get(f), alt: '' }),
            h('span', {}, `${fill(D.ui.pageN, { n: i + 1 })}: `, h('span', { class: 'doc-name' }, f.name)),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': fill(D.ui.moveUpLabel, { file: f.name }),
                disabled: i === 0,
                onclick: () => move(i, -1),
              },
              D.ui.moveUp,
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': fill(D.ui.moveDownLabel, { file: f.name }),
                disabled: i === order.length - 1,
                onclick: () => move(i, 1),
              },
              D.ui.moveDown,
            ),
          ),
        ),
      );
    const done = byId<HTMLButtonElement>('photos-done');
    const cancel = byId<HTMLButtonElement>('photos-cancel');
    const finish = (result: File[] | null) => {
      box.hidden = true;
      list.replaceChildren();
      for (const url of thumbs.values()) URL.revokeObjectURL(url);
      done.onclick = null;
      cancel.onclick = null;
      resolve(result);
    };
    done.onclick = () => finish(order);
    cancel.onclick = () => finish(null);
    draw();
    byId('photo-order-title').focus();
  });
}

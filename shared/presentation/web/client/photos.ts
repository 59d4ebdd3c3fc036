/**
 * Photos taken or chosen on a phone become one PDF in the browser before upload, so everything
 * downstream stays PDF: each photo is decoded (JPEG, PNG, and HEIC where the browser can), scaled
 * to at most MAX_SIDE pixels, re-encoded as JPEG and made a page, in the order chosen. One photo
 * is decoded at a time and its bitmap and canvas freed before the next, so memory stays bounded
 * whatever the camera's resolution.
 */
import { type JpegPage, jpegPdf } from '#presentation/pdf/writer.ts';

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

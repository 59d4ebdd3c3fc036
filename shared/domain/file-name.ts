/** A file name as the patient's device gave it, made safe to keep and show as metadata. */

const FILE_NAME_MAX = 120;

/**
 * Control characters (line breaks among them, and the Unicode line and paragraph separators),
 * zero-width and text-direction marks and overrides: they hide or disguise what a name says.
 */
export function isInvisible(c: number): boolean {
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    c === 0x061c ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0xfeff
  );
}

/** No path, no control or direction-override characters, bounded length. */
export function sanitiseFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    .normalize('NFC')
    .split('')
    .filter((ch) => !isInvisible(ch.charCodeAt(0)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  if (!clean) return 'document.pdf';
  if (clean.length <= FILE_NAME_MAX) return clean;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(clean)?.[0] ?? '';
  return `${clean.slice(0, FILE_NAME_MAX - ext.length).trimEnd()}${ext}`;
}

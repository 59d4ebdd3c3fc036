/**
 * What a person may type into a one-line field that the service shows again (in emails, pages and
 * staff pages): one line of visible text. Line breaks would let a "first name" carry a paragraph
 * of someone else's words into the hospital's email; control and text-direction characters hide or
 * reverse what a name says.
 */
import { isInvisible } from './file-name.ts';

/** True when `text` is one line with no control, invisible or direction-override character. */
export function isPlainLine(text: string): boolean {
  for (const ch of text) {
    if (isInvisible(ch.codePointAt(0)!)) return false;
  }
  return true;
}

/** A name is a plain line that holds no link either: a web address is never a person's name. */
export function isPlainName(text: string): boolean {
  return isPlainLine(text) && !/:\/\/|\bwww\./i.test(text);
}

/** The page previews port: poppler's pdftoppm, which only the function built with it has (functions/manifest.ts). */
import { PdftoppmPreviews } from '#adapters/pdftoppm.ts';
import type { Wiring } from '../compose.ts';
import { logger } from '../logger.ts';

export const pagePreviews: Wiring<'pagePreviews'> = {
  pagePreviews: () =>
    new PdftoppmPreviews({ warn: (message, details) => logger.warn(message, details ?? {}) }),
};

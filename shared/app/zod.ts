/**
 * zod/mini, the functional form of zod 4 that bundles tree-shake (about a third of the full
 * package's 97 KB in every function), with the English messages the full package loads by itself:
 * every schema a Lambda parses imports zod from here (`import * as z from '#app/zod.ts'`), so its
 * errors read as they did with the full package.
 */
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';

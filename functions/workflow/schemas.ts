/** Payload shapes the state machine sends its tasks. */
import * as z from '#app/zod.ts';
import { STEPS } from '#domain/model.ts';

export const caseId = z.string().check(z.minLength(1), z.maxLength(100));
export const step = z.enum(STEPS);

export const decision = z.object({
  decision: z.string().check(z.minLength(1)),
  by: z.string().check(z.minLength(1)),
  at: z._default(z.optional(z.string()), ''),
  values: z._default(z.optional(z.record(z.string(), z.unknown())), {}),
});

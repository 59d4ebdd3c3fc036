/** Payload shapes the state machine sends its tasks. */
import * as z from 'zod';
import { STEPS } from '#domain/model.ts';

export const caseId = z.string().min(1).max(100);
export const step = z.enum(STEPS);

export const decision = z.object({
  decision: z.string().min(1),
  by: z.string().min(1),
  at: z.string().optional().default(''),
  values: z.record(z.string(), z.unknown()).optional().default({}),
});

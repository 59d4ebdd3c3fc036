import { deps } from '#app/deps.ts';
import * as z from '#app/zod.ts';
import { applyDecision } from '#usecases/workflow/apply-decision.ts';
import { caseId, decision, step } from './schemas.ts';
import { taskHandler } from './task.ts';

/** Applies a step's first decision to the case (conditional on the step's status). */
export const handler = taskHandler(
  z.object({ caseId, step, openedAt: z.string().check(z.minLength(1)), decision }),
  (i) => applyDecision(deps(), i),
);

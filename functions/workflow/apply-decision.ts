import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { applyDecision } from '#usecases/workflow/apply-decision.ts';
import { caseId, decision, step } from './schemas.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({ ...store, ...documents, ...email });

/** Applies a step's first decision to the case (conditional on the step's status). */
export const handler = taskHandler(
  z.object({ caseId, step, openedAt: z.string().check(z.minLength(1)), decision }),
  (i) => applyDecision(deps(), i),
);

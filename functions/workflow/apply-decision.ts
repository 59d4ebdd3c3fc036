import { composeDeps } from '#app/compose.ts';
import { documents } from '#app/wiring/documents.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import {
  case_expired,
  case_rejected,
  case_rejected_office,
  case_stopped,
  histology_shipping,
  payment_expired,
  payment_received,
  report_delayed,
  report_extended,
  report_ready,
  specialist_assigned,
  task_assigned,
} from '#presentation/i18n/email-words.ts';
import { applyDecision } from '#usecases/workflow/apply-decision.ts';
import { caseId, decision, step } from './schemas.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({
  ...store,
  ...documents,
  ...email({
    case_rejected,
    case_rejected_office,
    payment_received,
    specialist_assigned,
    report_delayed,
    report_extended,
    histology_shipping,
    report_ready,
    case_expired,
    payment_expired,
    case_stopped,
    task_assigned,
  }),
});

/** Applies a step's first decision to the case (conditional on the step's status). */
export const handler = taskHandler(
  z.object({ caseId, step, openedAt: z.string().check(z.minLength(1)), decision }),
  (i) => applyDecision(deps(), i),
);

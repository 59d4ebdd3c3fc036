import { composeDeps } from '#app/compose.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { case_stopped } from '#presentation/i18n/email-words.ts';
import { markFailed } from '#usecases/workflow/mark-failed.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({ ...store, ...email({ case_stopped }) });

/** A task failed for good: leave the case failed with the reason and tell the office; the machine then fails and alarms. */
export const handler = taskHandler(
  z.object({
    caseId,
    step: z.optional(step),
    error: z.looseObject({ Error: z.optional(z.string()), Cause: z.optional(z.string()) }),
  }),
  async (i) => {
    await markFailed(deps(), i.caseId, i.step, i.error);
    return { status: 'failed' };
  },
);

import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { openWait } from '#usecases/workflow/open-wait.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

/** Invoked with .waitForTaskToken: stores the token on the wait, sends the step's links once. */
export const handler = taskHandler(
  z.object({
    caseId,
    step,
    openedAt: z.string().min(1),
    dueAt: z.string().min(1),
    endsAt: z.string().min(1),
    reminders: z.number().int().min(0),
    taskToken: z.string().min(1),
  }),
  (i) => openWait(deps(), i),
);

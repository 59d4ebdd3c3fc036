import * as z from 'zod';
import { deps } from '#app/deps.ts';
import { expire } from '#usecases/workflow/expire.ts';
import { caseId } from './schemas.ts';
import { taskHandler } from './task.ts';

/** The patient let the documents or the payment lapse: the case expires. */
export const handler = taskHandler(z.object({ caseId }), (i) => expire(deps(), i.caseId));

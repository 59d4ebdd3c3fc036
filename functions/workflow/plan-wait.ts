import { composeDeps } from '#app/compose.ts';
import { store } from '#app/wiring/table.ts';
import * as z from '#app/zod.ts';
import { planWait } from '#usecases/workflow/plan-wait.ts';
import { caseId, step } from './schemas.ts';
import { taskHandler } from './task.ts';

const deps = composeDeps({ ...store });

/** Computes a wait's due time and first timeout (simulated seconds) from the working-day calendar. */
export const handler = taskHandler(z.object({ caseId, step }), (i) => planWait(deps(), i.caseId, i.step));

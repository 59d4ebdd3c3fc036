/**
 * The daily round, scheduled every morning (EventBridge Scheduler in AWS, the simulated clock on the
 * local stack; functions/manifest.ts): the draft sweep reminds and closes drafts never sent, the
 * task sweep reminds and escalates case tasks, then the office gets its digest, which counts what
 * the draft sweep did. A draft or task a sweep could not handle fails the run after the digest is
 * out, so the function's error alarm tells operations; the next round tries it again.
 */
import { composeDeps } from '#app/compose.ts';
import { lambdaHandler } from '#app/lambda.ts';
import { logger } from '#app/logger.ts';
import { email } from '#app/wiring/email.ts';
import { store } from '#app/wiring/table.ts';
import {
  case_expired,
  daily_digest,
  draft_reminder,
  task_escalation,
  task_reminder,
} from '#presentation/i18n/email-words.ts';
import { sendDailyDigest } from '#usecases/operations/daily-digest.ts';
import { sweepDrafts } from '#usecases/operations/draft-sweep.ts';
import { sweepTasks } from '#usecases/operations/task-sweep.ts';

const deps = composeDeps({
  ...store,
  ...email({ case_expired, draft_reminder, task_reminder, task_escalation, daily_digest }),
});

export const handler = lambdaHandler(async () => {
  const d = deps();
  const drafts = await sweepDrafts(d);
  const tasks = await sweepTasks(d);
  const digest = await sendDailyDigest(d, drafts);
  const result = {
    drafts,
    tasks,
    open: digest.open.length,
    overdue: digest.open.filter((c) => c.overdue).length,
    stopped: digest.stopped.length,
  };
  logger.info('daily round done', result);
  if (drafts.failed || tasks.failed)
    throw new Error(`${drafts.failed} draft(s) and ${tasks.failed} task(s) could not be swept; see the log`);
  return result;
});

/**
 * Scheduled (EventBridge; the local stack runs it on its clock): settles documents and uploads
 * stuck past their window. A run that could not settle some document fails, so the function's
 * error alarm says so; the next run tries it again.
 */
import type { Context } from 'aws-lambda';
import { composeDeps } from '#app/compose.ts';
import { lambdaHandler } from '#app/lambda.ts';
import { documents } from '#app/wiring/documents.ts';
import { store } from '#app/wiring/table.ts';
import { textDetector } from '#app/wiring/text-detector.ts';
import { reconcile } from '#usecases/documents/reconcile.ts';
import { CHECK_SECONDS } from '#usecases/documents/windows.ts';

const deps = composeDeps({ ...store, ...documents, ...textDetector });

export const handler = lambdaHandler(async (_event: unknown, context: Context) => {
  const tally = await reconcile(deps(), {
    canCheck: () => context.getRemainingTimeInMillis() > CHECK_SECONDS * 1000,
  });
  if (tally.error) throw new Error(`${tally.error} document(s) could not be reconciled`);
  return tally;
});

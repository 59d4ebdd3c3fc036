/**
 * Every dependency at once, for the local stack's tools, the CLI and the tests that drive use cases
 * directly. A Lambda composes its own, with only the ports it uses (./compose.ts; lint keeps
 * functions from importing this module).
 */
import { EVERY_EMAIL } from '#presentation/emails/every-email.ts';
import { composeDeps } from './compose.ts';
import { documents } from './wiring/documents.ts';
import { email } from './wiring/email.ts';
import { forms } from './wiring/forms.ts';
import { pagePreviews } from './wiring/page-previews.ts';
import { rateLimiter, store } from './wiring/table.ts';
import { textDetector } from './wiring/text-detector.ts';
import { workflow } from './wiring/workflow.ts';

export { type Deps, overrideDeps, resetDeps } from './compose.ts';

export const deps = composeDeps({
  ...store,
  ...rateLimiter,
  ...documents,
  ...email(EVERY_EMAIL),
  ...workflow,
  ...textDetector,
  ...forms,
  ...pagePreviews,
});

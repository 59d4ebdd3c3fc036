/** What resumes a waiting step: its first decision, recorded on the wait and sent to the execution. */
import type { Step } from '#domain/model.ts';
import type { UseCaseDeps } from '../ports.ts';

/** What a wait's SendTaskSuccess carries. */
export interface DecisionOutput {
  decision: string;
  /** "patient", "office", "system" or a staff id. */
  by: string;
  at: string;
  values: Record<string, unknown>;
}

/** The execution is between two tries of the wait: its next OpenWait finds the decision and resumes itself. */
export function isWaitBeingReentered(err: unknown): boolean {
  const name = (err as Error).name;
  return name === 'TaskTimedOut' || name === 'TaskDoesNotExist';
}

/**
 * Records the first decision of the step's wait opened at `openedAt` and resumes the execution.
 * ConflictError when another decision came first (or the wait moved on).
 */
export async function decide(
  d: Pick<UseCaseDeps, 'store' | 'workflow'>,
  caseId: string,
  step: Step,
  openedAt: string,
  output: DecisionOutput,
): Promise<'resumed' | 'recorded'> {
  const decided = await d.store.decideWait(caseId, step, {
    by: output.by,
    decision: output.decision,
    at: output.at,
    openedAt,
    output: output as unknown as Record<string, unknown>,
  });
  try {
    await d.workflow.sendTaskSuccess(decided.taskToken, output as unknown as Record<string, unknown>);
    return 'resumed';
  } catch (err) {
    if (!isWaitBeingReentered(err)) throw err;
    return 'recorded';
  }
}

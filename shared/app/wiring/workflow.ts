/** The workflow port: the case's state machine executions and task tokens. */
import { sfnClient } from '#adapters/clients/sfn.ts';
import { StepFunctionsWorkflow } from '#adapters/sfn.ts';
import type { Wiring } from '../compose.ts';

export const workflow: Wiring<'workflow'> = {
  workflow: (c) => new StepFunctionsWorkflow(sfnClient(), c.STATE_MACHINE_ARN),
};

import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { Workflow } from '#usecases/ports.ts';

export class StepFunctionsWorkflow implements Workflow {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  private executionArn(caseId: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${caseId}`;
  }

  async start(caseId: string, input: Record<string, unknown>) {
    try {
      const out = await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: caseId,
          input: JSON.stringify(input),
        }),
      );
      return { executionArn: out.executionArn ?? this.executionArn(caseId), alreadyStarted: false };
    } catch (err) {
      // Same name, different input: the case was already submitted.
      if (err instanceof ExecutionAlreadyExists || (err as Error).name === 'ExecutionAlreadyExists') {
        return { executionArn: this.executionArn(caseId), alreadyStarted: true };
      }
      throw err;
    }
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>): Promise<void> {
    await this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string): Promise<void> {
    await this.sfn.send(new SendTaskFailureCommand({ taskToken, error, cause }));
  }

  async stop(caseId: string, cause: string): Promise<void> {
    await this.sfn.send(new StopExecutionCommand({ executionArn: this.executionArn(caseId), cause }));
  }
}

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

  private executionArn(name: string): string {
    return `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  async start(name: string, input: Record<string, unknown>) {
    try {
      const out = await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return { executionArn: out.executionArn ?? this.executionArn(name), alreadyStarted: false };
    } catch (err) {
      // Same name, different input: the case was already submitted.
      if (err instanceof ExecutionAlreadyExists || (err as Error).name === 'ExecutionAlreadyExists') {
        return { executionArn: this.executionArn(name), alreadyStarted: true };
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

  async stop(name: string, cause: string): Promise<void> {
    await this.sfn.send(new StopExecutionCommand({ executionArn: this.executionArn(name), cause }));
  }
}

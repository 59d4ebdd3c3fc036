/**
 * The Step Functions API on its JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Operation>`)
 * over the in-process engine, so the SDK adapter and the AWS CLI work unchanged against it:
 * StartExecution, SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat, DescribeExecution,
 * StopExecution, plus ListExecutions, ListStateMachines and DescribeStateMachine for looking inside.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '#local/net.ts';
import type { ExecutionDescription, LocalStateMachine } from './engine.ts';

export interface StepFunctionsFacadeOptions {
  stateMachineArn: string;
  /** The ASL as deployed (placeholders substituted), for DescribeStateMachine. */
  definition: string;
  engine: LocalStateMachine;
  createdAt: Date;
}

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const epochSeconds = (d: Date | undefined) => (d ? d.getTime() / 1000 : undefined);
const FORBIDDEN_IN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;
const validName = (name: string) =>
  name.length >= 1 &&
  name.length <= 80 &&
  !FORBIDDEN_IN_NAME.test(name) &&
  ![...name].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));

function str(input: Record<string, unknown>, field: string, required = true): string | undefined {
  const v = input[field];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || !v) throw new ApiError('ValidationException', `${field} is required`);
  return v;
}

/** Maps the engine's errors (named after the AWS ones) to API errors. */
function engineCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    const name = (err as Error).name;
    if (['TaskDoesNotExist', 'TaskTimedOut', 'InvalidOutput', 'ExecutionDoesNotExist'].includes(name)) {
      throw new ApiError(name, (err as Error).message);
    }
    throw err;
  }
}

function describe(e: ExecutionDescription) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epochSeconds(e.startDate),
    ...(e.stopDate ? { stopDate: epochSeconds(e.stopDate) } : {}),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
  };
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
}

export function stepFunctionsFacade(o: StepFunctionsFacadeOptions): Server {
  const { engine } = o;
  const machineName = o.stateMachineArn.split(':').pop() ?? 'state-machine';

  const operations: Record<string, (input: Record<string, unknown>) => unknown> = {
    StartExecution(input) {
      const arn = str(input, 'stateMachineArn')!;
      if (arn !== o.stateMachineArn)
        throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
      const name = str(input, 'name', false) ?? randomUUID();
      if (!validName(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
      const inputText = (str(input, 'input', false) ?? '{}') as string;
      let parsed: unknown;
      try {
        parsed = JSON.parse(inputText);
      } catch {
        throw new ApiError(
          'InvalidExecutionInput',
          'Invalid State Machine Execution Input: input is not JSON',
        );
      }
      const started = engine.startExecution(name, parsed);
      const execution = engine.describeExecution(started.executionArn);
      // As in AWS: the same name and input while running is the same execution; otherwise a conflict.
      if (
        started.alreadyStarted &&
        !(execution.status === 'RUNNING' && sameJson(execution.input, inputText))
      ) {
        throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${started.executionArn}'`);
      }
      return { executionArn: started.executionArn, startDate: epochSeconds(execution.startDate) };
    },
    SendTaskSuccess(input) {
      const token = str(input, 'taskToken')!;
      const output = str(input, 'output')!;
      engineCall(() => engine.sendTaskSuccess(token, output));
      return {};
    },
    SendTaskFailure(input) {
      const token = str(input, 'taskToken')!;
      engineCall(() =>
        engine.sendTaskFailure(token, str(input, 'error', false) ?? '', str(input, 'cause', false) ?? ''),
      );
      return {};
    },
    SendTaskHeartbeat(input) {
      const token = str(input, 'taskToken')!;
      engineCall(() => engine.sendTaskHeartbeat(token));
      return {};
    },
    DescribeExecution(input) {
      const arn = str(input, 'executionArn')!;
      return describe(engineCall(() => engine.describeExecution(arn)));
    },
    StopExecution(input) {
      const arn = str(input, 'executionArn')!;
      const { stopDate } = engineCall(() => engine.stopExecution(arn, str(input, 'cause', false)));
      return { stopDate: epochSeconds(stopDate) };
    },
    ListExecutions(input) {
      const status = str(input, 'statusFilter', false);
      return {
        executions: engine
          .listExecutions()
          .filter((e) => !status || e.status === status)
          .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
          .map((e) => {
            const {
              input: _i,
              inputDetails: _d,
              output: _o,
              outputDetails: _od,
              error: _e,
              cause: _c,
              ...rest
            } = describe(e) as Record<string, unknown>;
            return rest;
          }),
      };
    },
    ListStateMachines() {
      return {
        stateMachines: [
          {
            stateMachineArn: o.stateMachineArn,
            name: machineName,
            type: 'STANDARD',
            creationDate: epochSeconds(o.createdAt),
          },
        ],
      };
    },
    DescribeStateMachine(input) {
      const arn = str(input, 'stateMachineArn')!;
      if (arn !== o.stateMachineArn)
        throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
      return {
        stateMachineArn: arn,
        name: machineName,
        status: 'ACTIVE',
        definition: o.definition,
        roleArn: 'arn:aws:iam::000000000000:role/local',
        type: 'STANDARD',
        creationDate: epochSeconds(o.createdAt),
      };
    },
  };

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': randomUUID(),
      });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      try {
        const target = String(req.headers['x-amz-target'] ?? '');
        const operation = target.startsWith('AWSStepFunctions.') ? operations[target.slice(17)] : undefined;
        if (!operation)
          throw new ApiError('UnknownOperationException', `Unsupported operation ${target || '(none)'}`);
        const raw = await readBody(req, 1024 * 1024);
        if (raw === undefined) throw new ApiError('ValidationException', 'The request is larger than 1 MB');
        let input: Record<string, unknown>;
        try {
          input = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
        } catch {
          throw new ApiError('SerializationException', 'The request body is not valid JSON');
        }
        send(200, operation(input));
      } catch (err) {
        if (err instanceof ApiError) send(400, { __type: err.type, message: err.message });
        else send(500, { __type: 'InternalServerError', message: (err as Error).message });
      }
    })();
  });
}

/**
 * Chaos mode of the local stack (`npm start -- --faults RATE`, `startLocalStack({ faults })`): at
 * the given rate (0 to 1) each kind of fault AWS can produce happens, so that the use cases' retries
 * and idempotency are exercised as they will be in AWS:
 * - a Lambda invocation fails before its handler runs (Lambda.ServiceException, which the state
 *   machine retries; a queue batch comes back) or times out after it ran (Sandbox.Timedout: the work
 *   is done, the caller does not know);
 * - the stand-ins answer with their service's throttling or 5xx error before doing anything
 *   (DynamoDB and S3 on their threads, Step Functions, Textract, SES and the HTTP API here);
 * - the queues deliver a message twice, or later than the ones sent after it (local/queue.ts).
 * Each fault is counted by kind, for the chaos benchmark.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type FaultKind =
  | 'lambda_error'
  | 'lambda_timeout'
  | 'throttled'
  | 'server_error'
  | 'duplicate_message'
  | 'late_message';

export class Chaos {
  readonly counts: Record<FaultKind, number> = {
    lambda_error: 0,
    lambda_timeout: 0,
    throttled: 0,
    server_error: 0,
    duplicate_message: 0,
    late_message: 0,
  };

  constructor(readonly rate: number) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`the fault rate must be from 0 to 1, got ${rate}`);
  }

  /** Whether a fault of `kind` happens now (counted when it does). */
  strikes(kind: FaultKind): boolean {
    if (this.rate === 0 || Math.random() >= this.rate) return false;
    this.counts[kind] += 1;
    return true;
  }

  /** A Lambda invocation under chaos: an error before the handler, or a timeout after it. */
  invoke<T>(run: () => Promise<T>, canTimeOut = true): Promise<T> {
    if (this.strikes('lambda_error')) {
      return Promise.reject(
        Object.assign(new Error('Rate exceeded (chaos)'), { name: 'Lambda.ServiceException' }),
      );
    }
    if (!canTimeOut || !this.strikes('lambda_timeout')) return run();
    return run().then(() => {
      throw Object.assign(new Error('Task timed out (chaos)'), { name: 'Sandbox.Timedout' });
    });
  }
}

type Service = 'stepfunctions' | 'textract' | 'ses' | 'api';

/** Each service's own throttling and server errors, as its SDK client parses them. */
const ERRORS: Record<Service, { throttled: Answer; failed: Answer }> = {
  stepfunctions: {
    throttled: json(400, 'application/x-amz-json-1.0', {
      __type: 'ThrottlingException',
      message: 'Rate exceeded',
    }),
    failed: json(500, 'application/x-amz-json-1.0', { __type: 'InternalServerError', message: 'chaos' }),
  },
  textract: {
    throttled: json(400, 'application/x-amz-json-1.1', {
      __type: 'ProvisionedThroughputExceededException',
      message: 'Provisioned rate exceeded',
    }),
    failed: json(500, 'application/x-amz-json-1.1', { __type: 'InternalServerError', message: 'chaos' }),
  },
  ses: {
    throttled: {
      status: 400,
      type: 'text/xml',
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Maximum sending rate exceeded.</Message></Error></ErrorResponse>',
    },
    failed: {
      status: 500,
      type: 'text/xml',
      body: '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>chaos</Message></Error></ErrorResponse>',
    },
  },
  // API Gateway's own answers, before the route's Lambda runs.
  api: {
    throttled: json(429, 'application/json', { message: 'Too Many Requests' }),
    failed: json(503, 'application/json', { message: 'Service Unavailable' }),
  },
};

interface Answer {
  status: number;
  type: string;
  body: string;
}

function json(status: number, type: string, body: unknown): Answer {
  return { status, type, body: JSON.stringify(body) };
}

/**
 * Puts `server` under chaos: a share of its requests (those `applies` to) gets the service's
 * throttling or server error, after their body is read, and never reaches the stand-in.
 */
export function injectFaults(
  server: Server,
  chaos: Chaos,
  service: Service,
  applies: (req: IncomingMessage) => boolean = () => true,
): void {
  if (chaos.rate === 0) return;
  const listeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const kind = !applies(req)
      ? undefined
      : chaos.strikes('throttled')
        ? 'throttled'
        : chaos.strikes('server_error')
          ? 'failed'
          : undefined;
    if (!kind) {
      for (const l of listeners) l(req, res);
      return;
    }
    const answer = ERRORS[service][kind];
    req.resume();
    req.on('end', () => {
      res.writeHead(answer.status, { 'content-type': answer.type, 'x-amzn-requestid': 'chaos' });
      res.end(answer.body);
    });
  });
}

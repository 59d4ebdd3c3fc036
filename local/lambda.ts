/**
 * The manifest's functions, loaded in-process and invoked as Lambda would: a context object, and
 * payloads and results passed through JSON (a Lambda sees a copy, never the caller's objects).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '#functions/manifest.ts';

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface LoadedFunction {
  spec: FunctionSpec;
  arn: string;
  invoke: (event: unknown) => Promise<unknown>;
}

function context(spec: FunctionSpec, arn: string): Context {
  const deadline = Date.now() + (spec.timeoutSeconds ?? 30) * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: spec.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: String(spec.memoryMb ?? 512),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${spec.name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

const copy = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:second-opinion-local-${name}`;
}

/** Imports every function's module; one that fails to load is reported and answers with its error. */
export async function loadFunctions(
  root: string,
  specs: readonly FunctionSpec[],
  region: string,
  accountId: string,
  onLoadError: (spec: FunctionSpec, err: Error) => void,
): Promise<Map<string, LoadedFunction>> {
  const loaded = new Map<string, LoadedFunction>();
  await Promise.all(
    specs.map(async (spec) => {
      const arn = functionArn(region, accountId, spec.name);
      let handler: Handler;
      try {
        const mod = (await import(pathToFileURL(resolve(root, spec.entry)).href)) as { handler?: Handler };
        if (typeof mod.handler !== 'function') throw new Error(`${spec.entry} exports no handler`);
        handler = mod.handler;
      } catch (err) {
        onLoadError(spec, err as Error);
        const failure = err as Error;
        handler = async () => {
          throw failure;
        };
      }
      loaded.set(spec.name, {
        spec,
        arn,
        invoke: async (event) => copy(await handler(copy(event), context(spec, arn))),
      });
    }),
  );
  return loaded;
}

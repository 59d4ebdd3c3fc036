/** API Gateway v2 events and a Lambda context, for handler tests. */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export const LAMBDA_CONTEXT = {
  functionName: 'test',
  awsRequestId: 'req-1',
  invokedFunctionArn: 'arn:aws:lambda:eu-south-1:000000000000:function:test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

export function apiEvent(
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string>; pathParameters?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: init.headers ?? {},
    ...(init.pathParameters ? { pathParameters: init.pathParameters } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
    isBase64Encoded: false,
    requestContext: { http: { method, path } },
  } as unknown as APIGatewayProxyEventV2;
}

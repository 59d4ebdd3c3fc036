/**
 * AWS SDK clients, created once per cold start. Endpoints come from the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables, so the local stack needs no code of its own here.
 * One module per service (./clients/): a Lambda imports only the ones it uses, since a bundle keeps
 * every SDK package a module it includes imports, and loads them all at cold start. This index is
 * for the CLI, the benchmarks and the tests.
 */
export { documentClient } from './clients/dynamodb.ts';
export { s3Client } from './clients/s3.ts';
export { sesClient } from './clients/ses.ts';
export { sfnClient } from './clients/sfn.ts';
export { textractClient, textractStartClient } from './clients/textract.ts';

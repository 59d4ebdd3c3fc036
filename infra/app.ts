/**
 * CDK entry: `npx cdk synth|deploy --all -c stage=dev|staging|prod`. The stage is required;
 * an unknown or missing one stops here with the list of valid stages.
 */
import { App } from 'aws-cdk-lib';
import { buildApp } from './application.ts';
import { StageError } from './stages.ts';

try {
  buildApp(new App());
} catch (err) {
  if (!(err instanceof StageError)) throw err;
  console.error(err.message);
  process.exit(1);
}

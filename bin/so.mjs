#!/usr/bin/env node
// Runs the TypeScript CLI with the same code the Lambdas use, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./so.ts');
process.exitCode = await main(process.argv.slice(2));

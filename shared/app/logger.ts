import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured logs carry ids (case, document, job), never names, emails or document text.
 * Log keys are the only way context reaches a log line.
 */
export const logger = new Logger({ serviceName: 'second-opinion' });

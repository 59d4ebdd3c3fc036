import {
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { isThrottling, type TextBlock, type TextDetectionPage, type TextDetector } from '#usecases/ports.ts';
import type { Pacer } from './pacer.ts';

/**
 * How long a start waits out Textract's quota (starts per second, concurrent jobs) after the SDK's
 * own retries, and the longest single pause. A record handed back to SQS instead is not seen again
 * for the queue's visibility timeout (minutes), so a burst of uploads is better queued here, well
 * within the function's timeout.
 */
export interface StartPatience {
  totalMs: number;
  maxPauseMs: number;
}

/**
 * A call that failed on the way (a reset keep-alive connection, a 5xx): the SDK would have retried
 * it, but a paced start sends with the SDK's retries off, so the pacer retries it instead.
 */
function isTransient(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  return (
    (e?.$metadata?.httpStatusCode ?? 0) >= 500 ||
    e?.name === 'TimeoutError' ||
    ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED'].includes(e?.code ?? '')
  );
}

const PATIENCE: StartPatience = { totalMs: 60_000, maxPauseMs: 1_000 };
const FIRST_PAUSE_MS = 250;

export interface StartPacing {
  /** Every start attempt, a retry included, first takes a slot from it (shared/adapters/pacer.ts). */
  pacer: Pacer;
  /**
   * The client that sends the paced starts, without the SDK's own retries of a throttled call
   * (`maxAttempts: 1`): those would go out unpaced.
   */
  client: TextractClient;
}

export class TextractDetector implements TextDetector {
  constructor(
    private readonly textract: TextractClient,
    private readonly bucket: string,
    private readonly snsTopicArn: string,
    private readonly roleArn: string,
    private readonly patience: StartPatience = PATIENCE,
    private readonly pacing?: StartPacing,
  ) {}

  async start(
    key: string,
    clientRequestToken: string,
    jobTag: string,
    versionId?: string,
  ): Promise<{ jobId: string }> {
    const giveUpAt = Date.now() + this.patience.totalMs;
    for (let attempt = 0; ; attempt++) {
      // A slot beyond the patience throws at once: waiting for it would outlast the caller's.
      if (this.pacing) await this.pacing.pacer.acquire(giveUpAt - Date.now());
      try {
        return await this.startOnce(key, clientRequestToken, jobTag, versionId);
      } catch (err) {
        const again = isThrottling(err) || (this.pacing !== undefined && isTransient(err));
        if (!again || Date.now() >= giveUpAt) throw err;
        // Paced, the next attempt waits for a slot of its own; unpaced, it backs off at random.
        if (this.pacing) continue;
        // Full jitter: callers throttled together come back spread out, not as the same burst.
        const ceiling = Math.min(this.patience.maxPauseMs, FIRST_PAUSE_MS * 2 ** attempt);
        const pause = Math.min(Math.random() * ceiling, giveUpAt - Date.now());
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async startOnce(key: string, clientRequestToken: string, jobTag: string, versionId?: string) {
    const out = await (this.pacing?.client ?? this.textract).send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: {
          S3Object: { Bucket: this.bucket, Name: key, ...(versionId ? { Version: versionId } : {}) },
        },
        ClientRequestToken: clientRequestToken,
        JobTag: jobTag,
        NotificationChannel: { SNSTopicArn: this.snsTopicArn, RoleArn: this.roleArn },
      }),
    );
    if (!out.JobId) throw new Error('Textract returned no job id');
    return { jobId: out.JobId };
  }

  async getPage(jobId: string, nextToken?: string): Promise<TextDetectionPage> {
    const out = await this.textract.send(
      new GetDocumentTextDetectionCommand({
        JobId: jobId,
        MaxResults: 1000,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    const blocks: TextBlock[] = [];
    for (const b of out.Blocks ?? []) {
      if (b.BlockType !== 'PAGE' && b.BlockType !== 'LINE' && b.BlockType !== 'WORD') continue;
      blocks.push({
        blockType: b.BlockType,
        page: b.Page ?? 1,
        ...(b.Text !== undefined ? { text: b.Text } : {}),
        ...(b.Confidence !== undefined ? { confidence: b.Confidence } : {}),
      });
    }
    return {
      status: (out.JobStatus ?? 'IN_PROGRESS') as TextDetectionPage['status'],
      ...(out.StatusMessage ? { statusMessage: out.StatusMessage } : {}),
      ...(out.DocumentMetadata?.Pages !== undefined ? { pages: out.DocumentMetadata.Pages } : {}),
      blocks,
      ...(out.NextToken ? { nextToken: out.NextToken } : {}),
    };
  }
}

import {
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { isThrottling, type TextBlock, type TextDetectionPage, type TextDetector } from '#usecases/ports.ts';

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

const PATIENCE: StartPatience = { totalMs: 60_000, maxPauseMs: 1_000 };
const FIRST_PAUSE_MS = 250;

export class TextractDetector implements TextDetector {
  constructor(
    private readonly textract: TextractClient,
    private readonly bucket: string,
    private readonly snsTopicArn: string,
    private readonly roleArn: string,
    private readonly patience: StartPatience = PATIENCE,
  ) {}

  async start(
    key: string,
    clientRequestToken: string,
    jobTag: string,
    versionId?: string,
  ): Promise<{ jobId: string }> {
    const giveUpAt = Date.now() + this.patience.totalMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.startOnce(key, clientRequestToken, jobTag, versionId);
      } catch (err) {
        if (!isThrottling(err) || Date.now() >= giveUpAt) throw err;
        // Full jitter: callers throttled together come back spread out, not as the same burst.
        const ceiling = Math.min(this.patience.maxPauseMs, FIRST_PAUSE_MS * 2 ** attempt);
        const pause = Math.min(Math.random() * ceiling, giveUpAt - Date.now());
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async startOnce(key: string, clientRequestToken: string, jobTag: string, versionId?: string) {
    const out = await this.textract.send(
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

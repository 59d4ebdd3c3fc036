import {
  GetDocumentTextDetectionCommand,
  StartDocumentTextDetectionCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import type { TextBlock, TextDetectionPage, TextDetector } from '../ports.ts';

export class TextractDetector implements TextDetector {
  constructor(
    private readonly textract: TextractClient,
    private readonly bucket: string,
    private readonly snsTopicArn: string,
    private readonly roleArn: string,
  ) {}

  async start(key: string, clientRequestToken: string, jobTag: string): Promise<{ jobId: string }> {
    const out = await this.textract.send(
      new StartDocumentTextDetectionCommand({
        DocumentLocation: { S3Object: { Bucket: this.bucket, Name: key } },
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

import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  NoSuchKey,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStore, PresignedPost, StoredObject } from '#usecases/ports.ts';

export const PDF_CONTENT_TYPE = 'application/pdf';

export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(key: string, maxBytes: number, expiresInSeconds: number): Promise<PresignedPost> {
    const post = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Fields: { 'Content-Type': PDF_CONTENT_TYPE },
      Conditions: [
        ['eq', '$Content-Type', PDF_CONTENT_TYPE],
        ['content-length-range', 1, maxBytes],
      ],
      Expires: expiresInSeconds,
    });
    return { url: post.url, fields: post.fields };
  }

  async read(key: string, maxBytes: number): Promise<StoredObject | undefined> {
    let out: GetObjectCommandOutput;
    try {
      out = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (err instanceof NoSuchKey || (err as Error).name === 'NoSuchKey') return undefined;
      throw err;
    }
    const head = {
      sizeBytes: out.ContentLength ?? 0,
      ...(out.ContentType ? { contentType: out.ContentType } : {}),
      ...(out.VersionId ? { versionId: out.VersionId } : {}),
    };
    if (!out.Body || head.sizeBytes > maxBytes) {
      (out.Body as Readable | undefined)?.destroy?.();
      return head;
    }
    return { ...head, bytes: await out.Body.transformToByteArray() };
  }

  presignDownload(key: string, expiresInSeconds: number, fileName?: string): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: PDF_CONTENT_TYPE,
        ...(fileName
          ? { ResponseContentDisposition: `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"` }
          : {}),
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async delete(key: string, versionId?: string): Promise<void> {
    await this.s3.send(
      new DeleteObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
  }
}

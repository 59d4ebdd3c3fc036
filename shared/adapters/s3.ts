/**
 * The documents bucket: presigned uploads and downloads (documents and their previews), reads with
 * a size bound, puts and deletes (one object, or a case's all).
 */
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { DocumentStore, PresignedPost, StoredObject } from '#usecases/ports.ts';

export const PDF_CONTENT_TYPE = 'application/pdf';
export const PNG_CONTENT_TYPE = 'image/png';

/**
 * Shown in the browser under its own name (RFC 6266): an ASCII fallback for old clients and the
 * UTF-8 name (RFC 8187) for the rest, so "carta identità.pdf" keeps its accents.
 */
export function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\w.-]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

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

  async read(key: string, maxBytes: number, versionId?: string): Promise<StoredObject | undefined> {
    let out: GetObjectCommandOutput;
    try {
      out = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
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

  presignDownload(
    key: string,
    expiresInSeconds: number,
    fileName?: string,
    versionId?: string,
  ): Promise<string> {
    return this.presignGet(key, expiresInSeconds, versionId, {
      ResponseContentType: PDF_CONTENT_TYPE,
      ...(fileName ? { ResponseContentDisposition: inlineDisposition(fileName) } : {}),
    });
  }

  presignPreview(key: string, expiresInSeconds: number, versionId?: string): Promise<string> {
    // Served as the image a page shows, whatever type the object was stored with.
    return this.presignGet(key, expiresInSeconds, versionId, { ResponseContentType: PNG_CONTENT_TYPE });
  }

  private presignGet(
    key: string,
    expiresInSeconds: number,
    versionId: string | undefined,
    response: { ResponseContentType: string; ResponseContentDisposition?: string },
  ): Promise<string> {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
        ...response,
      }),
      { expiresIn: expiresInSeconds },
    );
  }

  async put(key: string, bytes: Uint8Array, contentType = PDF_CONTENT_TYPE): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
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

  async deletePrefix(prefix: string): Promise<number> {
    let versions: { key: string; versionId?: string }[];
    try {
      versions = await this.listVersions(prefix);
    } catch (err) {
      // A store without versions (the local stack's s3rver) refuses the listing: its current objects are all there is.
      if (!['NotImplemented', 'MethodNotAllowed'].includes((err as Error).name)) throw err;
      versions = await this.listCurrent(prefix);
    }
    for (const v of versions) await this.delete(v.key, v.versionId);
    return versions.length;
  }

  /** Every version and delete marker under `prefix`. */
  private async listVersions(prefix: string): Promise<{ key: string; versionId?: string }[]> {
    const found: { key: string; versionId?: string }[] = [];
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    do {
      const out = await this.s3.send(
        new ListObjectVersionsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          VersionIdMarker: versionIdMarker,
        }),
      );
      for (const v of [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])])
        if (v.Key) found.push({ key: v.Key, ...(v.VersionId ? { versionId: v.VersionId } : {}) });
      keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
      versionIdMarker = out.IsTruncated ? out.NextVersionIdMarker : undefined;
    } while (keyMarker);
    return found;
  }

  private async listCurrent(prefix: string): Promise<{ key: string }[]> {
    const found: { key: string }[] = [];
    let token: string | undefined;
    do {
      const out = await this.s3.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of out.Contents ?? []) if (o.Key) found.push({ key: o.Key });
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    return found;
  }
}

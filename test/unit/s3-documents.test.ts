/** The documents bucket against S3's API: the erasure's deletion of every version under a prefix (mocked), and links to one version. */
import { DeleteObjectCommand, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { S3DocumentStore } from '#adapters/s3.ts';

describe('S3DocumentStore.deletePrefix', () => {
  it('deletes each version and delete marker under the prefix, across pages, for good', async () => {
    const s3 = mockClient(S3Client);
    s3.on(ListObjectVersionsCommand, { Prefix: 'cases/c1/', KeyMarker: undefined })
      .resolves({
        IsTruncated: true,
        NextKeyMarker: 'cases/c1/documents/a.pdf',
        NextVersionIdMarker: 'v2',
        Versions: [
          { Key: 'cases/c1/documents/a.pdf', VersionId: 'v1' },
          { Key: 'cases/c1/documents/a.pdf', VersionId: 'v2' },
        ],
        DeleteMarkers: [{ Key: 'cases/c1/documents/gone.pdf', VersionId: 'm1' }],
      })
      .on(ListObjectVersionsCommand, { Prefix: 'cases/c1/', KeyMarker: 'cases/c1/documents/a.pdf' })
      .resolves({ IsTruncated: false, Versions: [{ Key: 'cases/c1/reports/r.pdf', VersionId: 'v9' }] });
    s3.on(DeleteObjectCommand).resolves({});
    const n = await new S3DocumentStore(new S3Client({ region: 'eu-south-1' }), 'docs').deletePrefix(
      'cases/c1/',
    );
    expect(n).toBe(4);
    expect(s3.commandCalls(ListObjectVersionsCommand)[1]!.args[0].input).toMatchObject({
      KeyMarker: 'cases/c1/documents/a.pdf',
      VersionIdMarker: 'v2',
    });
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input)).toEqual([
      { Bucket: 'docs', Key: 'cases/c1/documents/a.pdf', VersionId: 'v1' },
      { Bucket: 'docs', Key: 'cases/c1/documents/a.pdf', VersionId: 'v2' },
      { Bucket: 'docs', Key: 'cases/c1/documents/gone.pdf', VersionId: 'm1' },
      { Bucket: 'docs', Key: 'cases/c1/reports/r.pdf', VersionId: 'v9' },
    ]);
    s3.restore();
  });
});

describe('S3DocumentStore.presignDownload', () => {
  it('names the version it is given, so a link opens the bytes that were checked', async () => {
    const client = new S3Client({
      region: 'eu-central-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const store = new S3DocumentStore(client, 'docs');
    const url = new URL(await store.presignDownload('cases/c1/reports/r.pdf', 60, 'r.pdf', 'v-checked'));
    expect(url.searchParams.get('versionId')).toBe('v-checked');
    const latest = new URL(await store.presignDownload('cases/c1/reports/r.pdf', 60));
    expect(latest.searchParams.has('versionId')).toBe(false);
  });
});

/**
 * S3's ObjectCreated notifications as a queue delivers them (uploads, statements): only the fields
 * read here are required (a field we do not read must never park a message), or the test event
 * S3 sends when notifications are first set up.
 */
import * as z from '#app/zod.ts';

export const S3Message = z.union([
  z.object({ Event: z.literal('s3:TestEvent') }),
  z.object({
    Records: z
      .array(
        z.object({
          eventName: z.string(),
          s3: z.object({
            bucket: z.object({ name: z.string() }),
            object: z.object({ key: z.string().check(z.minLength(1)), versionId: z.optional(z.string()) }),
          }),
        }),
      )
      .check(z.minLength(1)),
  }),
]);

export interface CreatedObject {
  key: string;
  versionId?: string;
}

/** The objects created in `bucket` a message names (none for the test event). */
export function createdObjects(body: z.infer<typeof S3Message>, bucket: string): CreatedObject[] {
  if (!('Records' in body)) return [];
  return body.Records.filter(
    (r) => r.eventName.startsWith('ObjectCreated') && r.s3.bucket.name === bucket,
  ).map((r) => ({
    // Keys in S3 notifications are URL-encoded, with spaces as "+".
    key: decodeURIComponent(r.s3.object.key.replace(/\+/g, ' ')),
    ...(r.s3.object.versionId ? { versionId: r.s3.object.versionId } : {}),
  }));
}

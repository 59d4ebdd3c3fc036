/**
 * What Textract publishes when a job ends (the fields read here), inside SNS's envelope (the
 * subscriptions are not raw) or raw: TextDetected reads the text, RenderPreview draws the first page.
 */
import * as z from '#app/zod.ts';

const TextractCompletion = z.object({
  JobId: z.string().check(z.minLength(1)),
  Status: z.string().check(z.minLength(1)),
  API: z.optional(z.string()),
  DocumentLocation: z.optional(z.object({ S3ObjectName: z.optional(z.string()) })),
});

export const CompletionMessage = z.union([
  z.pipe(
    z.pipe(
      z.object({ Type: z.literal('Notification'), Message: z.string() }),
      z.transform((n: { Type: 'Notification'; Message: string }) => JSON.parse(n.Message) as unknown),
    ),
    TextractCompletion,
  ),
  TextractCompletion,
]);

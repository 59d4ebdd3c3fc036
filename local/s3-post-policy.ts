/**
 * The S3 stand-in's check of a browser POST upload (a presigned POST), as S3 makes it: the policy's
 * SigV4 signature, its expiration, every condition (exact, starts-with, content-length-range) and
 * no form field the policy does not cover. s3rver accepts any POST, so without this a policy
 * regression (another key, content type or size) would pass every local test.
 *
 * Loaded by local/s3-worker.mjs on its thread without a loader: Node's type stripping only, so
 * erasable syntax and relative imports.
 */
import { createHmac } from 'node:crypto';

/** An S3 error: status, code and message of its XML body. */
export interface PostRefusal {
  status: number;
  code: string;
  message: string;
}

export interface PolicyContext {
  bucket: string;
  /** Secret of each access key the stand-in knows. */
  secrets: Readonly<Record<string, string>>;
  now: Date;
}

/** What the fields allow once checked: the file size range. */
export interface PostGrant {
  minBytes: number;
  maxBytes: number;
}

const refuse = (status: number, code: string, message: string): PostRefusal => ({ status, code, message });
const denied = (message: string) => refuse(403, 'AccessDenied', `Invalid according to Policy: ${message}`);

/** Fields S3 does not ask the policy to cover. */
const UNCOVERED = new Set(['policy', 'x-amz-signature', 'file']);

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function signature(secret: string, date: string, region: string, policy: string): string {
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  return createHmac('sha256', key).update(policy).digest('hex');
}

/**
 * Checks the form fields sent before the file (names compared case-insensitively, as S3 does).
 * Returns the size range the policy allows, or the refusal S3 would answer with.
 */
export function checkPostFields(
  raw: Readonly<Record<string, string>>,
  c: PolicyContext,
): PostGrant | PostRefusal {
  const fields = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v]));
  const policy = fields.get('policy');
  if (!policy) return refuse(403, 'AccessDenied', 'Bucket POST must contain a field named Policy.');
  if (fields.get('x-amz-algorithm') !== 'AWS4-HMAC-SHA256')
    return refuse(400, 'InvalidRequest', 'Only AWS4-HMAC-SHA256 is supported for POST.');
  const [accessKey, date, region, service, terminal] = (fields.get('x-amz-credential') ?? '').split('/');
  const secret = accessKey ? c.secrets[accessKey] : undefined;
  if (!secret) return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist.');
  if (!date || !region || service !== 's3' || terminal !== 'aws4_request')
    return refuse(400, 'InvalidArgument', 'X-Amz-Credential is malformed.');
  const provided = fields.get('x-amz-signature') ?? '';
  if (provided !== signature(secret, date, region, policy))
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );

  let doc: { expiration?: unknown; conditions?: unknown };
  try {
    doc = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as typeof doc;
  } catch {
    return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  const expiration = typeof doc.expiration === 'string' ? Date.parse(doc.expiration) : Number.NaN;
  if (!Number.isFinite(expiration))
    return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing expiration.');
  if (expiration <= c.now.getTime()) return denied('Policy expired.');
  if (!Array.isArray(doc.conditions))
    return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Policy missing conditions.');

  // The bucket is the one posted to, whether or not the form names it.
  const values = new Map(fields);
  values.set('bucket', c.bucket);
  const covered = new Set<string>();
  let grant: PostGrant = { minBytes: 0, maxBytes: Number.POSITIVE_INFINITY };
  for (const condition of doc.conditions as unknown[]) {
    let op: string;
    let name: string;
    let expected: string;
    if (Array.isArray(condition) && condition[0] === 'content-length-range') {
      grant = { minBytes: Number(condition[1]), maxBytes: Number(condition[2]) };
      continue;
    }
    if (Array.isArray(condition) && condition.length === 3) {
      [op, name, expected] = condition.map(String) as [string, string, string];
      name = name.replace(/^\$/, '').toLowerCase();
    } else if (condition && typeof condition === 'object' && Object.keys(condition).length === 1) {
      const [k, v] = Object.entries(condition)[0] as [string, unknown];
      [op, name, expected] = ['eq', k.toLowerCase(), String(v)];
    } else return refuse(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid Simple-Condition.');
    const actual = values.get(name) ?? '';
    const holds = op === 'eq' ? actual === expected : op === 'starts-with' && actual.startsWith(expected);
    if (!holds) return denied(`Policy Condition failed: ["${op}", "$${name}", "${expected}"]`);
    covered.add(name);
  }
  for (const name of fields.keys()) {
    if (!UNCOVERED.has(name) && !name.startsWith('x-ignore-') && !covered.has(name))
      return denied(`Extra input fields: ${name}`);
  }
  return grant;
}

export const isRefusal = (x: PostGrant | PostRefusal): x is PostRefusal => 'code' in x;

/** The refusal for a file outside the policy's content-length-range. */
export function sizeRefusal(size: number, grant: PostGrant): PostRefusal | undefined {
  if (size > grant.maxBytes)
    return refuse(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
  if (size < grant.minBytes)
    return refuse(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size');
  return undefined;
}

/** S3's XML error body. */
export function errorXml(r: PostRefusal, requestId: string): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${r.code}</Code><Message>${esc(r.message)}</Message><RequestId>${requestId}</RequestId><HostId>local</HostId></Error>`;
}

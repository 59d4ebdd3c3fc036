// s3rver on a thread of its own, so that a burst of uploads does not hold up the handlers. It posts
// `{port, freshBucket}` when ready and `{event}` for each S3 event. Plain JavaScript so that any
// loader (tsx, vitest) can start it.
//
// s3rver listens on a private port behind a front server that does what it does not: it checks a
// browser POST upload against its policy as S3 does (local/s3-post-policy.ts), and in chaos mode
// (`faults`, a rate from 0 to 1) answers that share of requests with S3's 503 SlowDown and as many
// with its 500 InternalError, before they reach the store (local/chaos.ts).
import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import Busboy from 'busboy';
import S3rver from 's3rver';
import { checkPostFields, errorXml, isRefusal, sizeRefusal } from './s3-post-policy.ts';

const { directory, bucket, cors, port, host, faults = 0 } = workerData;
const SECRETS = { S3RVER: 'S3RVER' };
const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket, configs: [cors] }] });
const freshBucket = !(await s3rver.store.getBucket(bucket));
await s3rver.configureBuckets();
s3rver.on('event', (event) => parentPort.postMessage({ event }));
const inner = createServer(s3rver.callback());
await new Promise((resolve) => inner.listen(0, '127.0.0.1', resolve));
const innerPort = inner.address().port;

/** S3's error answer; the connection closes, as S3 closes it after refusing a body. */
function refuse(req, res, refusal) {
  const body = errorXml(refusal, randomUUID());
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(refusal.status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(body),
      'access-control-allow-origin': req.headers.origin ?? '*',
      connection: 'close',
    });
    res.end(body);
  };
  // Read the rest of the body first, so the client gets the answer rather than a reset.
  if (req.complete) answer();
  else {
    req.unpipe();
    req.on('end', answer);
    req.on('error', answer);
    req.resume();
  }
}

/** Passes a request (its body streamed, or the bytes already read) to s3rver and its answer back. */
function forward(req, res, body) {
  const headers = { ...req.headers };
  if (body) {
    delete headers['transfer-encoding'];
    headers['content-length'] = String(body.length);
  }
  const up = request(
    { host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  up.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502);
    res.end(String(err.message));
  });
  if (body) up.end(body);
  else req.pipe(up);
}

/** A browser upload: the fields before the file are checked, then the file's size, then s3rver stores it. */
function postUpload(req, res) {
  const chunks = [];
  const fields = {};
  let grant;
  let refused = false;
  let fileBytes = 0;
  let fileSeen = false;
  const fail = (refusal) => {
    if (refused) return;
    refused = true;
    chunks.length = 0;
    refuse(req, res, refusal);
  };
  const startFile = () => {
    fileSeen = true;
    const checked = checkPostFields(fields, { bucket, secrets: SECRETS, now: new Date() });
    if (isRefusal(checked)) fail(checked);
    else grant = checked;
  };
  const count = (n) => {
    fileBytes += n;
    if (grant && fileBytes > grant.maxBytes) fail(sizeRefusal(fileBytes, grant));
  };
  let busboy;
  try {
    busboy = new Busboy({ headers: req.headers });
  } catch {
    return forward(req, res);
  }
  busboy.on('field', (name, value) => {
    if (fileSeen) return;
    if (name === 'file') {
      startFile();
      count(Buffer.byteLength(value));
    } else fields[name] = value;
  });
  busboy.on('file', (name, stream) => {
    if (name !== 'file' || fileSeen) return stream.resume();
    startFile();
    stream.on('data', (d) => count(d.length));
  });
  busboy.on('finish', () => {
    if (refused) return;
    const small = grant && sizeRefusal(fileBytes, grant);
    if (small) return fail(small);
    // No file at all: s3rver answers with S3's own error for that.
    forward(req, res, Buffer.concat(chunks));
  });
  busboy.on('error', () =>
    fail({
      status: 400,
      code: 'MalformedPOSTRequest',
      message: 'The body of your POST request is not well-formed multipart/form-data.',
    }),
  );
  req.on('data', (d) => {
    if (!refused) chunks.push(d);
  });
  req.pipe(busboy);
}

const server = createServer((req, res) => {
  if (faults > 0 && Math.random() < faults * 2) {
    const slow = Math.random() < 0.5;
    parentPort.postMessage({ fault: slow ? 'throttled' : 'server_error' });
    return refuse(
      req,
      res,
      slow
        ? { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' }
        : {
            status: 500,
            code: 'InternalError',
            message: 'We encountered an internal error. Please try again.',
          },
    );
  }
  const path = (req.url ?? '').split('?')[0].replace(/\/+$/, '');
  const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
  if (req.method === 'POST' && path === `/${bucket}` && multipart) return postUpload(req, res);
  forward(req, res);
});
server.once('error', (err) => parentPort.postMessage({ error: { code: err.code, message: err.message } }));
server.listen(port, host, () => parentPort.postMessage({ port: server.address().port, freshBucket }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close(() => inner.close(() => parentPort.postMessage({ closed: true })));
  server.closeAllConnections();
  inner.closeAllConnections();
});

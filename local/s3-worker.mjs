// s3rver on a thread of its own, so that a burst of uploads does not hold up the handlers. It posts
// `{port, freshBucket}` when ready and `{event}` for each S3 event. Plain JavaScript so that any
// loader (tsx, vitest) can start it.
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import S3rver from 's3rver';

const { directory, bucket, cors, port, host } = workerData;
const s3rver = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket, configs: [cors] }] });
const freshBucket = !(await s3rver.store.getBucket(bucket));
await s3rver.configureBuckets();
s3rver.on('event', (event) => parentPort.postMessage({ event }));
const server = createServer(s3rver.callback());
server.once('error', (err) => parentPort.postMessage({ error: { code: err.code, message: err.message } }));
server.listen(port, host, () => parentPort.postMessage({ port: server.address().port, freshBucket }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  server.close(() => parentPort.postMessage({ closed: true }));
  server.closeAllConnections();
});

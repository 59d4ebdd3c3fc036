// dynalite on a thread of its own: its request parsing and LevelDB work would otherwise share the one
// event loop with every handler. Plain JavaScript so that any loader (tsx, vitest) can start it. In
// chaos mode (`faults`, a rate from 0 to 1) that share of requests gets DynamoDB's throttling error
// and as many its 500, before dynalite sees them (local/chaos.ts); each is posted as `{fault}`.
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const { path, port, host, faults = 0 } = workerData;
const server = dynalite({ path, createTableMs: 0 });
const ERRORS = {
  throttled: [400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.'],
  server_error: [500, 'InternalServerError', 'Internal server error (chaos)'],
};
if (faults > 0) {
  const [dynamo] = server.listeners('request');
  server.removeAllListeners('request');
  server.on('request', (req, res) => {
    const kind = Math.random() < faults ? 'throttled' : Math.random() < faults ? 'server_error' : undefined;
    if (!kind) return dynamo(req, res);
    parentPort.postMessage({ fault: kind });
    const [status, type, message] = ERRORS[kind];
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'chaos' });
      res.end(JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }));
    });
  });
}
server.once('error', (err) => parentPort.postMessage({ error: { code: err.code, message: err.message } }));
server.listen(port, host, () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  // dynalite closes its LevelDB with the server, so what was written is on disk before the thread ends.
  server.close(() => parentPort.postMessage({ closed: true }));
  server.closeAllConnections();
});

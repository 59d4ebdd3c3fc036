// dynalite on a thread of its own: its request parsing and LevelDB work would otherwise share the one
// event loop with every handler. Plain JavaScript so that any loader (tsx, vitest) can start it.
import { parentPort, workerData } from 'node:worker_threads';
import dynalite from 'dynalite';

const { path, port, host } = workerData;
const server = dynalite({ path, createTableMs: 0 });
server.once('error', (err) => parentPort.postMessage({ error: { code: err.code, message: err.message } }));
server.listen(port, host, () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  // dynalite closes its LevelDB with the server, so what was written is on disk before the thread ends.
  server.close(() => parentPort.postMessage({ closed: true }));
  server.closeAllConnections();
});

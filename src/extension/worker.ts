/**
 * The extension's worker entry (dist/fitWorker.js under worker_threads, dist/fitWorker.web.js in a Web Worker):
 * everything the extension host must not run on its own thread
 * (src/core/worker/protocol.ts) — fits with the fit panel's view, sweep plans for the code lens, IsoFLOP analyses
 * with the IsoFLOP panel's view — so the host only relays small, thinned view models. A CSV on disk is read here
 * too (src/core/csv/source.ts), not on the host. It serves several features, so it sits above their folders.
 */
import { fitHandlers } from '../core/fit/workerCore';
import { hostPort } from '../core/fit/workerPort';
import { serveRequests } from '../core/worker/server';
import { taskHandlers } from '../core/worker/tasks';
import { isoflopShown } from './sweeps/view';
import { toFitView } from './fit/view';

serveRequests(hostPort(), {
  ...fitHandlers((outcome, fileName, droppedByUser) => toFitView(outcome, fileName, droppedByUser, 0)),
  ...taskHandlers(isoflopShown),
});

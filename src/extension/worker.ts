/**
 * The extension's worker (started from the extension bundle, dist/extension.js: src/extension/main.ts's
 * serveWorker, under worker_threads or as a Web Worker): everything the extension host must not run on its own
 * thread (src/core/worker/protocol.ts) — fits with the fit panel's view, training-log fits ('fitLogs': reading
 * TensorBoard/JSONL/CSV logs, preparing the curves, fitting: src/core/logs/fitRequest.ts), sweep plans for the
 * code lens, IsoFLOP analyses with the IsoFLOP panel's view — so the host only relays small, thinned view models.
 * A CSV on disk is read here too (src/core/csv/source.ts), not on the host. It serves several features, so it
 * sits above their folders.
 */
import { fitHandlers } from '../core/fit/workerCore';
import { hostPort } from '../core/fit/workerPort';
import { logsTable } from '../core/logs/fitRequest';
import { serveRequests } from '../core/worker/server';
import { taskHandlers } from '../core/worker/tasks';
import { isoflopShown } from './sweeps/view';
import { toFitView } from './fit/view';
import { lowerWorkerThreadPriority } from './web/threadPriority';

lowerWorkerThreadPriority();

serveRequests(hostPort(), {
  ...fitHandlers((outcome, fileName, droppedByUser) => toFitView(outcome, fileName, droppedByUser, 0), { fitLogs: logsTable }),
  ...taskHandlers(isoflopShown),
});

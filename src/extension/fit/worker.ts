/**
 * The extension's worker (started from dist/extension.js: src/extension/main.ts's serveWorker, under
 * worker_threads or as a Web Worker): CSV fits with the panel's view builder, so the sampled plots and
 * recommendations are computed off the extension host, which only relays them; training-log fits ('fitLogs':
 * reading TensorBoard/JSONL/CSV logs, preparing the curves, fitting, src/core/logs/fitRequest.ts); and the other
 * tasks the host must not run on its own thread (planning a sweep for its code lens, analysing IsoFLOP results:
 * src/core/worker/tasks.ts).
 */
import { serveFits } from '../../core/fit/workerCore';
import { hostPort } from '../../core/fit/workerPort';
import { logsTable } from '../../core/logs/fitRequest';
import { serveTasks } from '../../core/worker/tasks';
import type { WorkerRequest, WorkerResponse } from '../../core/worker/protocol';
import { toFitView } from './view';

const port = hostPort<WorkerRequest, WorkerResponse>();
serveFits(port as never, (outcome, fileName, droppedByUser) => toFitView(outcome, fileName, droppedByUser, 0), { fitLogs: logsTable });
serveTasks(port);

/**
 * The extension's worker entry (dist/fitWorker.js under worker_threads, dist/fitWorker.web.js in a Web Worker):
 * the core fit worker plus the panel's view builder, so the sampled plots and recommendations are computed off
 * the extension host, which only relays them; and the other tasks the host must not run on its own thread
 * (planning a sweep for its code lens, analysing IsoFLOP results: src/core/worker/tasks.ts).
 */
import { serveFits } from '../../core/fit/workerCore';
import { hostPort } from '../../core/fit/workerPort';
import { serveTasks } from '../../core/worker/tasks';
import type { WorkerRequest, WorkerResponse } from '../../core/worker/protocol';
import { toFitView } from './view';

const port = hostPort<WorkerRequest, WorkerResponse>();
serveFits(port as never, (outcome, fileName, droppedByUser) => toFitView(outcome, fileName, droppedByUser, 0));
serveTasks(port);

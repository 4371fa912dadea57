/**
 * dist/fitWorker.js (worker_threads): the fit worker plus the tasks the extension host must not run on its
 * own thread (./tasks.ts). The browser build (dist/fitWorker.web.js) stays the fit worker alone.
 */
import { hostPort } from '../fit/workerPort';
import { serveFits } from '../fit/workerCore';
import { serveTasks } from './tasks';
import type { WorkerRequest, WorkerResponse } from './protocol';

const port = hostPort<WorkerRequest, WorkerResponse>();
serveFits(port as never);
serveTasks(port);

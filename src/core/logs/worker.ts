/**
 * Worker entry for training logs (dist/logsWorker.js, Node worker_threads): the fit requests (src/core/fit/
 * workerCore.ts) with the 'fitLogs' request kind plugged in, so reading TensorBoard/JSONL/CSV logs, preparing
 * the curves and fitting all run off the extension host's thread. A separate bundle because the logs readers
 * (protobufjs for TensorBoard) are not needed by a CSV fit, and core/fit must not import core/logs (which
 * imports it).
 */
import { fitHandlers } from '../fit/workerCore';
import { hostPort } from '../fit/workerPort';
import { serveRequests } from '../worker/server';
import { logsTable } from './fitRequest';

serveRequests(hostPort(), fitHandlers(undefined, { fitLogs: logsTable }));

/**
 * The extension's fit worker entry (dist/fitWorker.js, worker_threads): the core worker plus the panel's view
 * builder, so the sampled plots and recommendations are computed off the extension host, which only relays them.
 */
import { serveFits } from '../../core/fit/workerCore';
import { hostPort } from '../../core/fit/workerHost';
import { toFitView } from './view';

serveFits(hostPort(), (outcome, fileName, droppedByUser) => toFitView(outcome, fileName, droppedByUser, 0));

/**
 * One worker started ahead of the next call, which client.ts takes instead of starting one (`keepSpareWorker`).
 *
 * Why: a fit panel starts its fit while VS Code loads the panel's page, and on a 2-core machine the two share
 * the CPU. A fresh worker spent its first ~265 ms before the early view on Node's worker start-up (~50 ms), on
 * reading and compiling the bundle (~50 ms) and on a first fit in cold, unoptimised code (~125 ms with its
 * garbage collection); the page's load took 300–400 ms longer while it ran (measured with a busy process beside
 * a bare webview in the real-VS-Code harness). A spare has done all of that before the command: it has started,
 * loaded the bundle and run one small fit (`warmUp`), so the call's early view comes ~50 ms after the request.
 *
 * Each spare serves ONE call and is then ended by the caller, as a fresh worker was: calls stay isolated and a
 * cancelled call can still end its thread. The next spare starts `delayMs` after the last call has ended (never
 * while one runs). The spare's thread is unref'd: it never keeps a process alive. The warm-up's replies carry
 * WARM_UP_ID, which no caller waits for (client ids start at 1), so nobody acts on them.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerCall, WorkerRequest } from './protocol';

/** The id of warm-up calls: Replies numbers real calls from 1. */
export const WARM_UP_ID = 0;

interface Policy {
  path: string;
  /** The request kinds a spare serves (its warm-up is one of them); other calls start their own worker. */
  serves: readonly string[];
  warmUp: WorkerRequest;
  delayMs: number;
}

let policy: Policy | null = null;
let spare: { path: string; worker: Worker; warm: boolean; detach: () => void } | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
/** Calls in flight: a spare is not started while one runs (it would take CPU from it). */
let running = 0;
/** Spares started and spares that served a call, since the extension host started (tests and diagnostics). */
const counts = { started: 0, served: 0 };

/**
 * Keep one spare worker of `path` for the request kinds `serves`, warmed up with `warmUp`, started `delayMs` after
 * this call and after each call it served. Only those kinds use it: a code lens planned on every pause in typing
 * would otherwise take the spare each time and have the next one warm up again.
 */
export function keepSpareWorker(path: string, serves: readonly string[], warmUp: WorkerRequest, delayMs: number): void {
  policy = { path, serves, warmUp, delayMs };
  clearTimeout(timer);
  timer = undefined;
  schedule();
}

/** Stop keeping a spare and end the one waiting, if any. */
export function stopSpareWorker(): void {
  policy = null;
  clearTimeout(timer);
  timer = undefined;
  const s = spare;
  spare = null;
  if (s) {
    s.detach();
    void s.worker.terminate();
  }
}

/** 'none', 'warming' (started, its warm-up fit still running) or 'ready'. */
export function spareWorkerState(): 'none' | 'warming' | 'ready' {
  return spare === null ? 'none' : spare.warm ? 'ready' : 'warming';
}

/** The state, with how many spares were started and how many served a call. */
export function spareWorkerStats(): { state: 'none' | 'warming' | 'ready'; started: number; served: number } {
  return { state: spareWorkerState(), ...counts };
}

/**
 * A call of kind `type` is starting: the spare for `path` if one waits and serves that kind (the caller now owns
 * it and ends it), else null. Every takeSpare is paired with one callEnded.
 */
export function takeSpare(path: string, type: string): Worker | null {
  running++;
  clearTimeout(timer);
  timer = undefined;
  if (!spare || spare.path !== path || !policy?.serves.includes(type)) return null;
  const s = spare;
  spare = null;
  s.detach();
  s.worker.ref();
  counts.served++;
  return s.worker;
}

/** A call has ended: the next spare starts after the policy's delay if no other call runs. */
export function callEnded(): void {
  running = Math.max(0, running - 1);
  schedule();
}

function schedule(): void {
  if (!policy || spare || running > 0 || timer !== undefined) return;
  timer = setTimeout(start, policy.delayMs);
  (timer as { unref?: () => void }).unref?.();
}

function start(): void {
  timer = undefined;
  if (!policy || spare || running > 0) return;
  const worker = new Worker(policy.path);
  worker.unref();
  counts.started++;
  // A spare that fails or exits before it is taken is dropped; the next call starts its own worker and, when it
  // ends, schedules another spare (no retry loop on a script that cannot start).
  const drop = () => {
    if (spare?.worker === worker) {
      spare.detach();
      spare = null;
    }
  };
  // The warm-up's last reply (its answer, or an error: either way the code has run) makes the spare ready.
  const onReply = (m: { id?: number; type?: string }) => {
    if (m?.id === WARM_UP_ID && (m.type === 'answer' || m.type === 'error') && spare?.worker === worker) spare.warm = true;
  };
  worker.on('error', drop);
  worker.on('exit', drop);
  worker.on('message', onReply);
  spare = {
    path: policy.path,
    worker,
    warm: false,
    detach: () => {
      worker.off('error', drop);
      worker.off('exit', drop);
      worker.off('message', onReply);
    },
  };
  worker.postMessage({ id: WARM_UP_ID, request: policy.warmUp } satisfies WorkerCall);
}

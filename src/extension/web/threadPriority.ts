/**
 * The worker runs at a lower scheduling priority than the extension host. On Linux every thread has its own nice
 * value, and setpriority(PRIO_PROCESS, tid) — what Node's os.setPriority calls — changes only that thread: the
 * worker raises its own nice value to 10, so on a machine with few cores the host thread, the editor and the
 * webviews are scheduled before a long fit or analysis. (In the 2-core real-VS-Code harness it made no
 * measurable difference: there the host mostly waits on VS Code's other processes.) Work is not lost: the worker
 * still gets every core that nobody else wants.
 *
 * Elsewhere nothing changes: other systems have no per-thread nice value through Node (os.setPriority there would
 * lower the whole extension host), and a Web Worker has no priority at all. Never called on the host's own thread.
 */
import * as fs from 'fs';
import * as os from 'os';
import { isNode } from '../../core/platform';

/** Nice value of the worker thread (0 is the default; 19 the lowest priority). */
export const WORKER_NICE = 10;

/** Lower the calling worker thread's priority; true if it was lowered. */
export function lowerWorkerThreadPriority(): boolean {
  if (!isNode || process.platform !== 'linux') return false;
  try {
    // "/proc/thread-self" is a link to "<pid>/task/<tid>" of the calling thread (Linux ≥ 3.17).
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0 || tid === process.pid) return false; // the main thread: leave it
    os.setPriority(tid, WORKER_NICE);
    return true;
  } catch {
    return false; // no /proc, or not permitted: run at the normal priority
  }
}

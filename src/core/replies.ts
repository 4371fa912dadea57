/**
 * Request/reply over a one-way message channel (a webview's postMessage, a worker port): the asker
 * numbers each request, the answerer echoes the number, and `Replies` matches answers to waiting
 * promises, with a timeout that rejects with the caller's typed error. Pure: no host API, so the same
 * class serves the extension host, a worker and a page.
 */
export class Replies<T> {
  private last = 0;
  private readonly waiting = new Map<number, { resolve: (value: T) => void; reject: (error: Error) => void; timer?: ReturnType<typeof setTimeout> }>();

  /**
   * A new request: its id (to put in the outgoing message) and the promise of its answer. After
   * `timeoutMs` (if given) the promise rejects with `onTimeout()` and a late answer is ignored.
   */
  open(timeoutMs?: number, onTimeout: () => Error = () => new Error('no reply')): { id: number; reply: Promise<T> } {
    const id = ++this.last;
    const reply = new Promise<T>((resolve, reject) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.reject(id, onTimeout()), timeoutMs);
      this.waiting.set(id, { resolve, reject, timer });
    });
    return { id, reply };
  }

  /** Deliver the answer to request `id`; false when nothing waits for it (unknown, late or repeated). */
  resolve(id: number, value: T): boolean {
    const w = this.take(id);
    w?.resolve(value);
    return !!w;
  }

  /** Fail request `id` with a typed error; false when nothing waits for it. */
  reject(id: number, error: Error): boolean {
    const w = this.take(id);
    w?.reject(error);
    return !!w;
  }

  /** Fail every waiting request (the channel closed). */
  rejectAll(error: Error): void {
    for (const id of [...this.waiting.keys()]) this.reject(id, error);
  }

  get pending(): number {
    return this.waiting.size;
  }

  private take(id: number) {
    const w = this.waiting.get(id);
    if (!w) return undefined;
    this.waiting.delete(id);
    clearTimeout(w.timer);
    return w;
  }
}

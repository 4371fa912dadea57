/**
 * The one request/reply messenger of the host ↔ page protocol (vscode-hexeditor's pattern): the host asks
 * with a numbered request (`PageRequester`, matching answers with core/replies.ts), the page answers it
 * once (`answerRequest`). Every way a request can fail is a typed `PageRequestError`: the page reported an
 * error, it did not answer in time (a hidden panel paints nothing), the panel closed, or it answered with
 * the wrong message. Pure: no host or DOM API, so both sides import it and the unit suite runs it.
 */
import { Replies } from '../core/replies';
import { PAGE_REQUESTS, type HostMessage, type PageReply, type PageRequest, type PageRequestType, type WebviewMessage } from './protocol';

/** What each request asks for, in the error messages. */
const WHAT: Record<PageRequestType, string> = { collectPngs: 'its charts' };

export type PageRequestFailure = 'failed' | 'timeout' | 'closed' | 'mismatch';

export class PageRequestError extends Error {
  override readonly name = 'PageRequestError';
  constructor(readonly reason: PageRequestFailure, readonly request: PageRequestType, message: string) {
    super(message);
  }
}

type ReplyMessage = PageReply | Extract<WebviewMessage, { type: 'requestFailed' }>;
const REPLY_TYPES = new Set<string>([...Object.values(PAGE_REQUESTS), 'requestFailed']);

/** A (validated) page message that answers a request. */
export function isReply(msg: WebviewMessage): msg is ReplyMessage {
  return REPLY_TYPES.has(msg.type);
}

/** Host side: one per panel. */
export class PageRequester {
  private readonly replies = new Replies<ReplyMessage>();
  /** What each waiting request asked for (the error of a request the panel's closing cuts short names it). */
  private readonly waiting = new Map<number, PageRequestType>();

  constructor(private readonly post: (msg: HostMessage) => void) {}

  /** Ask the page; resolves with its reply message or rejects with a PageRequestError. */
  async request<K extends PageRequestType>(type: K, timeoutMs: number): Promise<PageReply<K>> {
    const { id, reply } = this.replies.open(timeoutMs, () => new PageRequestError('timeout', type, `the panel did not send ${WHAT[type]} (is it visible?)`));
    this.waiting.set(id, type);
    this.post({ type, requestId: id } as PageRequest<K>);
    const msg = await reply.finally(() => this.waiting.delete(id));
    if (msg.type === 'requestFailed') throw new PageRequestError('failed', type, `the panel could not send ${WHAT[type]}: ${msg.message}`);
    if (msg.type !== PAGE_REQUESTS[type]) throw new PageRequestError('mismatch', type, `the panel answered a request for ${WHAT[type]} with '${msg.type}'`);
    return msg as PageReply<K>;
  }

  /** Deliver a reply; false when no request waits for it (late, repeated or unknown: dropped). */
  receive(msg: ReplyMessage): boolean {
    return this.replies.resolve(msg.requestId, msg);
  }

  /** The panel closed: every waiting request fails. */
  close(): void {
    for (const [id, type] of this.waiting) this.replies.reject(id, new PageRequestError('closed', type, `the panel was closed before it sent ${WHAT[type]}`));
  }
}

/**
 * Page side: answer `request` once with `compute()`'s fields; an exception is reported as `requestFailed`
 * so the host fails at once with the page's message instead of waiting for its timeout.
 */
export function answerRequest<K extends PageRequestType>(
  request: { type: K; requestId: number },
  post: (msg: WebviewMessage) => void,
  compute: () => Omit<PageReply<K>, 'type' | 'requestId'>,
): void {
  let reply: WebviewMessage;
  try {
    reply = { ...compute(), type: PAGE_REQUESTS[request.type], requestId: request.requestId } as PageReply<K>;
  } catch (e) {
    // Bounded like the validator's field (10,000 characters), so the failure itself is never dropped.
    reply = { type: 'requestFailed', requestId: request.requestId, message: (e instanceof Error ? e.message : String(e)).slice(0, 10_000) };
  }
  post(reply);
}

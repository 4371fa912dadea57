/**
 * The host ↔ page request/reply messenger (src/shared/pageRequests.ts): a host request reaches the page,
 * the page's answer crosses the validator and resolves that request only, and every failure (the page
 * throws, never answers, the panel closes) rejects with a typed PageRequestError.
 */
import * as assert from 'assert';
import { answerRequest, isReply, PageRequester, PageRequestError } from '../../src/shared/pageRequests';
import { parseWebviewMessage, type ChartPng, type HostMessage } from '../../src/shared/protocol';

const PNG: ChartPng = { name: 'plot-nd', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' };

/** A host wired to a page that answers with `charts()`, messages serialised and validated like the real channel's. */
function wire(charts: () => ChartPng[], answer = true) {
  const asked: HostMessage[] = [];
  const host: PageRequester = new PageRequester((msg) => {
    asked.push(msg);
    if (!answer || msg.type !== 'collectPngs') return;
    answerRequest(msg, (reply) => {
      const valid = parseWebviewMessage(JSON.parse(JSON.stringify(reply)));
      queueMicrotask(() => { if (isReply(valid)) host.receive(valid); });
    }, () => ({ charts: charts() }));
  });
  return { host, asked };
}

async function rejection(p: Promise<unknown>): Promise<PageRequestError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof PageRequestError, String(e));
    return e;
  }
  assert.fail('resolved');
}

describe('page requests (host ↔ webview request/reply)', () => {
  it('each request gets its own answer, numbered', async () => {
    let n = 0;
    const { host, asked } = wire(() => [{ ...PNG, name: `plot-${++n}` }]);
    const [a, b] = await Promise.all([host.request('collectPngs', 1000), host.request('collectPngs', 1000)]);
    assert.deepStrictEqual([a.charts[0].name, b.charts[0].name], ['plot-1', 'plot-2']);
    assert.deepStrictEqual(asked, [{ type: 'collectPngs', requestId: 1 }, { type: 'collectPngs', requestId: 2 }]);
  });

  it('a page that throws fails the request at once with its message (no timeout wait)', async () => {
    const { host } = wire(() => { throw new Error('canvas is tainted'); });
    const t0 = Date.now();
    const e = await rejection(host.request('collectPngs', 60_000));
    assert.strictEqual(e.reason, 'failed');
    assert.strictEqual(e.message, 'the panel could not send its charts: canvas is tainted');
    assert.ok(Date.now() - t0 < 1000);
  });

  it('a page error too long for the protocol still reaches the host, cut to its bound', async () => {
    const { host } = wire(() => { throw new Error('x'.repeat(50_000)); });
    const e = await rejection(host.request('collectPngs', 60_000));
    assert.strictEqual(e.reason, 'failed');
    assert.strictEqual(e.message.length, 'the panel could not send its charts: '.length + 10_000);
  });

  it('a page that never answers times out; a late answer is dropped', async () => {
    const { host } = wire(() => [PNG], false);
    const e = await rejection(host.request('collectPngs', 20));
    assert.deepStrictEqual([e.reason, e.request, e.message], ['timeout', 'collectPngs', 'the panel did not send its charts (is it visible?)']);
    assert.strictEqual(host.receive({ type: 'pngs', requestId: 1, charts: [PNG] }), false);
  });

  it('closing the panel fails every waiting request', async () => {
    const { host } = wire(() => [PNG], false);
    const waiting = [host.request('collectPngs', 60_000), host.request('collectPngs', 60_000)].map(rejection);
    host.close();
    for (const e of await Promise.all(waiting)) assert.deepStrictEqual([e.reason, e.message], ['closed', 'the panel was closed before it sent its charts']);
  });

  it('only replies are routed to the messenger', () => {
    assert.ok(isReply({ type: 'pngs', requestId: 1, charts: [] }));
    assert.ok(isReply({ type: 'requestFailed', requestId: 1, message: 'x' }));
    assert.ok(!isReply({ type: 'export', format: 'png' }));
  });
});

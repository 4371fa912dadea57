/**
 * The page's boot script (webview/boot.ts) and its hand-over to the main bundle (webview/api.ts, ready.ts): the page
 * says 'ready' once, before the bundle runs; the host's messages that arrive before the bundle listens are handled
 * first and in order, then the later ones; the bundle uses the boot script's API object (acquireVsCodeApi may be
 * called only once per page). Run against a stand-in window (an EventTarget) and VS Code API in Node.
 */
import * as assert from 'assert';

interface Globals {
  window?: unknown;
  document?: unknown;
  acquireVsCodeApi?: unknown;
}

const MODULES = ['boot', 'bootTypes', 'api', 'ready'].map((m) => require.resolve(`../../webview/${m}`));

describe('webview boot script: ready before the bundle, no host message lost', () => {
  const g = globalThis as unknown as Globals;
  let posted: unknown[];
  let acquired: number;

  beforeEach(() => {
    for (const m of MODULES) delete require.cache[m];
    posted = [];
    acquired = 0;
    g.window = new EventTarget();
    g.document = { body: { dataset: { view: 'fit' } } };
    g.acquireVsCodeApi = () => {
      acquired += 1;
      if (acquired > 1) throw new Error('An instance of the VS Code API has already been acquired');
      return { postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState: () => undefined };
    };
  });
  afterEach(() => {
    delete g.window;
    delete g.document;
    delete g.acquireVsCodeApi;
    for (const m of MODULES) delete require.cache[m];
  });

  const hostSends = (data: unknown) => (g.window as EventTarget).dispatchEvent(new MessageEvent('message', { data }));

  it('says ready at once; messages kept before the bundle listens are handled first, in order, then the rest', () => {
    require('../../webview/boot');
    assert.deepStrictEqual(posted, [{ type: 'ready', view: 'fit' }], 'ready is posted by the boot script itself');
    hostSends({ type: 'fitInit', n: 1 });
    hostSends({ type: 'fitRunning', n: 2 });
    // The main bundle: ready.ts must not say ready a second time, api.ts takes over the API object and the messages.
    require('../../webview/ready');
    const api = require('../../webview/api') as typeof import('../../webview/api');
    const seen: number[] = [];
    api.onHostMessage((m) => seen.push((m as unknown as { n: number }).n));
    assert.deepStrictEqual(seen, [1, 2], 'the kept messages, in order, within the call that starts listening');
    hostSends({ type: 'fitView', n: 3 });
    assert.deepStrictEqual(seen, [1, 2, 3], 'later messages are handled as they arrive, once each');
    assert.strictEqual(acquired, 1, 'acquireVsCodeApi called once (a second call throws in VS Code)');
    api.post({ type: 'cancelFit' });
    assert.deepStrictEqual(posted, [{ type: 'ready', view: 'fit' }, { type: 'cancelFit' }], 'one ready in all; the bundle posts through the same API');
  });

  it('a batch the host sends twice (as soon as it has a view, and again on ready) is handled once', () => {
    require('../../webview/boot');
    const api = require('../../webview/api') as typeof import('../../webview/api');
    const isNew = api.batchGate();
    assert.deepStrictEqual(['1:early', '1:early', '1:view', '1:view', '2:running', '1:view'].map(isNew), [true, false, true, false, true, true]);
  });

  it('without the boot script (a shell that links its files), the bundle says ready itself', () => {
    require('../../webview/ready');
    const api = require('../../webview/api') as typeof import('../../webview/api');
    const seen: string[] = [];
    api.onHostMessage((m) => seen.push(m.type));
    hostSends({ type: 'fitInit' });
    assert.deepStrictEqual(posted, [{ type: 'ready', view: 'fit' }]);
    assert.deepStrictEqual(seen, ['fitInit']);
  });
});

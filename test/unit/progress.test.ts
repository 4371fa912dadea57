/**
 * A panel run's progress notification (src/extension/common/progress.ts) appears only once the run has taken the
 * delay: a quick run shows none, a long one shows the last message reported so far, takes later messages, offers
 * Cancel when asked to, and closes when the run ends. The run itself starts at once and its outcome is unchanged.
 */
import * as assert from 'assert';
import { progressAfter, type Notify } from '../../src/extension/common/progress';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stand-in for vscode.window.withProgress: records what the toast would show. */
function fakeNotify() {
  const shown: Array<{ title: string; cancellable: boolean; messages: string[]; closed: boolean; cancel?: () => void }> = [];
  const notify: Notify = (title, cancellable, task) => {
    const toast = { title, cancellable, messages: [] as string[], closed: false, cancel: undefined as (() => void) | undefined };
    shown.push(toast);
    void task({ report: (v) => void toast.messages.push(v.message ?? '') }, { onCancellationRequested: ((f: () => void) => ((toast.cancel = f), { dispose() {} })) as never }).then(() => (toast.closed = true));
  };
  return { notify, shown };
}

describe('progress notification after a delay (common/progress.ts)', () => {
  it('a run that ends within the delay shows no notification, and its result is the run’s', async () => {
    const { notify, shown } = fakeNotify();
    let started = false;
    await progressAfter(notify, 'Fitting a.csv', () => undefined, async (report) => {
      started = true;
      report('grid 0/4500');
      await sleep(10);
    }, 60);
    assert.ok(started);
    await sleep(100);
    assert.deepStrictEqual(shown, []);
  });

  it('a long run shows the last message so far, then later ones, offers Cancel, and closes at the end', async () => {
    const { notify, shown } = fakeNotify();
    let cancelled = false;
    const run = progressAfter(notify, 'Fitting b.csv', () => (cancelled = true), async (report) => {
      report('grid 0/4500');
      report('polish 1/8');
      await sleep(80);
      report('bootstrap 16/100');
      await sleep(20);
    }, 40);
    await sleep(60);
    assert.strictEqual(shown.length, 1);
    assert.deepStrictEqual([shown[0].title, shown[0].cancellable, shown[0].messages], ['Fitting b.csv', true, ['polish 1/8']]);
    shown[0].cancel!();
    assert.ok(cancelled, 'Cancel reaches the run');
    await run;
    await sleep(0);
    assert.deepStrictEqual(shown[0].messages, ['polish 1/8', 'bootstrap 16/100']);
    assert.ok(shown[0].closed);
  });

  it('a failed run rejects as it did, and its notification closes; without onCancel there is no Cancel', async () => {
    const { notify, shown } = fakeNotify();
    const run = progressAfter(notify, 'IsoFLOP analysis', null, async () => {
      await sleep(60);
      throw new Error('bad CSV');
    }, 20);
    await assert.rejects(run, /bad CSV/);
    await sleep(0);
    assert.strictEqual(shown.length, 1);
    assert.strictEqual(shown[0].cancellable, false);
    assert.ok(shown[0].closed);
  });
});

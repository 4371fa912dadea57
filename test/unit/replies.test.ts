/** Request/reply matching (src/core/replies.ts): answers reach their own request, late or unknown ones are dropped. */
import * as assert from 'assert';
import { Replies } from '../../src/core/replies';

describe('Replies: request/reply over a one-way channel', () => {
  it('matches answers to requests by id, in any order, once', async () => {
    const r = new Replies<string>();
    const a = r.open();
    const b = r.open();
    assert.notStrictEqual(a.id, b.id);
    assert.strictEqual(r.resolve(b.id, 'B'), true);
    assert.strictEqual(r.resolve(a.id, 'A'), true);
    assert.deepStrictEqual(await Promise.all([a.reply, b.reply]), ['A', 'B']);
    assert.strictEqual(r.resolve(a.id, 'again'), false, 'a repeated answer is ignored');
    assert.strictEqual(r.resolve(999, 'x'), false, 'an unknown id is ignored');
    assert.strictEqual(r.pending, 0);
  });

  it('times out with the caller’s typed error and ignores the late answer', async () => {
    class Late extends Error {}
    const r = new Replies<number>();
    const { id, reply } = r.open(5, () => new Late('no charts'));
    await assert.rejects(reply, (e: unknown) => e instanceof Late && e.message === 'no charts');
    assert.strictEqual(r.resolve(id, 1), false);
  });

  it('rejectAll fails every waiting request (the channel closed)', async () => {
    const r = new Replies<number>();
    const reqs = [r.open(), r.open()];
    r.rejectAll(new Error('closed'));
    for (const q of reqs) await assert.rejects(q.reply, /closed/);
    assert.strictEqual(r.pending, 0);
  });
});

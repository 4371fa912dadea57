/** The planner's view model: the consensus row, row badges, compute differences and the language auto-include. */
import * as assert from 'assert';
import { allocateCompute, consensus } from '../../src/core/allocation';
import { computePlannerView, DEFAULT_PLANNER_INPUT } from '../../src/extension/planner/view';
import { plannerMarkdown } from '../../src/extension/common/report';

describe('planner: one recommendation and warnings at a glance', () => {
  it('the consensus equals the core’s for the same rows, and the most relevant row is flagged', () => {
    const view = computePlannerView({ ...DEFAULT_PLANNER_INPUT, compute: 1e25 });
    const expected = consensus(allocateCompute({ compute: 1e25, laws: view.rows.map((r) => r.lawId), language: 'en' }), { language: 'en' })!;
    assert.deepStrictEqual(view.consensus!.laws, expected.laws);
    assert.strictEqual(view.consensus!.N.mid, expected.N.mid);
    const flagged = view.rows.filter((r) => r.relevant).map((r) => r.lawId);
    assert.deepStrictEqual(flagged, [expected.relevant.law]);
  });

  it('at 1e25 FLOPs every row says how far it extrapolates; conventions and provisional laws are badged', () => {
    const view = computePlannerView({ ...DEFAULT_PLANNER_INPUT, compute: 1e25, laws: ['hoffmann2022-a3', 'deepseek2024', 'porian2024'] });
    for (const r of view.rows) {
      const b = r.badges.find((x) => x.kind === 'extrapolation');
      assert.ok(b && /^[\d,.]+× beyond fit$/.test(b.label), `${r.lawId}: ${JSON.stringify(r.badges)}`);
      assert.match(b.tooltip, /fitted/);
    }
    assert.ok(view.rows.find((r) => r.lawId === 'deepseek2024')!.badges.some((b) => b.kind === 'convention' && b.label === 'N ≈ M/6'));
    assert.ok(view.rows.find((r) => r.lawId === 'porian2024')!.badges.some((b) => b.kind === 'convention'));
  });

  it('inference-aware rows show how far their compute is from the budget, and why', () => {
    const view = computePlannerView({ ...DEFAULT_PLANNER_INPUT, inferenceTokens: 1e13 });
    const a3 = view.rows.find((r) => r.lawId === 'hoffmann2022-a3')!;
    assert.ok(a3.computeDelta !== null && a3.computeDelta > 0, `A3 compute ${a3.compute} vs budget`);
    assert.ok(Math.abs(a3.compute! / 5.76e23 - 1 - a3.computeDelta) < 1e-12);
    assert.match(a3.computeNote!, /inference-aware/);
    assert.ok(a3.badges.some((b) => b.label === 'inference-aware'));
    // Frontier-only laws cannot hold quality fixed: unchanged compute, a training-only badge.
    const a1 = view.rows.find((r) => r.lawId === 'hoffmann2022-a1')!;
    assert.strictEqual(a1.computeDelta, null);
    assert.ok(a1.badges.some((b) => b.label === 'training-only'));
  });

  it('a language other than English adds ATLAS and says so; its saturated row is a useful budget', () => {
    const view = computePlannerView({ ...DEFAULT_PLANNER_INPUT, compute: 1e23, language: 'sw' });
    assert.ok(view.input.laws.includes('atlas2025'));
    assert.ok(view.notes.some((n) => n.code === 'language-law-added'));
    const atlas = view.rows.find((r) => r.lawId === 'atlas2025')!;
    assert.ok(atlas.relevant);
    assert.ok(atlas.computeDelta! < -0.9, `useful budget far below 1e23: ${atlas.compute}`);
    assert.ok(atlas.badges.some((b) => b.label === 'data-saturated'));
    assert.deepStrictEqual(view.consensus!.laws, ['atlas2025']);
    // No "1.2e-115" anywhere a user reads.
    const text = JSON.stringify(view.guidance) + JSON.stringify(view.rows.map((r) => r.badges));
    assert.ok(!/\de-\d{2,}/.test(text), text.match(/.{60}\de-\d{2,}.{20}/)?.[0]);
  });

  it('no consensus in target-loss mode', () => {
    const view = computePlannerView({ ...DEFAULT_PLANNER_INPUT, mode: 'loss', targetLoss: 2.2 });
    assert.strictEqual(view.consensus, null);
    assert.ok(view.rows.every((r) => r.computeDelta === null));
  });
});

describe('planner export', () => {
  it('the Markdown report states the consensus, its rule and the most relevant law', () => {
    const view = computePlannerView(DEFAULT_PLANNER_INPUT);
    const md = plannerMarkdown(view);
    assert.match(md, /\*\*Consensus:\*\* N\* 70B \(40\.3B–72\.2B\), D\* 1\.37T \(1\.33T–2\.38T\) tokens/);
    assert.ok(md.includes(`**Most relevant:** ${view.consensus!.relevant.lawName.replace(/[()]/g, '\\$&')}`), md.slice(0, 800));
  });
});

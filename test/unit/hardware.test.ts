import * as assert from 'assert';
import { findGpu, GPUS, matchesSparseHeadline, peakFlops, suggestGpus, trainingCompute } from '../../src/core/hardware';

describe('hardware: dense peaks (shared/reference/gpus.md)', () => {
  it('H100 SXM BF16 is 989.4 TFLOP/s dense, not the 1,979 sparsity headline', () => {
    const p = peakFlops('H100-SXM', 'bf16');
    assert.strictEqual(p.flops, 989.4e12);
    assert.notStrictEqual(p.flops, 1978.9e12);
    assert.match(p.source, /NVIDIA H100 datasheet/);
  });
  it('H200 989.5 and B200 2,250 dense BF16 (the seed documents wrongly quote 1,979 and 4,500)', () => {
    assert.strictEqual(peakFlops('H200', 'bfloat16').flops, 989.5e12);
    assert.strictEqual(peakFlops('B200', 'bf16').flops, 2250e12);
  });
  it('dense is half the sparse headline wherever both exist (±3 %: L40S prints 362 dense vs 733 sparse)', () => {
    for (const g of GPUS) for (const [dt, s] of Object.entries(g.sparse)) {
      const d = g.dense[dt as keyof typeof g.dense]!;
      assert.ok(Math.abs(s / d / 2 - 1) < 0.03, `${g.id} ${dt}: ${s} vs ${d}`);
    }
  });
  it('older names resolve: H100 → H100-SXM, A100-80GB → A100, RTX4090 → RTX-4090', () => {
    assert.strictEqual(findGpu('H100')?.id, 'H100-SXM');
    assert.strictEqual(findGpu('a100-80gb')?.id, 'A100');
    assert.strictEqual(findGpu('RTX4090')?.id, 'RTX-4090');
    assert.strictEqual(findGpu('NVIDIA H100 SXM5')?.id, 'H100-SXM');
  });
  it('unknown GPUs get nearest names', () => {
    assert.deepStrictEqual(suggestGpus('H10O').slice(0, 1), ['H100-SXM']);
    assert.ok(suggestGpus('MI300').includes('MI300X'));
    assert.throws(() => peakFlops('H1000', 'bf16'), /did you mean H100-SXM/);
  });
  it('V100 has no BF16: the error lists what it has', () => {
    assert.throws(() => peakFlops('V100', 'bf16'), /has no bf16 peak.*fp16/);
  });
  it('a pasted sparsity headline is recognised', () => {
    const hit = matchesSparseHeadline(1979e12);
    assert.ok(hit && hit.dense > 989e12 && hit.dense < 990e12);
    assert.strictEqual(matchesSparseHeadline(989.4e12), undefined);
  });
});

describe('hardware: trainingCompute', () => {
  it('C = GPUs × peak × MFU × uptime × hours × 3600', () => {
    const r = trainingCompute({ numGpus: 4, gpuType: 'A100', dtype: 'bf16', mfu: 0.4, uptime: 0.95, hours: 720 });
    assert.strictEqual(r.compute, 4 * 312e12 * 0.4 * 0.95 * 720 * 3600);
    assert.strictEqual(r.peakFlopsPerGpu, 312e12);
    assert.strictEqual(r.gpuHours, 2880);
  });
  it('a peak override replaces the table and is named as the source', () => {
    const r = trainingCompute({ numGpus: 1, gpuType: 'anything', dtype: 'bf16', mfu: 0.5, hours: 1, peakFlopsPerGpu: 1e15 });
    assert.strictEqual(r.compute, 1e15 * 0.5 * 3600);
    assert.match(r.source, /config/);
  });
  it('rejects MFU outside (0, 1]', () => {
    assert.throws(() => trainingCompute({ numGpus: 1, gpuType: 'A100', dtype: 'bf16', mfu: 1.5, hours: 1 }), /mfu/);
  });
});

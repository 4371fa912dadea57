/**
 * Allocation latency: the planner panel calls allocateCompute() for every law on every keystroke, so one call
 * must stay well under 10 ms. Prints, per scenario, the median time per allocateCompute() call (median of 7
 * batches, after a JIT warm-up) and its ratio to a reference measured in the same run: one
 * chinchillaOptimal() closed-form call (Hoffmann Eq. 4), the cheapest thing a row can cost. The ratio
 * is what to compare across machines; the absolute time is judged against the 10 ms target.
 *
 * Run alone with `npx tsx scripts/bench-allocation.ts`; scripts/bench.ts calls benchAllocation().
 */
import { allocateCompute, type AllocationRequest } from '../src/core/allocation';
import { chinchillaOptimal } from '../src/core/laws/forms';
import { HOFFMANN_A3_UNROUNDED } from '../src/core/laws/hoffmann2022';

const TARGET_MS = 10;

/** Median over `batches` of the mean time per call of f(i) over `perBatch` calls, in ms. */
function medianPerCall(f: (i: number) => unknown, perBatch: number, batches = 7): number {
  for (let i = 0; i < perBatch; i++) f(i); // warm the JIT
  const t: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < perBatch; i++) f(i);
    t.push((performance.now() - t0) / perBatch);
  }
  t.sort((x, y) => x - y);
  return t[Math.floor(t.length / 2)];
}

const SCENARIOS: Array<{ label: string; req: AllocationRequest }> = [
  { label: 'all default laws, C = 5.76e23', req: { compute: 5.76e23 } },
  {
    label: 'all laws + ATLAS fr, U = 1e11, 1e12 inference tokens',
    req: { compute: 5.76e23, language: 'fr', uniqueTokens: 1e11, inferenceTokens: 1e12 },
  },
  { label: 'target loss 2.0, hoffmann2022-a3 (bisection on C)', req: { targetLoss: 2.0, laws: ['hoffmann2022-a3'] } },
  { label: 'target loss 2.3, muennighoff2023, U = 25e9', req: { targetLoss: 2.3, laws: ['muennighoff2023'], uniqueTokens: 25e9 } },
];

export function benchAllocation(): void {
  // Vary C slightly so nothing can be cached between calls; the sink keeps the work observable.
  let sink = 0;
  const refMs = medianPerCall((i) => (sink += chinchillaOptimal(HOFFMANN_A3_UNROUNDED, 1e22 * (1 + i * 1e-6)).N), 20000);
  console.log('\n[allocation] allocateCompute() latency (planner panel: every keystroke, all laws)');
  console.log(`    reference: chinchillaOptimal (Eq. 4 closed form) ${(refMs * 1e6).toFixed(0)} ns/call`);
  for (const { label, req } of SCENARIOS) {
    const ms = medianPerCall((i) => {
      const scale = 1 + i / 1000;
      const r = allocateCompute({
        ...req,
        ...(req.compute !== undefined ? { compute: req.compute * scale } : {}),
        ...(req.targetLoss !== undefined ? { targetLoss: req.targetLoss * (1 + i / 1e5) } : {}),
      });
      sink += r.length;
    }, 40);
    const verdict = ms < TARGET_MS ? 'PASS' : 'FAIL';
    console.log(`    ${label.padEnd(56)} ${ms.toFixed(3)} ms/call  ${Math.round(ms / refMs).toLocaleString('en-US')}× reference  ${verdict} (< ${TARGET_MS} ms)`);
  }
  if (!Number.isFinite(sink)) console.log('    (sink)', sink);
}

// Run on its own (`npx tsx scripts/bench-allocation.ts`), but not when bundled into dist/bench.js.
if (/bench-allocation\.[tj]s$/.test(process.argv[1] ?? '')) benchAllocation();

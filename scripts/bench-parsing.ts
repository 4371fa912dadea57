/**
 * Linear-time parsing (issue 12): a numeric cell, a CLI number and a --fix value of n digits followed by a
 * letter, at 2 KB and 200 KB. Linear parsing makes the 100× longer input cost ≈ 100× (far less after the
 * 100-character cell limit); the former backtracking regular expressions cost ≈ 10,000× (55 s at 200 KB).
 * Target: ratio ≤ 1,000 (an order of magnitude of headroom over linear), and 200 KB under 50 ms.
 */
import { parseCell, isDecimal } from '../src/core/csv/numbers';
import { parseRunsCsv } from '../src/core/csv';

function time(f: () => void, reps: number): number {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t0) / reps;
}

export function benchParsing(): void {
  console.log('\n[parsing] n digits + a letter (linear-time scanners; issue 12)');
  const small = '1'.repeat(2_000) + 'x';
  const large = '1'.repeat(200_000) + 'x';
  for (const [label, f] of [
    ['parseCell (CSV cell)', (s: string) => parseCell(s)],
    ['isDecimal (CLI numbers, --fix)', (s: string) => isDecimal(s)],
    ['parseRunsCsv (one row)', (s: string) => { try { parseRunsCsv(`N,D,loss\n${s},1,1\n`); } catch { /* refused: expected */ } }],
  ] as const) {
    const a = time(() => f(small), 50);
    const b = time(() => f(large), 5);
    const ratio = b / Math.max(a, 1e-6);
    console.log(`    ${label.padEnd(32)} 2 KB ${a.toFixed(3)} ms, 200 KB ${b.toFixed(3)} ms, ratio ${ratio.toFixed(0)}×   target ratio ≤ 1000 and ≤ 50 ms   ${ratio <= 1000 && b <= 50 ? 'PASS' : 'FAIL'}`);
  }
}

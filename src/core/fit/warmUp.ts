/**
 * The warm-up a spare worker runs before its real call (core/worker/spare.ts): one small fit through the same
 * path as a fit panel's first fit — a CSV read and parsed, the Chinchilla form fitted from its 4,500-point grid,
 * the early view, a few bootstrap resamples, cross-validation, leave-one-out and the full view — so that the call
 * it then serves runs in code the JIT has already compiled (its early view ~50 ms after the request instead of
 * ~125 ms in a worker that had only loaded the bundle).
 *
 * The table: 12 runs on the Besiroglu et al. (2024) law (laws/besiroglu2024.ts), N from 2e7 to 1e9 parameters
 * at 5–80 tokens per parameter, with a fixed ±0.3 % pattern on the loss. Its result is discarded.
 */
import { BESIROGLU_PARAMS } from '../laws/besiroglu2024';
import type { FitRequest } from './workerProtocol';

function warmUpCsv(): string {
  const { E, A, B, alpha, beta } = BESIROGLU_PARAMS;
  const lines = ['params,tokens,loss'];
  for (let i = 0; i < 12; i++) {
    const N = 2e7 * 50 ** (i / 11);
    const D = N * [5, 20, 80][i % 3];
    const wiggle = 1 + 0.003 * [1, -1, 0.5, -0.5][i % 4];
    lines.push(`${N.toPrecision(4)},${D.toPrecision(4)},${((E + A / N ** alpha + B / D ** beta) * wiggle).toFixed(4)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The warm-up fit request (the fit panel's kind: progressive, with its view built in the worker). */
export function warmUpFitRequest(): FitRequest {
  return {
    type: 'fit',
    source: { text: warmUpCsv() },
    parseOpts: { fileName: 'warm-up.csv' },
    fitOpts: { form: 'chinchilla', delta: 1e-3, bootstrap: 4, cv: 2 },
    view: { fileName: 'warm-up.csv', droppedByUser: [] },
    progressive: true,
  };
}

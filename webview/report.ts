/**
 * Tell the host that the panel is painted, and how long it took from data arrival to paint (the host logs
 * the first paint). In the integration-test build (TEST_BUILD, see esbuild.mjs) the report also carries the
 * page's visible text, so tests can assert on what a user sees without reaching into the DOM; the
 * production build sends no text (reading innerText forces a layout on every render, for nobody).
 */
import type { ViewKind } from '../src/shared/protocol';
import { post } from './api';

export function reportRendered(view: ViewKind, seq: number, root: HTMLElement, charts: number, t0: number): void {
  // Two animation frames: the first runs before layout/paint, the second after the frame was painted.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const text = TEST_BUILD ? root.innerText.slice(0, 200_000) : '';
    post({ type: 'rendered', view, seq, text, charts, paintMs: Math.round(performance.now() - t0) });
  }));
}

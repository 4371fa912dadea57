/**
 * Tell the host that the panel is painted, and how long it took from data arrival to paint (the host logs
 * the first paint). Plots outside the window are drawn just after the first paint (webview/charts.ts): the page
 * then says 'painted' once what is in view is on screen, and 'rendered' once every plot is drawn too. In the
 * integration-test build (TEST_BUILD, see esbuild.mjs) 'rendered' also carries the page's visible text, so tests
 * can assert on what a user sees without reaching into the DOM; the production build sends no text (reading
 * innerText forces a layout on every render, for nobody).
 */
import type { ViewKind } from '../src/shared/protocol';
import { post } from './api';
import { plotsDrawn, plotsWaiting } from './charts';

/** Resolves after the next frame is painted: the first animation frame runs before layout and paint, the second after. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

export function reportRendered(view: ViewKind, seq: number, root: HTMLElement, charts: number, t0: number): void {
  const ms = () => Math.round(performance.now() - t0);
  // `at`: when, on the page's clock (ms since 1970), for the host's log of how long the user waited.
  if (plotsWaiting()) void afterPaint().then(() => post({ type: 'painted', view, seq, paintMs: ms(), at: Date.now() }));
  void plotsDrawn().then(afterPaint).then(() => {
    const at = Date.now();
    const text = TEST_BUILD ? root.innerText.slice(0, 200_000) : '';
    post({ type: 'rendered', view, seq, text, charts, paintMs: ms(), at });
  });
}

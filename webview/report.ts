/**
 * Tell the host what the panel now shows, once it is painted: the visible text (so integration tests can
 * assert on what a user sees without reaching into the DOM) and the time from data arrival to paint.
 */
import type { ViewKind } from '../src/shared/protocol';
import { post } from './api';

export function reportRendered(view: ViewKind, seq: number, root: HTMLElement, charts: number, t0: number): void {
  // Two animation frames: the first runs before layout/paint, the second after the frame was painted.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    post({ type: 'rendered', view, seq, text: root.innerText.slice(0, 200_000), charts, paintMs: Math.round(performance.now() - t0) });
  }));
}

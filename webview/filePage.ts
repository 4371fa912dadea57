/**
 * What the pages of per-file panels (fit, IsoFLOP) share: a run's error replaces the results' place, the
 * previous results stay visible but marked stale, and the render is reported like any other (the host and
 * the tests see that the page painted the error).
 */
import type { ViewKind } from '../src/shared/protocol';
import { byId, h, replace } from './dom';
import { reportRendered } from './report';

export function showRunError(view: ViewKind, runId: number, root: HTMLElement, ids: { error: string; results: string }, title: string, message: string): void {
  replace(byId(ids.error), h('strong', {}, title), h('pre', {}, message));
  byId(ids.error).hidden = false;
  byId(ids.results).classList.add('stale');
  reportRendered(view, runId, root, 0, performance.now());
}

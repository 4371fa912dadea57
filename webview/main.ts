/**
 * Webview entry (bundled to dist/webview.js). The host renders a page whose <body data-view="…"> names the
 * panel; this dispatches to that view's module. New views (e.g. an IsoFLOP panel) add a module and a case.
 */
import './ready'; // first: see ready.ts
import './style.css';
import type { HostMessage, ViewKind } from '../src/shared/protocol';
import { batchGate, onHostMessage, post } from './api';
import { watchTheme } from './charts';
import { byId } from './dom';
import { chartPngs } from './exporting';
import { answerRequest } from '../src/shared/pageRequests';
import { startFit } from './fit';
import { startIsoflop } from './isoflop';
import { colorSwatches, startPlanner } from './planner';

const VIEWS: Record<ViewKind, (root: HTMLElement) => (msg: HostMessage) => void> = {
  planner: startPlanner,
  fit: startFit,
  isoflop: startIsoflop,
};

window.addEventListener('error', (e) => post({ type: 'webviewError', message: `${e.message} (${e.filename}:${e.lineno})` }));
window.addEventListener('unhandledrejection', (e) => post({ type: 'webviewError', message: String(e.reason) }));

const view = document.body.dataset.view as ViewKind;
const handle = VIEWS[view](byId('root'));
watchTheme(colorSwatches);
const newBatch = batchGate();
function dispatch(msg: HostMessage): void {
  if (msg.type === 'batch') {
    if (newBatch(msg.id)) msg.messages.forEach(dispatch);
  }
  else if (msg.type === 'collectPngs') answerRequest(msg, post, () => ({ charts: chartPngs() }));
  else handle(msg);
}
onHostMessage(dispatch);

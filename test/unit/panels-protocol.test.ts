/**
 * The host ↔ webview protocol's runtime validator: every webview → host message shape is accepted exactly
 * as typed, and anything else is rejected with the offending field's path.
 */
import * as assert from 'assert';
import { checkPlannerInput, parsePersistedState, parseWebviewMessage, type WebviewMessage } from '../../src/shared/protocol';
import { ProtocolError } from '../../src/shared/validate';
import { DEFAULT_PLANNER_INPUT } from '../../src/extension/planner/view';
import { DEFAULT_FIT_OPTIONS } from '../../src/extension/fit/view';

const good: WebviewMessage[] = [
  { type: 'ready', view: 'planner' },
  { type: 'plannerInput', seq: 3, input: DEFAULT_PLANNER_INPUT },
  { type: 'refit', options: DEFAULT_FIT_OPTIONS },
  { type: 'refit', options: { ...DEFAULT_FIT_OPTIONS, fixE: 1.69, dropRows: '12, 15-18', bootstrap: 200 } },
  { type: 'cancelFit' },
  { type: 'copyFormula', format: 'latex' },
  { type: 'export', format: 'markdown' },
  { type: 'pngs', requestId: 1, charts: [{ name: 'plot-nd', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }] },
  { type: 'requestFailed', requestId: 1, message: 'canvas is tainted' },
  { type: 'openLink', url: 'https://arxiv.org/abs/2203.15556' },
  { type: 'painted', view: 'fit', seq: 2, paintMs: 9, at: 1796199713942 },
  { type: 'rendered', view: 'fit', seq: 2, text: 'R² 0.99', charts: 5, paintMs: 12, at: 1796199713990 },
  { type: 'webviewError', message: 'TypeError: x is undefined' },
];

function rejects(raw: unknown, path: RegExp): void {
  assert.throws(() => parseWebviewMessage(raw), (e: unknown) => e instanceof ProtocolError && path.test(e.path), JSON.stringify(raw));
}

describe('webview protocol validator', () => {
  it('accepts every well-formed message unchanged', () => {
    for (const m of good) assert.deepStrictEqual(parseWebviewMessage(JSON.parse(JSON.stringify(m))), m);
  });

  it('rejects unknown types and non-objects', () => {
    rejects({ type: 'runShell', cmd: 'rm -rf /' }, /^message\.type$/);
    rejects(null, /^message\.type$/);
    rejects('ready', /^message\.type$/);
  });

  it('rejects extra fields (a version mismatch must not pass silently)', () => {
    rejects({ type: 'cancelFit', force: true }, /^message\.force$/);
    rejects({ type: 'plannerInput', seq: 1, input: { ...DEFAULT_PLANNER_INPUT, evil: 1 } }, /^message\.input\.evil$/);
  });

  it('rejects wrong field types and out-of-range numbers with the field path', () => {
    rejects({ type: 'plannerInput', seq: 1, input: { ...DEFAULT_PLANNER_INPUT, compute: 'lots' } }, /^message\.input\.compute$/);
    rejects({ type: 'plannerInput', seq: 1, input: { ...DEFAULT_PLANNER_INPUT, compute: Infinity } }, /^message\.input\.compute$/);
    rejects({ type: 'plannerInput', seq: 1, input: { ...DEFAULT_PLANNER_INPUT, gpus: { ...DEFAULT_PLANNER_INPUT.gpus, mfu: 1.5 } } }, /^message\.input\.gpus\.mfu$/);
    rejects({ type: 'plannerInput', seq: -1, input: DEFAULT_PLANNER_INPUT }, /^message\.seq$/);
    rejects({ type: 'refit', options: { ...DEFAULT_FIT_OPTIONS, bootstrap: 2.5 } }, /^message\.options\.bootstrap$/);
    rejects({ type: 'refit', options: { ...DEFAULT_FIT_OPTIONS, dropRows: '1; DROP TABLE' } }, /^message\.options\.dropRows$/);
    rejects({ type: 'plannerInput', seq: 1, input: { ...DEFAULT_PLANNER_INPUT, laws: ['<script>'] } }, /^message\.input\.laws\[0\]$/);
  });

  it('only https links and PNG data URLs pass', () => {
    rejects({ type: 'openLink', url: 'javascript:alert(1)' }, /^message\.url$/);
    rejects({ type: 'openLink', url: 'file:///etc/passwd' }, /^message\.url$/);
    rejects({ type: 'pngs', requestId: 1, charts: [{ name: 'x', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }] }, /^message\.charts\[0\]\.dataUrl$/);
    rejects({ type: 'pngs', requestId: 1, charts: [{ name: '../../x', dataUrl: 'data:image/png;base64,AA==' }] }, /^message\.charts\[0\]\.name$/);
    rejects({ type: 'export', format: 'exe' }, /^message\.format$/);
  });

  it('validates restored panel state', () => {
    assert.deepStrictEqual(parsePersistedState({ view: 'planner', input: DEFAULT_PLANNER_INPUT }), { view: 'planner', input: DEFAULT_PLANNER_INPUT });
    const fit = { view: 'fit', uri: 'file:///w/runs.csv', options: DEFAULT_FIT_OPTIONS };
    assert.deepStrictEqual(parsePersistedState(fit), fit);
    assert.throws(() => parsePersistedState({ view: 'planner', input: { mode: 'flops' } }), ProtocolError);
    assert.throws(() => parsePersistedState({ view: 'fit', uri: 7, options: DEFAULT_FIT_OPTIONS }), /state\.uri/);
  });

  it('checkPlannerInput is what the test hook and openPlanner(patch) use', () => {
    assert.deepStrictEqual(checkPlannerInput({ ...DEFAULT_PLANNER_INPUT, compute: 1e24 }, 'input').compute, 1e24);
    assert.throws(() => checkPlannerInput({ ...DEFAULT_PLANNER_INPUT, mode: 'vibes' }, 'input'), /input\.mode/);
  });
});

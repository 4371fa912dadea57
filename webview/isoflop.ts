/**
 * IsoFLOP panel (webview side), one per results CSV: Chinchilla Approach 2 as the extension host computed
 * it (src/core/sweep) — loss vs N per budget with the fitted parabolas and each minimum with its interval,
 * and the frontier N*(C), D*(C) with the fitted power laws beside the joint parametric fit and published
 * laws. The page collects the analysis options and renders; it computes nothing. Text from the user's
 * file (its name, refusal messages quoting it) only reaches the page as text nodes.
 */
import { formatCount, formatNum, formatPowerLaw, formatSci } from '../src/core/format';
import type { HostMessage, IsoflopFrontier, IsoflopPanelOptions, IsoflopView } from '../src/shared/protocol';
import { Plot } from './charts';
import { byId, field, h, noteList, replace } from './dom';
import { applyOrComplain, exportSection, fileHeader, FileRuns, markInvalid, optionsSink } from './filePage';

interface Page {
  curves: Plot;
  frontier: Plot;
}

export function startIsoflop(root: HTMLElement): (msg: HostMessage) => void {
  let page: Page | undefined;
  const runs = new FileRuns('isoflop', root, { error: 'isoflop-error', results: 'isoflop-results' }, (_running, message) => {
    byId('isoflop-status').textContent = message;
  });
  return (msg) => {
    switch (msg.type) {
      case 'isoflopInit': {
        const { uri } = msg;
        page = buildPage(root, msg.fileName, msg.options,
          optionsSink(msg.options, (options) => ({ view: 'isoflop', uri, options }), (options) => ({ type: 'isoflopOptions', options })));
        return;
      }
      case 'isoflopRunning':
        runs.start(msg.runId, 'Analysing…');
        return;
      case 'isoflopError':
        runs.fail(msg.runId, msg.title, msg.message);
        return;
      case 'isoflopView': {
        const p = page;
        if (p) runs.show(msg.runId, '', 2, () => renderView(msg.view, p));
        return;
      }
      default:
        return;
    }
  };
}

function buildPage(root: HTMLElement, fileName: string, options: IsoflopPanelOptions, apply: (o: IsoflopPanelOptions) => void): Page {
  const read = (): IsoflopPanelOptions | null => {
    const w = byId<HTMLInputElement>('iso-window').value.trim();
    const tol = Number(byId<HTMLInputElement>('iso-tolerance').value) / 100;
    const window = w === '' ? null : Number(w);
    const ok = markInvalid({
      'iso-window': window !== null && !(Number.isInteger(window) && window >= 1 && window <= 1000),
      'iso-tolerance': !(tol >= 0.001 && tol <= 10),
    });
    if (!ok) return null;
    return { window, groupTolerance: tol, skipBadBudgets: byId<HTMLInputElement>('iso-skip').checked, joint: byId<HTMLInputElement>('iso-joint').checked };
  };
  const form = h('form', { id: 'isoflop-form', class: 'form toolbar', autocomplete: 'off' },
    field('Window (± runs)', h('input', { id: 'iso-window', type: 'number', min: 1, step: 1, value: options.window ?? '', placeholder: 'all' }),
      'neighbours of the lowest-loss run; empty = all'),
    field('Group tolerance (%)', h('input', { id: 'iso-tolerance', type: 'number', min: 0.1, step: 'any', value: formatNum(options.groupTolerance * 100, 3) })),
    h('div', { class: 'field inline' }, h('input', { id: 'iso-skip', type: 'checkbox', checked: options.skipBadBudgets }),
      h('label', { for: 'iso-skip' }, 'Skip bad budgets')),
    h('div', { class: 'field inline' }, h('input', { id: 'iso-joint', type: 'checkbox', checked: options.joint }),
      h('label', { for: 'iso-joint' }, 'Joint fit (Approach 3)')),
    h('div', { class: 'buttons' }, h('button', { id: 'iso-apply', type: 'submit', class: 'primary' }, 'Re-analyse')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    applyOrComplain(read, apply, 'isoflop-status');
  });

  const curves = new Plot({
    id: 'plot-isoflop-curves', title: 'IsoFLOP curves: loss vs model size per budget', xLabel: 'parameters N', yLabel: 'final loss', xLog: true, xUnit: 'count',
    description: 'Runs of each compute budget (points), the parabola in ln N fitted to them (lines), and each budget’s minimum (diamond) with its interval in N (bar).',
  });
  const frontier = new Plot({
    id: 'plot-isoflop-frontier', title: 'Compute-optimal frontier: N* and D* vs compute', xLabel: 'training compute C (FLOPs)', yLabel: 'N* (params), D* (tokens)', xLog: true, yLog: true, xUnit: 'flops', yUnit: 'count',
    description: 'Per-budget minima with intervals, the fitted power laws N* = k·C^a and D* = k′·C^b (solid), the joint parametric fit (dashed) and published laws (dotted).',
  });

  replace(root,
    fileHeader('IsoFLOP analysis: ', 'isoflop-file', fileName, 'Chinchilla Approach 2: a parabola in ln N per compute budget, then N* = k·C^a through the minima.'),
    form,
    h('div', { class: 'progress-row', 'aria-live': 'polite' }, h('span', { id: 'isoflop-status', class: 'status' })),
    h('div', { id: 'isoflop-error', class: 'error-box', role: 'alert', hidden: true }),
    h('div', { id: 'isoflop-results', hidden: true },
      h('div', { class: 'plots' }, curves.element, frontier.element),
      h('section', { class: 'formula-box' }, h('h2', {}, 'Frontier'), h('pre', { id: 'isoflop-formula', class: 'formula' }),
        h('p', { id: 'isoflop-joint' }), h('p', { id: 'isoflop-grouping', class: 'provenance' })),
      h('h2', {}, 'Minimum of each budget'),
      h('div', { class: 'table-wrap' }, h('table', { id: 'isoflop-minima', class: 'stack-table' })),
      h('div', { id: 'isoflop-notes' }),
      exportSection()));
  return { curves, frontier };
}

const interval = (iv: [number, number] | null, f: (x: number) => string) => (iv ? `[${f(iv[0])}, ${f(iv[1])}]` : '—');

function frontierLine(name: string, f: IsoflopFrontier, pct: string): string {
  return `${formatPowerLaw(name, f.k, f.exponent)}   exponent ${pct} CI ${interval(f.interval, (x) => formatNum(x, 3))}, R² ${formatNum(f.r2, 4)}`;
}

function renderView(view: IsoflopView, page: Page): void {
  replace(byId('isoflop-file'), view.fileName);
  const pct = `${formatNum(view.confidence * 100, 3)} %`;
  byId('isoflop-formula').textContent = [frontierLine('N*', view.nFrontier, pct), frontierLine('D*', view.dFrontier, pct)].join('\n');
  byId('isoflop-joint').textContent = view.joint ? view.joint.comparison : '';
  byId('isoflop-grouping').textContent = view.grouping;

  const cols = ['budget C (FLOPs)', 'runs', 'N*', `N* ${pct}`, 'D*', `D* ${pct}`, 'loss*'];
  const head = h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { scope: 'col' }, c))));
  // data-label: narrow panels stack the table, one card per budget with each value labelled.
  const td = (i: number, text: string) => h('td', { class: 'num', 'data-label': cols[i] }, text);
  const body = h('tbody', {}, ...view.minima.map((m) => h('tr', {},
    h('th', { scope: 'row' }, formatSci(m.compute)),
    td(1, m.runsUsed === m.runsTotal ? String(m.runsTotal) : `${m.runsUsed} of ${m.runsTotal}`),
    td(2, formatCount(m.N)),
    td(3, interval(m.NInterval, formatCount)),
    td(4, formatCount(m.D)),
    td(5, interval(m.DInterval, formatCount)),
    td(6, formatNum(m.loss, 4)))));
  replace(byId('isoflop-minima'), h('caption', { class: 'visually-hidden' }, 'Per-budget minima of the fitted parabolas'), head, body);
  replace(byId('isoflop-notes'), view.notes.length ? noteList(view.notes) : null);

  page.curves.update(view.curves);
  page.frontier.update(view.frontier);
}

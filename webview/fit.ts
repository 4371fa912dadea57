/**
 * Fit panel (webview side), one per CSV: fit options, progress with a cancel button, the fitted formula
 * (copy as text or LaTeX), metrics, parameter intervals, plots and recommendations. The fit itself runs in
 * a worker thread owned by the extension host, so neither this page nor the editor freezes.
 */
import { formatNum } from '../src/core/format';
import { formatParam } from '../src/shared/format';
import type { FitPanelOptions, FitView, FormOption, HostMessage, Series } from '../src/shared/protocol';
import { post } from './api';
import { Plot } from './charts';
import { byId, field, h, noteList, replace } from './dom';
import { applyOrComplain, exportSection, fileHeader, FileRuns, markInvalid, optionsSink } from './filePage';
import { dataSection, extraControls, renderData } from './fitControls';
import { maxOf, minOf } from '../src/core/stats/extent';

interface Page {
  plots: { loss: Plot; pva: Plot; resid: Plot; nd: Plot; tpp: Plot };
  options: () => FitPanelOptions;
  go: () => void;
  /** The rows of the fit shown (the automatic leave-one-out box follows them). */
  rowsKnown: (rows: number) => void;
}

export function startFit(root: HTMLElement): (msg: HostMessage) => void {
  let page: Page | undefined;
  const runs = new FileRuns('fit', root, { error: 'fit-error', results: 'results' }, setRunning);
  /** What the full fit is still computing after an early view (kept in the status line beside the progress). */
  let pending = '';
  return (msg) => {
    switch (msg.type) {
      case 'fitInit': {
        const { uri } = msg;
        page = buildPage(root, msg.fileName, msg.forms, msg.options,
          optionsSink(msg.options, (options) => ({ view: 'fit', uri, options }), (options) => ({ type: 'refit', options })));
        return;
      }
      case 'fitRunning':
        pending = '';
        runs.start(msg.runId, 'Fitting…');
        return;
      case 'fitProgress':
        if (runs.isCurrent(msg.runId)) setRunning(true, pending ? `${pending} (${msg.message})` : msg.message, msg.fraction);
        return;
      case 'fitCancelled':
        runs.end(msg.runId, 'Cancelled.');
        return;
      case 'fitError':
        runs.fail(msg.runId, msg.title, msg.message);
        return;
      case 'fitView': {
        const p = page;
        if (!p || !runs.isCurrent(msg.runId)) return;
        runs.show(msg.runId, `Fitted in ${formatNum(msg.view.elapsedMs / 1000, 2)} s.`, 5, () => renderView(msg.view, p));
        // An early view (the law, no intervals yet) keeps the progress bar and says what is still running.
        pending = msg.view.pending ?? '';
        if (pending) setRunning(true, pending, 0);
        return;
      }
      default:
        return;
    }
  };
}

function setRunning(running: boolean, message: string, fraction: number): void {
  const bar = byId<HTMLProgressElement>('fit-progress');
  bar.hidden = !running;
  bar.value = Math.max(0, Math.min(1, fraction));
  byId('fit-status').textContent = message;
  byId<HTMLButtonElement>('cancel').disabled = !running;
  byId<HTMLButtonElement>('refit').disabled = running;
}

function buildPage(root: HTMLElement, fileName: string, forms: FormOption[], options: FitPanelOptions, refit: (o: FitPanelOptions) => void): Page {
  const formSelect = h('select', { id: 'form' }, ...forms.map((f) => h('option', { value: f.id, selected: f.id === options.form, title: f.description }, f.label)));
  const fixE = h('input', { id: 'fix-e', type: 'checkbox', checked: options.fixE !== null });
  const eValue = h('input', { id: 'e-value', type: 'number', step: 0.01, min: 0, value: options.fixE ?? 1.69, disabled: options.fixE === null, 'aria-label': 'Fixed value of E (irreducible loss)' });
  fixE.addEventListener('change', () => { eValue.disabled = !fixE.checked; });
  const extra = extraControls(options, () => go());
  let current = options;
  const read = (): FitPanelOptions | null => {
    const delta = Number(byId<HTMLInputElement>('huber').value);
    const boot = Number(byId<HTMLInputElement>('bootstrap').value);
    const drop = byId<HTMLInputElement>('drop-rows').value;
    const e = Number(eValue.value);
    const ok = markInvalid({ huber: !(delta > 0), bootstrap: !(Number.isInteger(boot) && boot >= 0 && boot <= 10000), 'drop-rows': !/^[\d\s,-]*$/.test(drop), 'e-value': fixE.checked && !(e >= 0) });
    const more = extra.read();
    if (!ok || !more) return null;
    return { form: formSelect.value, fixE: fixE.checked ? e : null, tieExponents: byId<HTMLInputElement>('tie').checked, huberDelta: delta, dropRows: drop, bootstrap: boot, ...more };
  };
  const go = () => applyOrComplain(read, (o) => refit((current = o)), 'fit-status');
  const refitBtn = h('button', { id: 'refit', type: 'submit', class: 'primary' }, 'Re-fit');
  const cancelBtn = h('button', { id: 'cancel', type: 'button', disabled: true }, 'Cancel');
  cancelBtn.addEventListener('click', () => post({ type: 'cancelFit' }));
  const form = h('form', { id: 'fit-form', class: 'form toolbar', autocomplete: 'off' },
    field('Form', formSelect),
    h('div', { class: 'field inline' }, fixE, h('label', { for: 'fix-e' }, 'Fix E ='), eValue),
    h('div', { class: 'field inline' }, h('input', { id: 'tie', type: 'checkbox', checked: options.tieExponents }), h('label', { for: 'tie' }, 'α = β')),
    field('Huber δ', h('input', { id: 'huber', type: 'number', step: 'any', min: 0, value: options.huberDelta })),
    field('Drop CSV lines', h('input', { id: 'drop-rows', type: 'text', value: options.dropRows, placeholder: 'e.g. 12, 15-18', spellcheck: 'false' })),
    field('Bootstrap', h('input', { id: 'bootstrap', type: 'number', step: 1, min: 0, max: 10000, value: options.bootstrap })),
    extra.element,
    h('div', { class: 'buttons' }, refitBtn, cancelBtn));
  form.addEventListener('submit', (e) => { e.preventDefault(); go(); });

  const plots = {
    loss: new Plot({ id: 'plot-loss', title: 'Loss: data and fitted law', xLabel: 'parameters N', yLabel: 'loss', xLog: true, yLog: true, xUnit: 'count', description: 'Observed losses (points) and the fitted law (lines), grouped by token count.' }),
    pva: new Plot({ id: 'plot-pva', title: 'Predicted vs actual', xLabel: 'actual loss', yLabel: 'predicted loss', description: 'Each run’s fitted loss against its observed loss; the dashed line is perfect agreement.' }),
    resid: new Plot({ id: 'plot-resid', title: 'Residuals', xLabel: 'parameters N', yLabel: 'actual − predicted', xLog: true, xUnit: 'count', description: 'Residual of each run against its model size; structure here means the form misses something.' }),
    nd: new Plot({ id: 'plot-fit-nd', title: 'Optimal N vs D: your fit and published laws', xLabel: 'training tokens D', yLabel: 'parameters N', xLog: true, yLog: true, xUnit: 'count', yUnit: 'count', description: 'The compute-optimal line of the fitted law (thick) beside the published laws; points are your runs.' }),
    tpp: new Plot({ id: 'plot-fit-tpp', title: 'Tokens per parameter vs compute', xLabel: 'training compute C (FLOPs)', yLabel: 'tokens per parameter', xLog: true, yLog: true, xUnit: 'flops', description: 'Compute-optimal D/N of the fitted law and the published laws.' }),
  };

  replace(root,
    fileHeader('Scaling-law fit: ', 'file-name', fileName, 'Fitted to the document’s current text (saved or not).'),
    form,
    h('div', { class: 'progress-row', 'aria-live': 'polite' }, h('progress', { id: 'fit-progress', max: 1, value: 0, hidden: true }), h('span', { id: 'fit-status', class: 'status' })),
    dataSection(),
    h('div', { id: 'fit-error', class: 'error-box', role: 'alert', hidden: true }),
    h('div', { id: 'results', hidden: true },
      h('section', { class: 'formula-box' },
        h('h2', {}, 'Fitted law'),
        h('pre', { id: 'formula', class: 'formula' }),
        h('div', { class: 'buttons' }, button('copy-text', 'Copy as text', () => post({ type: 'copyFormula', format: 'text' })),
          button('copy-latex', 'Copy as LaTeX', () => post({ type: 'copyFormula', format: 'latex' })))),
      h('div', { class: 'two-col' },
        h('section', {}, h('h2', {}, 'Metrics'), h('dl', { id: 'metrics', class: 'metrics' })),
        h('section', {}, h('h2', {}, 'Parameters'), h('div', { class: 'table-wrap' }, h('table', { id: 'params' })))),
      h('h2', {}, 'Recommendations'),
      h('div', { id: 'recommendations' }),
      h('div', { class: 'plots' }, ...Object.values(plots).map((p) => p.element)),
      exportSection(),
      h('p', { id: 'columns', class: 'provenance' }),
      h('p', { id: 'provenance', class: 'provenance' })));
  return { plots, options: () => current, go, rowsKnown: extra.rowsKnown };
}

function button(id: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { id, type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}

function renderView(v: FitView, page: Page): void {
  byId('file-name').textContent = v.fileName;
  page.rowsKnown(v.rowsUsed);
  byId('formula').textContent = v.formula;
  replace(byId('metrics'), ...v.metrics.flatMap((m) => [h('dt', {}, m.label), h('dd', { 'data-metric': m.id }, m.value === null ? '—' : formatNum(m.value, 4))]),
    h('dt', {}, 'Rows used'), h('dd', {}, `${v.rowsUsed} of ${v.rowsTotal}`));
  replace(byId('params'),
    h('thead', {}, h('tr', {}, ...['Parameter', 'Value', '± SE', '95 % interval', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...v.params.map((p) => h('tr', { 'data-param': p.name },
      h('th', { scope: 'row' }, p.name),
      h('td', { class: 'num' }, formatParam(p.value, 4)),
      h('td', { class: 'num' }, p.stderr === null ? '—' : formatParam(p.stderr, 2)),
      h('td', { class: 'num' }, p.lo === null || p.hi === null ? '—' : `[${formatParam(p.lo, 3)}, ${formatParam(p.hi, 3)}]`),
      h('td', {}, p.identified ? '' : h('span', { class: 'tag warn' }, 'weakly identified'))))));
  replace(byId('recommendations'), noteList(v.recommendations));
  byId('columns').textContent = v.columns;
  renderData(v.data, page.options().columns, page.go);
  byId('provenance').textContent = v.provenance;

  const lossPlotSpec = page.plots.loss.spec;
  lossPlotSpec.xLabel = v.lossAxis === 'C' ? 'training compute C (FLOPs)' : 'parameters N';
  lossPlotSpec.xUnit = v.lossAxis === 'C' ? 'flops' : 'count';
  page.plots.loss.respec();
  page.plots.loss.update(v.lossCurves);
  const losses = v.points.flatMap((p) => [p.loss, p.predicted]);
  const lo = minOf(losses);
  const hi = maxOf(losses);
  page.plots.pva.update([
    { id: 'diag', label: 'predicted = actual', lawId: null, style: 'dashed', points: [[lo, lo], [hi, hi]] },
    { id: 'runs', label: 'runs', lawId: 'fit', style: 'points', points: v.points.map((p) => [p.loss, p.predicted]) },
  ]);
  page.plots.resid.update([
    { id: 'zero', label: '_zero', lawId: null, style: 'dashed', points: [[minOf(v.points.map((p) => p.N)), 0], [maxOf(v.points.map((p) => p.N)), 0]] },
    { id: 'resid', label: 'residual', lawId: 'fit', style: 'points', points: v.points.map((p) => [p.N, p.loss - p.predicted]) },
  ] satisfies Series[]);
  page.plots.nd.update(v.nd);
  page.plots.tpp.update(v.tpp);
}

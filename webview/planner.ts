/**
 * Compute-optimal planner panel (webview side): the input form, the allocation table, the two plots and
 * per-law guidance. The numbers are computed by the extension host from src/core (one implementation
 * shared with the CLI); this page only collects input, renders the PlannerView and reports what it shows.
 */
import { formatCount, formatDelta, formatNum, formatSci } from '../src/core/format';
import type { GpuOption, HostMessage, LanguageOption, LawOption, PlannerConsensus, PlannerInput, PlannerRow, PlannerView } from '../src/shared/protocol';
import { post, saveState } from './api';
import { colorFor, Plot } from './charts';
import { byId, debounce, field, h, noteList, readQuantity, replace } from './dom';
import { exportButtons } from './exporting';
import { reportRendered } from './report';

interface Init {
  laws: LawOption[];
  gpus: GpuOption[];
  languages: LanguageOption[];
  input: PlannerInput;
}

export function startPlanner(root: HTMLElement): (msg: HostMessage) => void {
  let init: Init | undefined;
  let seq = 0;
  let plots: { nd: Plot; tpp: Plot } | undefined;

  const send = debounce((input: PlannerInput) => {
    saveState({ view: 'planner', input });
    byId('status').textContent = 'Computing…';
    post({ type: 'plannerInput', seq: ++seq, input });
  }, 120);

  return (msg) => {
    if (msg.type === 'plannerInit') {
      init = { laws: msg.laws, gpus: msg.gpus, languages: msg.languages, input: msg.input };
      plots = buildPage(root, init, send);
      post({ type: 'plannerInput', seq: ++seq, input: msg.input });
      saveState({ view: 'planner', input: msg.input });
    } else if (msg.type === 'plannerSetInput' && init) {
      init.input = msg.input;
      plots?.nd.destroy();
      plots?.tpp.destroy();
      plots = buildPage(root, init, send);
      send(msg.input);
    } else if (msg.type === 'plannerView' && init && plots) {
      if (msg.seq < seq) return; // a newer input is already on its way
      const t0 = performance.now();
      renderView(msg.view, init, plots);
      reportRendered('planner', msg.seq, root, 2, t0);
    }
  };
}

function buildPage(root: HTMLElement, init: Init, send: (input: PlannerInput) => void): { nd: Plot; tpp: Plot } {
  const input = structuredClone(init.input);
  const changed = () => {
    const next = readForm(init, input);
    if (next) send(next);
  };

  const radio = (value: PlannerInput['mode'], label: string) => h('label', { class: 'radio' },
    h('input', { type: 'radio', name: 'mode', id: `mode-${value}`, value, checked: input.mode === value }), ` ${label}`);

  const gpuSelect = h('select', { id: 'gpu' }, ...init.gpus.map((g) => h('option', { value: g.id, selected: g.id === input.gpus.gpu }, g.label)));
  const dtypeSelect = h('select', { id: 'dtype' });
  const fillDtypes = () => {
    const g = init.gpus.find((x) => x.id === gpuSelect.value);
    const cur = dtypeSelect.value || input.gpus.dtype;
    replace(dtypeSelect, ...(g?.dtypes ?? []).map((d) => h('option', { value: d, selected: d === cur }, d.toUpperCase())));
  };
  fillDtypes();
  gpuSelect.addEventListener('change', fillDtypes);

  const form = h('form', { id: 'planner-form', class: 'form', autocomplete: 'off' },
    h('fieldset', {},
      h('legend', {}, 'Budget'),
      h('div', { class: 'radios', role: 'radiogroup', 'aria-label': 'Budget given as' },
        radio('flops', 'Training compute'), radio('gpus', 'GPUs × hours'), radio('loss', 'Target loss')),
      h('div', { class: 'mode-flops grid' },
        field('Compute C (FLOPs)', h('input', { id: 'compute', type: 'text', inputmode: 'decimal', value: formatSci(input.compute), spellcheck: 'false' }), 'e.g. 5.76e23')),
      h('div', { class: 'mode-gpus grid' },
        field('GPUs', h('input', { id: 'gpu-count', type: 'number', min: 1, step: 1, value: input.gpus.count })),
        field('GPU type', gpuSelect),
        field('Precision', dtypeSelect),
        field('Hours', h('input', { id: 'hours', type: 'number', min: 0, step: 'any', value: input.gpus.hours })),
        field('MFU (%)', h('input', { id: 'mfu', type: 'number', min: 1, max: 100, step: 'any', value: formatNum(input.gpus.mfu * 100, 3) }), 'dense-peak utilisation')),
      h('div', { class: 'mode-loss grid' },
        field('Target loss', h('input', { id: 'target-loss', type: 'number', min: 0, step: 0.01, value: input.targetLoss }), 'in each law’s own units'))),
    h('fieldset', {},
      h('legend', {}, 'Inference and data'),
      h('div', { class: 'grid' },
        field('Inference tokens', h('input', { id: 'inference-tokens', type: 'text', value: input.inferenceTokens ? formatCount(input.inferenceTokens) : '0', spellcheck: 'false' }), 'lifetime tokens served; 0 = none'),
        field('Inference MFU (%)', h('input', { id: 'inference-mfu', type: 'number', min: 0.1, max: 100, step: 'any', value: formatNum(input.inferenceMfu * 100, 3) }),
          'default 1 %: decode MFU (Sardana et al. 2024); prices serving only'),
        field('Unique tokens', h('input', { id: 'unique-tokens', type: 'text', value: input.uniqueTokens ? formatCount(input.uniqueTokens) : '', placeholder: 'unlimited', spellcheck: 'false' }), 'data cap, e.g. 25B'),
        field('Language', h('select', { id: 'language' }, ...init.languages.map((l) => h('option', { value: l.id, selected: l.id === input.language }, l.label))),
          'other than English adds ATLAS, the law fitted on it'))),
    h('fieldset', { class: 'laws' },
      h('legend', {}, 'Laws'),
      h('div', { class: 'checks' }, ...init.laws.map((l) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'law', value: l.id, checked: input.laws.includes(l.id) }), ` ${l.name}`,
        l.provisional ? h('span', { class: 'tag' }, 'provisional') : null))),
      field('Iso-loss contours of', h('select', { id: 'contour-law' },
        h('option', { value: '' }, 'first selected law'),
        ...init.laws.map((l) => h('option', { value: l.id, selected: l.id === input.contourLaw }, l.name))))),
  );
  form.addEventListener('submit', (e) => e.preventDefault());
  form.addEventListener('input', changed);
  form.addEventListener('change', changed);

  const nd = new Plot({
    id: 'plot-nd', title: 'Parameters N vs tokens D', xLabel: 'training tokens D', yLabel: 'parameters N', xLog: true, yLog: true, xUnit: 'count', yUnit: 'count',
    description: 'Log-log. Dashed: iso-compute curve C = 6ND. Dotted: iso-loss contours. Lines: each law’s optimal N–D line across budgets; diamonds: each law’s optimum at this budget.',
  });
  const tpp = new Plot({
    id: 'plot-tpp', title: 'Tokens per parameter vs compute', xLabel: 'training compute C (FLOPs)', yLabel: 'tokens per parameter D/N', xLog: true, yLog: true, xUnit: 'flops',
    description: 'For each law, the compute-optimal ratio D/N as the budget grows; diamonds mark this budget.',
  });

  replace(root,
    h('header', { class: 'title' }, h('h1', {}, 'Compute-optimal planner'),
      h('p', { class: 'subtitle' }, 'Published scaling laws, side by side: the model size N* and token count D* each one recommends for your budget.')),
    h('div', { class: 'layout' },
      h('aside', { class: 'inputs' }, form),
      h('section', { class: 'outputs', 'aria-live': 'polite' },
        h('div', { class: 'summary-line' }, h('span', { id: 'compute-source' }), ' ', h('span', { id: 'status', class: 'status' })),
        h('div', { id: 'input-notes' }),
        h('div', { class: 'table-wrap' }, h('table', { id: 'plan-table', class: 'stack-table' })),
        h('p', { id: 'consensus-rule', class: 'hint' }),
        h('div', { class: 'plots' }, nd.element, tpp.element),
        h('h2', {}, 'Guidance'),
        h('div', { id: 'guidance' }),
        h('section', { class: 'export' }, h('h2', {}, 'Export'), exportButtons()))));
  showMode(input.mode);
  return { nd, tpp };
}

function showMode(mode: PlannerInput['mode']): void {
  for (const m of ['flops', 'gpus', 'loss']) {
    document.querySelectorAll<HTMLElement>(`.mode-${m}`).forEach((el) => { el.hidden = m !== mode; });
  }
}

function invalid(id: string, bad: boolean): boolean {
  const el = byId(id);
  el.setAttribute('aria-invalid', String(bad));
  return bad;
}

/** Read the form into a PlannerInput, or null (fields marked aria-invalid) if something doesn't parse. */
function readForm(init: Init, prev: PlannerInput): PlannerInput | null {
  const val = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value;
  const mode = (document.querySelector<HTMLInputElement>('input[name=mode]:checked')?.value ?? 'flops') as PlannerInput['mode'];
  showMode(mode);
  const compute = readQuantity(val('compute'));
  const count = Number(val('gpu-count'));
  const hours = Number(val('hours'));
  const mfu = Number(val('mfu')) / 100;
  const targetLoss = Number(val('target-loss'));
  const infTok = val('inference-tokens').trim() === '' ? 0 : readQuantity(val('inference-tokens'));
  const infMfu = Number(val('inference-mfu')) / 100;
  const unique = val('unique-tokens').trim() === '' ? 0 : readQuantity(val('unique-tokens'));
  let bad = false;
  bad = invalid('compute', mode === 'flops' && !(compute !== null && compute > 0)) || bad;
  bad = invalid('gpu-count', mode === 'gpus' && !(Number.isInteger(count) && count > 0)) || bad;
  bad = invalid('hours', mode === 'gpus' && !(hours > 0)) || bad;
  bad = invalid('mfu', mode === 'gpus' && !(mfu > 0 && mfu <= 1)) || bad;
  bad = invalid('target-loss', mode === 'loss' && !(targetLoss > 0 && targetLoss < 100)) || bad;
  bad = invalid('inference-tokens', infTok === null || infTok < 0) || bad;
  bad = invalid('inference-mfu', !(infMfu > 0 && infMfu <= 1)) || bad;
  bad = invalid('unique-tokens', unique === null || unique < 0) || bad;
  if (bad) {
    byId('status').textContent = 'Fix the highlighted field.';
    return null;
  }
  const laws = [...document.querySelectorAll<HTMLInputElement>('input[name=law]:checked')].map((c) => c.value);
  const next: PlannerInput = {
    mode,
    compute: compute !== null && compute > 0 ? compute : prev.compute,
    gpus: {
      count: Number.isInteger(count) && count > 0 ? count : prev.gpus.count,
      gpu: val('gpu'),
      dtype: val('dtype'),
      hours: hours > 0 ? hours : prev.gpus.hours,
      mfu: mfu > 0 && mfu <= 1 ? mfu : prev.gpus.mfu,
    },
    targetLoss: targetLoss > 0 && targetLoss < 100 ? targetLoss : prev.targetLoss,
    inferenceTokens: infTok ?? 0,
    inferenceMfu: infMfu,
    uniqueTokens: unique ?? 0,
    language: val('language'),
    laws: laws.filter((id) => init.laws.some((l) => l.id === id)),
    contourLaw: val('contour-law'),
  };
  Object.assign(prev, next);
  return next;
}

const DETAIL_CODES = new Set(['method', 'setup', 'conventions', 'caveat', 'loss-not-comparable', 'compute-units', 'fitted-range', 'borrowed-repetition-constants']);
const dash = '—';
const fmt = (x: number | null, f: (v: number) => string) => (x === null || !Number.isFinite(x) ? dash : f(x));

function renderView(view: PlannerView, init: Init, plots: { nd: Plot; tpp: Plot }): void {
  byId('status').textContent = '';
  byId('compute-source').textContent = view.computeSource;
  replace(byId('input-notes'), view.notes.length ? noteList(view.notes) : null);

  const cols = ['Law', 'N* (params)', 'D* (tokens)', 'L̂', 'tokens/param', 'compute (FLOPs)', 'paper'];
  const head = h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { scope: 'col' }, c))));
  // data-label: the column name each cell shows beside its value when narrow panels stack the table.
  const cell = (i: number, text: string | Node, cls = 'num') => h('td', { class: cls, 'data-label': cols[i] }, text);
  const body = h('tbody', {},
    view.consensus ? consensusRow(view.consensus, cell) : null,
    ...view.rows.map((r) => h('tr', { 'data-law': r.lawId, class: r.relevant ? 'relevant' : undefined },
      h('th', { scope: 'row', title: r.method },
        h('span', { class: 'swatch', 'data-law': r.lawId, 'aria-hidden': 'true' }), r.lawName,
        r.relevant ? h('span', { class: 'tag relevant-tag', title: view.consensus?.relevant.reason ?? '' }, 'most relevant') : null,
        h('span', { class: 'badges' }, ...r.badges.map((b) => h('span', {
          class: `tag badge-${b.severity}`, 'data-kind': b.kind, title: b.tooltip, 'aria-label': `${b.label}: ${b.tooltip}`,
        }, b.severity === 'warning' ? `⚠ ${b.label}` : b.label)))),
      cell(1, fmt(r.N, formatCount)),
      cell(2, fmt(r.D, formatCount)),
      cell(3, fmt(r.loss, (x) => formatNum(x, 4))),
      cell(4, fmt(r.tokensPerParam, (x) => formatNum(x, 3))),
      cell(5, computeCell(r)),
      cell(6, paperLink(r.citationUrl, r.citationLabel), 'paper'))));
  replace(byId('plan-table'), h('caption', { class: 'visually-hidden' }, 'Compute-optimal allocation per law, with the consensus first'), head, body);
  colorSwatches();
  const c = view.consensus;
  replace(byId('consensus-rule'), c
    ? `Consensus: ${c.rule} (${c.laws.length === 1 ? '1 law' : `${c.laws.length} laws`}). Most relevant here: ${c.relevant.lawName} — ${c.relevant.reason}.`
    : view.compute === null ? 'No consensus for a target loss: losses are in each paper’s own units.' : '');
  // Language auto-include (host side) shows in the form too.
  for (const box of document.querySelectorAll<HTMLInputElement>('input[name=law]')) box.checked = view.input.laws.includes(box.value);
  plots.tpp.setMarks({ x: view.compute !== null ? [view.compute] : [] });

  plots.nd.update(view.nd);
  plots.tpp.update(view.tpp);

  const lawName = new Map(init.laws.map((l) => [l.id, l.name]));
  // Per law: what needs attention (warnings, ranges, inference cost) up front; the paper's setup,
  // conventions and caveats one click away.
  replace(byId('guidance'), ...view.guidance.map((g) => {
    const detail = g.notes.filter((n) => n.severity === 'info' && DETAIL_CODES.has(n.code));
    const main = g.notes.filter((n) => !detail.includes(n));
    return h('section', { class: 'guidance', 'data-law': g.lawId },
      h('h3', {}, lawName.get(g.lawId) ?? g.lawName), noteList(main),
      detail.length ? h('details', {}, h('summary', {}, 'Paper’s setup, conventions and caveats'), noteList(detail)) : null);
  }));
}

/** The first row: the middle and range of N*, D* and tokens/param across the laws the rule counts. */
function consensusRow(c: PlannerConsensus, cell: (i: number, text: string | Node, cls?: string) => HTMLElement): HTMLElement {
  const range = (x: { low: number; mid: number; high: number }, f: (v: number) => string) =>
    h('span', {}, h('strong', {}, f(x.mid)), x.low === x.high ? '' : h('span', { class: 'range' }, ` ${f(x.low)}–${f(x.high)}`));
  return h('tr', { class: 'consensus', 'data-law': 'consensus' },
    h('th', { scope: 'row', title: c.rule }, 'Consensus ', h('span', { class: 'hint' }, `(median, range of ${c.laws.length})`)),
    cell(1, range(c.N, formatCount)),
    cell(2, range(c.D, formatCount)),
    cell(3, '—'),
    cell(4, range(c.tokensPerParam, (x) => formatNum(x, 3))),
    cell(5, ''),
    cell(6, `see ${c.relevant.lawName.split(' (')[0]}`, 'paper'));
}

/** Compute, and when it differs from the budget (inference-aware, data-saturated) by how much and why. */
function computeCell(r: PlannerRow): HTMLElement {
  const wrap = h('span', {}, fmt(r.compute, formatSci));
  if (r.computeDelta !== null) {
    const pct = formatDelta(r.computeDelta);
    wrap.append(' ', h('span', { class: 'tag badge-info delta', title: r.computeNote ?? '', 'aria-label': `${pct} vs the budget: ${r.computeNote ?? ''}` }, `${pct} vs budget`));
  }
  return wrap;
}

export function paperLink(url: string, label: string): HTMLElement {
  const a = h('a', { href: url, title: url }, label);
  a.addEventListener('click', (e) => {
    e.preventDefault();
    post({ type: 'openLink', url });
  });
  return a;
}

/** Table swatches take the law's plot colour (set through CSSOM, allowed by the CSP). */
export function colorSwatches(): void {
  document.querySelectorAll<HTMLElement>('.swatch[data-law]').forEach((el) => {
    el.style.backgroundColor = colorFor(el.dataset.law ?? null);
  });
}

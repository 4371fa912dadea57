/**
 * The fit panel's data and option controls beyond the basic form (webview/fit.ts): column role pickers
 * pre-filled from what the fit detected (a change refits), keep best|mean|all for repeated runs, drop warm-up,
 * drop the K highest-loss rows, budget C, unique tokens U, CV folds / leave-one-out, further fixed parameters,
 * and Follow (refit as the logs are written) with the runs' planned final tokens. The "what was read" block
 * (columns used, the repeated-runs note, each run's predicted final loss) sits near the top of the panel.
 * Everything from the file (headers, run names) is set as text.
 */
import { formatCount, formatNum } from '../src/core/format';
import { FIT_COLUMN_ROLES, type FitColumnRole, type FitDataInfo, type FitPanelOptions } from '../src/shared/protocol';
import { byId, field, h, replace } from './dom';
import { markInvalid } from './filePage';
import { cvFolds, DEFAULT_CV_FOLDS, DEFAULT_DROP_HIGHEST_LOSS, DEFAULT_DROP_WARMUP, LOO_AUTO_MAX, looRuns } from '../src/core/fit/defaults';

type Extra = Omit<FitPanelOptions, 'form' | 'fixE' | 'tieExponents' | 'huberDelta' | 'dropRows' | 'bootstrap'>;

const ROLE_LABELS: Record<FitColumnRole, string> = { N: 'N (parameters)', D: 'D (tokens)', C: 'C (compute)', U: 'U (unique tokens)', loss: 'loss', run: 'run', step: 'step', tokens: 'tokens (logs)' };

const numOrNull = (s: string): number | null | 'bad' => {
  const t = s.trim();
  if (!t) return null;
  const x = Number(t);
  return Number.isFinite(x) && x > 0 ? x : 'bad';
};

/**
 * Whether any of the extra options differs from its default: "More options" then opens by itself. Closed, the
 * fitted law sits near the top of the panel: open, the ten fields put it below the first screen of a panel
 * beside the editor (~500 px wide).
 */
function extrasSet(o: FitPanelOptions): boolean {
  return o.keep !== undefined || (o.dropWarmup ?? DEFAULT_DROP_WARMUP) !== DEFAULT_DROP_WARMUP || (o.dropHighestLoss ?? DEFAULT_DROP_HIGHEST_LOSS) !== DEFAULT_DROP_HIGHEST_LOSS
    || !!o.compute || !!o.unique || cvFolds(o.cv) !== DEFAULT_CV_FOLDS || o.loo !== undefined || !!o.fix || !!o.follow || !!o.finalTokens;
}

/** The extra option controls: the element, a validating reader, and `rowsKnown` for the automatic leave-one-out. */
export interface ExtraControls {
  element: HTMLElement;
  read: () => Extra | null;
  /** The rows of the last fit: an untouched Leave-one-out box shows what the automatic rule did with them. */
  rowsKnown: (rows: number) => void;
}

/**
 * The extra option fields (inside the fit form) and a reader that validates them. Two defaults are rules, not
 * values (core/fit/defaults.ts): which repeated run to keep ("auto": the mean across seeds, else the best) and
 * leave-one-out (on up to LOO_AUTO_MAX rows). The reader leaves them out until the user sets them, so a re-fit
 * (another form, say) keeps the rule — it used to send the box's "on" and "best", which forced thousands of
 * leave-one-out refits on a large table and turned a seed average into a best-of.
 */
export function extraControls(o: FitPanelOptions, refit: () => void): ExtraControls {
  const keep = h('select', { id: 'keep', 'aria-label': 'Repeated runs: keep' },
    h('option', { value: '', selected: o.keep === undefined, title: 'the mean across seeds when the repeats differ by seed, else the best' }, 'auto'),
    ...(['best', 'mean', 'all'] as const).map((k) => h('option', { value: k, selected: o.keep === k }, k)));
  const follow = h('input', { id: 'follow', type: 'checkbox', checked: !!o.follow });
  // Unset, the label says the rule (for every reader, not only on hover); the box shows what it did.
  const loo = h('input', { id: 'loo', type: 'checkbox', checked: o.loo ?? true });
  const looLabel = h('label', { for: 'loo' }, o.loo === undefined ? `Leave-one-out (auto: up to ${LOO_AUTO_MAX} rows)` : 'Leave-one-out');
  let looSet = o.loo !== undefined;
  loo.addEventListener('change', () => {
    looSet = true;
    looLabel.textContent = 'Leave-one-out';
  });
  keep.addEventListener('change', refit);
  follow.addEventListener('change', refit);
  const element = h('details', { class: 'more-options', open: extrasSet(o) },
    h('summary', {}, 'More options'),
    h('div', { class: 'form toolbar' },
      field('Repeated runs: keep', keep),
      field('Drop warm-up (fraction)', h('input', { id: 'drop-warmup', type: 'number', step: 0.05, min: 0, max: 0.95, value: o.dropWarmup ?? DEFAULT_DROP_WARMUP })),
      field('Drop highest-loss K', h('input', { id: 'drop-k', type: 'number', step: 1, min: 0, value: o.dropHighestLoss ?? DEFAULT_DROP_HIGHEST_LOSS })),
      field('Budget C (FLOP)', h('input', { id: 'budget-c', type: 'text', value: o.compute ?? '', placeholder: '10× largest run', spellcheck: 'false' })),
      field('Unique tokens U', h('input', { id: 'unique-u', type: 'text', value: o.unique ?? '', placeholder: 'from the table', spellcheck: 'false' })),
      field('CV folds', h('input', { id: 'cv', type: 'number', step: 1, min: 0, max: 100, value: cvFolds(o.cv) })),
      h('div', { class: 'field inline' }, loo, looLabel),
      field('Fix parameters', h('input', { id: 'fix', type: 'text', value: o.fix ?? '', placeholder: 'e.g. alpha=0.34, B=410', spellcheck: 'false' })),
      h('div', { class: 'field inline' }, follow, h('label', { for: 'follow' }, 'Follow (refit as the logs grow)')),
      field('Planned final tokens', h('input', { id: 'final-tokens', type: 'text', value: o.finalTokens ?? '', placeholder: 'from each log’s config', spellcheck: 'false' }))));
  const read = (): Extra | null => {
    const v = (id: string) => byId<HTMLInputElement>(id).value;
    const warm = Number(v('drop-warmup'));
    const k = Number(v('drop-k'));
    const cv = Number(v('cv'));
    const C = numOrNull(v('budget-c'));
    const U = numOrNull(v('unique-u'));
    const F = numOrNull(v('final-tokens'));
    const bad: Record<string, boolean> = {
      'drop-warmup': !(warm >= 0 && warm < 1), 'drop-k': !(Number.isInteger(k) && k >= 0), cv: !(Number.isInteger(cv) && (cv === 0 || (cv >= 2 && cv <= 100))),
      'budget-c': C === 'bad', 'unique-u': U === 'bad', 'final-tokens': F === 'bad', fix: !/^\s*(\w+\s*=\s*[-+]?[\d.]+(e[-+]?\d+)?\s*(,\s*|$))*$/i.test(v('fix')),
    };
    if (!markInvalid(bad)) return null;
    const columns: Partial<Record<FitColumnRole, string>> = {};
    for (const r of FIT_COLUMN_ROLES) {
      const sel = document.getElementById(`col-${r}`) as HTMLSelectElement | null;
      if (sel?.value) columns[r] = sel.value;
    }
    return {
      columns, ...(keep.value ? { keep: keep.value as Extra['keep'] } : {}), dropWarmup: warm, dropHighestLoss: k, compute: C as number | null, unique: U as number | null,
      cv, ...(looSet ? { loo: loo.checked } : {}), fix: v('fix').trim(), follow: follow.checked, finalTokens: F as number | null,
    };
  };
  const rowsKnown = (rows: number) => {
    if (!looSet) loo.checked = looRuns(undefined, rows);
  };
  return { element, read, rowsKnown };
}

/** The "what was read" block near the top: columns with pickers, the repeated-runs note, runs' predictions. */
export function dataSection(): HTMLElement {
  return h('section', { id: 'fit-data', class: 'fit-data', hidden: true, 'aria-label': 'Data read' },
    h('p', { id: 'columns-used' }), h('p', { id: 'repeated-note', class: 'note warning', hidden: true }),
    h('div', { id: 'column-pickers', class: 'form toolbar' }), h('ul', { id: 'run-predictions' }));
}

/** Fill the data block; `chosen` is the user's current choice per role, `refit` runs when a picker changes. */
export function renderData(d: FitDataInfo | undefined, chosen: FitPanelOptions['columns'], refit: () => void): void {
  const box = byId('fit-data');
  box.hidden = !d;
  if (!d) return;
  const used = (Object.entries(d.used) as Array<[FitColumnRole, string]>).map(([k, v]) => `${k} ← '${v}'`).join(', ');
  byId('columns-used').textContent = `Columns used (${d.kind === 'logs' ? 'training logs' : 'runs table'}): ${used || '—'}`;
  const rep = byId('repeated-note');
  rep.hidden = !d.repeated;
  rep.textContent = d.repeated ? d.repeated.note : '';
  const roles = FIT_COLUMN_ROLES.filter((r) => (d.kind === 'logs' ? ['N', 'D', 'loss', 'run', 'step', 'tokens'] : ['N', 'D', 'C', 'U', 'loss']).includes(r));
  replace(byId('column-pickers'), ...roles.map((r) => {
    const sel = h('select', { id: `col-${r}` },
      h('option', { value: '', selected: !chosen?.[r] }, `detected${d.used[r] ? `: ${d.used[r]}` : ''}`),
      ...d.headers.map((hd) => h('option', { value: hd, selected: chosen?.[r] === hd }, hd)));
    sel.addEventListener('change', refit);
    return field(ROLE_LABELS[r], sel);
  }));
  replace(byId('run-predictions'), ...d.runs.filter((r) => r.plannedTokens !== null).slice(0, 20).map((r) =>
    h('li', { 'data-run': r.run }, `${r.run}: loss ${formatNum(r.loss, 4)} at ${formatCount(r.tokens)} tokens; predicted final loss ${r.predictedFinal === null ? '—' : formatNum(r.predictedFinal, 4)} at ${formatCount(r.plannedTokens!)} tokens (${r.plannedHow})${d.following ? ' · following' : ''}`)));
}

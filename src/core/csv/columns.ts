/**
 * Which CSV header plays which role. Run tables come from many codebases (Epoch's Chinchilla extraction
 * uses "Model Size" and "Training FLOP", datablations "params_N" and "val_loss_c4", most notebooks "N", "D",
 * "loss"), so headers are normalised (lower case, runs of non-alphanumerics → "_") and matched against alias
 * lists in priority order.
 */

export type Role = 'N' | 'D' | 'loss' | 'C' | 'U';
export const ROLES: Role[] = ['N', 'D', 'loss', 'C', 'U'];

export const ROLE_LABEL: Record<Role, string> = {
  N: 'N (parameters)',
  D: 'D (training tokens)',
  loss: 'loss',
  C: 'C (training compute, FLOP)',
  U: 'U (unique tokens)',
};

/** Normalised aliases, highest priority first. */
export const ALIASES: Record<Role, string[]> = {
  N: ['n', 'params', 'n_params', 'num_params', 'nparams', 'parameters', 'n_parameters', 'num_parameters', 'model_size', 'params_n', 'model_params', 'size'],
  D: ['d', 'tokens', 'n_tokens', 'num_tokens', 'ntokens', 'training_tokens', 'train_tokens', 'tokens_d', 'data', 'dataset_size'],
  loss: ['loss', 'l', 'val_loss', 'final_loss', 'eval_loss', 'valid_loss', 'validation_loss', 'test_loss', 'train_loss', 'training_loss'],
  // Budget headers last: a nominal IsoFLOP budget (Llama 3's compute_budget) stands in for C only when no
  // column holds the run's own compute; with both present the budget column stays an extra (sweep grouping).
  C: ['c', 'compute', 'flops', 'flop', 'training_flop', 'training_flops', 'train_flops', 'compute_flops', 'c_flops',
    'compute_budget', 'flop_budget', 'isoflop_budget', 'budget_flops', 'budget'],
  U: ['u', 'unique_tokens', 'unique', 'unique_tokens_u', 'u_d', 'n_unique_tokens', 'unique_data'],
};

/** Fallback patterns when no alias matches exactly, used only if exactly one header matches. */
const PATTERNS: Partial<Record<Role, RegExp>> = {
  loss: /(^|_)loss(_|$)/,
  U: /(^|_)unique(_|$)/,
};

export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

export interface RoleMatch {
  index: number;
  /** Other headers that could also have played this role (reported as a note). */
  alternatives: string[];
}

/**
 * Find the header index for a role, or null. `taken` are indices already assigned to other roles.
 * index −1 with `alternatives` means several headers match loosely and none exactly (ambiguous).
 */
export function matchRole(role: Role, headers: string[], taken: Set<number>): RoleMatch | null {
  const norm = headers.map(normaliseHeader);
  const hits: number[] = [];
  for (const alias of ALIASES[role]) {
    norm.forEach((h, i) => {
      if (h === alias && !taken.has(i) && !hits.includes(i)) hits.push(i);
    });
  }
  if (hits.length > 0) return { index: hits[0], alternatives: hits.slice(1).map((i) => headers[i]) };
  const re = PATTERNS[role];
  if (!re) return null;
  const loose = norm.map((h, i) => (re.test(h) && !taken.has(i) ? i : -1)).filter((i) => i >= 0);
  if (loose.length === 0) return null;
  // Several loose matches (e.g. train_loss_x and val_loss_y): index −1 = ambiguous, the caller asks the user.
  return { index: loose.length === 1 ? loose[0] : -1, alternatives: loose.length === 1 ? [] : loose.map((i) => headers[i]) };
}

/** Headers accepted as a role only loosely: the name alone does not say what the numbers mean. */
const AMBIGUOUS: Partial<Record<Role, string[]>> = { D: ['data', 'dataset_size'], N: ['size'], C: ['budget'] };

/**
 * Columns whose values contradict their role, with the likely fix: FLOPs or token counts below 1e3 are almost
 * surely log10 values (OPT's trajectory file stores log10 FLOPs and tokens), parameter counts below 1e4 are
 * counts in millions or billions; and an ambiguous header (e.g. `data`) taken as a role is said so. The typical
 * (median) value decides, on an evenly spaced sample of at most 10,001 rows.
 */
export function columnMeaningWarnings(
  columns: Partial<Record<Role, string>>,
  rows: ReadonlyArray<{ N: number; D: number; C?: number; U?: number }>,
): string[] {
  const out: string[] = [];
  const step = Math.max(1, Math.floor(rows.length / 10000));
  const typical = (get: (r: { N: number; D: number; C?: number; U?: number }) => number | undefined): number => {
    const xs: number[] = [];
    for (let i = 0; i < rows.length; i += step) {
      const v = get(rows[i]);
      if (v !== undefined) xs.push(v);
    }
    xs.sort((a, b) => a - b);
    return xs.length ? xs[xs.length >> 1] : NaN;
  };
  const checks: Array<[Role, number, (r: { N: number; D: number; C?: number; U?: number }) => number | undefined, string]> = [
    ['C', 1e3, (r) => r.C, 'FLOPs below 1e3 are almost surely log10 values: convert them with 10^x (e.g. 21.3 → 2e21) before fitting'],
    ['D', 1e3, (r) => r.D, 'token counts below 1e3 are almost surely log10 values: convert them with 10^x, or write 1.3B / 1.3e9'],
    ['U', 1e3, (r) => r.U, 'unique-token counts below 1e3 are almost surely log10 values: convert them with 10^x'],
    ['N', 1e4, (r) => r.N, 'parameter counts below 1e4 are probably in millions or billions: write 350M / 1.3B or the full count'],
  ];
  for (const [role, floor, get, fix] of checks) {
    const name = columns[role];
    if (name === undefined) continue;
    const m = typical(get);
    if (m < floor) out.push(`column '${name}' read as ${ROLE_LABEL[role]} has typical value ${m.toPrecision(3)}: ${fix}`);
  }
  for (const [role, names] of Object.entries(AMBIGUOUS) as Array<[Role, string[]]>) {
    const name = columns[role];
    if (name !== undefined && names.includes(normaliseHeader(name))) {
      out.push(`column '${name}' was taken as ${ROLE_LABEL[role]} from its name alone, which is ambiguous: if it is not that, choose the column with --column ${role}=<header>`);
    }
  }
  return out;
}

/**
 * Extra roles of training logs (src/core/logs): which run a row belongs to, the optimizer step, the learning
 * rate, and a perplexity column read as loss = ln(ppl). Normalised aliases, highest priority first; TensorBoard
 * tags and W&B keys normalise the same way ("val/loss" → val_loss, "trainer/global_step" → trainer_global_step).
 */
export type LogRole = 'run' | 'step' | 'tokens' | 'lr' | 'ppl';
export const LOG_ALIASES: Record<LogRole, string[]> = {
  run: ['run', 'run_name', 'run_id', 'name', 'model_name', 'model', 'checkpoint', 'experiment', 'exp_name'],
  step: ['step', 'steps', '_step', 'global_step', 'trainer_global_step', 'iteration', 'iter', 'current_steps', 'train_step', 'optimizer_step'],
  tokens: ['tokens', 'token_num', 'tokens_seen', 'num_tokens', 'n_tokens', 'ntokens', 'consumed_tokens', 'train_tokens_seen', 'tokens_processed', 'd'],
  lr: ['lr', 'learning_rate', 'train_lr', 'train_learning_rate', 'optimizer_lr', 'lr_0', 'lr_group_0', 'learning_rate_0'],
  ppl: ['ppl', 'perplexity', 'val_ppl', 'val_perplexity', 'eval_ppl', 'eval_perplexity', 'valid_ppl'],
};

/** The first header (index) whose normalised form is an alias of `role`, skipping `taken`; −1 if none. */
export function matchLogRole(role: LogRole, headers: string[], taken: Set<number> = new Set()): number {
  const norm = headers.map(normaliseHeader);
  for (const alias of LOG_ALIASES[role]) {
    const i = norm.findIndex((h, j) => h === alias && !taken.has(j));
    if (i >= 0) return i;
  }
  return -1;
}

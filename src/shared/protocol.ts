/**
 * The typed host ↔ webview protocol for the Scaling Laws panels (planner, fit; more views can be added by
 * extending `ViewKind` and the unions). Host → webview messages carry view models the webview only renders
 * (numbers, not formatted strings: the webview formats them with src/core/format.ts). Webview → host
 * messages are untrusted and go through `parseWebviewMessage` before the host acts on them.
 */
import { arr, bool, type Check, literal, nullable, num, obj, oneOf, optional, str, union } from './validate';

export const VIEW_KINDS = ['planner', 'fit', 'isoflop'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

import type { Severity } from '../core/diagnostic';

export type { Severity };

/** One line of guidance / recommendation / warning. `code` is stable for tests and filtering. */
export interface Note {
  severity: Severity;
  code: string;
  text: string;
}

/** A plotted series. Colours are assigned in the webview from the theme, keyed by `lawId`. */
export interface Series {
  id: string;
  label: string;
  /** Law (or 'fit' for the user's fitted law) the series belongs to; null = neutral (e.g. C = 6ND). */
  lawId: string | null;
  style: 'line' | 'dashed' | 'dotted' | 'points' | 'marker';
  points: Array<[number, number]>;
}

// ───────────────────────────── planner ─────────────────────────────

export const BUDGET_MODES = ['flops', 'gpus', 'loss'] as const;
export type BudgetMode = (typeof BUDGET_MODES)[number];

export interface GpuBudget {
  count: number;
  gpu: string;
  dtype: string;
  hours: number;
  /** Model FLOPs utilisation as a fraction (0.4 = 40 %). */
  mfu: number;
}

export interface PlannerInput {
  mode: BudgetMode;
  /** Training compute in FLOPs (mode 'flops'). */
  compute: number;
  /** GPU shortcut (mode 'gpus'): compute = count × peak × MFU × hours × 3600. */
  gpus: GpuBudget;
  /** Target loss (mode 'loss'), in the selected law's units. */
  targetLoss: number;
  /** Lifetime inference tokens (0 = training cost only). */
  inferenceTokens: number;
  /** Inference MFU as a fraction (decode is often ~0.01, prefill ~0.5). */
  inferenceMfu: number;
  /** Unique training tokens available (0 = unlimited). */
  uniqueTokens: number;
  language: string;
  /** Law ids to show. */
  laws: string[];
  /** Law whose iso-loss contours are drawn on the N–D plot ('' = first selected law). */
  contourLaw: string;
}

export interface PlannerRow {
  lawId: string;
  lawName: string;
  N: number | null;
  D: number | null;
  loss: number | null;
  tokensPerParam: number | null;
  compute: number | null;
  method: string;
  citationUrl: string;
  citationLabel: string;
  provisional: boolean;
  /** Warnings at a glance: short labels, the full text as a tooltip. */
  badges: RowBadge[];
  /** Row compute ÷ the budget − 1 when they differ (inference-aware, data-saturated rows); else null. */
  computeDelta: number | null;
  /** Why the row's compute differs from the budget (shown beside the difference). */
  computeNote: string | null;
  /** The law the consensus calls most relevant to this budget, data cap and language. */
  relevant: boolean;
}

export interface RowBadge {
  kind: 'extrapolation' | 'convention' | 'provisional' | 'historical' | 'inference' | 'data' | 'language' | 'refused';
  severity: Severity;
  label: string;
  tooltip: string;
}

/** One recommendation across the laws that apply (src/core/allocation/consensus.ts). */
export interface PlannerConsensus {
  N: { low: number; mid: number; high: number };
  D: { low: number; mid: number; high: number };
  tokensPerParam: { low: number; mid: number; high: number };
  laws: string[];
  rule: string;
  relevant: { law: string; lawName: string; reason: string };
}

export interface LawGuidance {
  lawId: string;
  lawName: string;
  notes: Note[];
}

export interface PlannerView {
  input: PlannerInput;
  /** Training compute the rows were computed for (null in target-loss mode). */
  compute: number | null;
  /** How `compute` was obtained ("6.0e23 FLOPs entered", "512 × H100 BF16 …"). */
  computeSource: string;
  rows: PlannerRow[];
  /** The consensus row (null when no row can give one, e.g. target-loss mode). */
  consensus: PlannerConsensus | null;
  guidance: LawGuidance[];
  /** Plot 1: N (y) vs D (x), log-log. */
  nd: Series[];
  /** Plot 2: tokens per parameter (y) vs compute (x). */
  tpp: Series[];
  /** Problems with the input as a whole (e.g. no law selected). */
  notes: Note[];
}

export interface LawOption {
  id: string;
  name: string;
  url: string;
  provisional: boolean;
}

export interface LanguageOption {
  id: string;
  label: string;
}

export interface GpuOption {
  id: string;
  label: string;
  dtypes: string[];
}

// ───────────────────────────── fit ─────────────────────────────

export interface FitPanelOptions {
  form: string;
  /** Fix the irreducible loss E to this value (null = fit it). */
  fixE: number | null;
  /** Tie α = β. */
  tieExponents: boolean;
  /** Huber δ on log-loss residuals (Hoffmann et al. 2022 use 1e-3). */
  huberDelta: number;
  /** CSV line numbers to leave out, as typed: "12, 15-18". */
  dropRows: string;
  /** Bootstrap resamples for parameter intervals (0 = none). */
  bootstrap: number;
  /** Column per role chosen by the user (absent or '' = detected). Roles: FIT_COLUMN_ROLES. */
  columns?: Partial<Record<FitColumnRole, string>>;
  /** Runs repeating the same (N, D) across a column (peak lr, seed): keep the best, the mean, or all. */
  keep?: 'best' | 'mean' | 'all';
  /** Logs: drop checkpoints below this fraction of each run's final tokens (default 0.1). */
  dropWarmup?: number;
  /** Drop the K highest-loss rows first (0 = none). */
  dropHighestLoss?: number;
  /** Budget C (FLOP) for the compute-optimal allocation (null = 10× the largest run). */
  compute?: number | null;
  /** Unique tokens U for the data-constrained allocation (null = from the table). */
  unique?: number | null;
  /** k-fold cross-validation folds (0 = off). */
  cv?: number;
  /** Leave-one-out CV. */
  loo?: boolean;
  /** Further fixed parameters, as typed: "alpha=0.34, B=410" (E has its own field). */
  fix?: string;
  /** Follow the logs: refit when they change. */
  follow?: boolean;
  /** Logs: planned final tokens of the runs being followed (null = from each log's config). */
  finalTokens?: number | null;
}

/** Roles the panel's column pickers offer: a runs table's N, D, C, U, loss; a log's run, step, tokens. */
export const FIT_COLUMN_ROLES = ['N', 'D', 'C', 'U', 'loss', 'run', 'step', 'tokens'] as const;
export type FitColumnRole = (typeof FIT_COLUMN_ROLES)[number];

/** What the fit read, shown at the top of the panel (user text: rendered as text only). */
export interface FitDataInfo {
  kind: 'runs' | 'logs';
  /** Every header seen: the column pickers' choices. */
  headers: string[];
  /** Header used per role (detected or chosen). */
  used: Partial<Record<FitColumnRole, string>>;
  /** Repeated (N, D) runs: the column that varies, the number of repeated points, and what was kept. */
  repeated: { column: string | null; groups: number; kept: 'best' | 'mean' | 'all'; note: string } | null;
  /** Logs: one line per run with its predicted final loss (the fitted law at its planned final tokens). */
  runs: Array<{ run: string; N: number; tokens: number; loss: number; plannedTokens: number | null; plannedHow: string; predictedFinal: number | null }>;
  /** Whether the panel is following its files. */
  following: boolean;
}

export interface FormOption {
  id: string;
  label: string;
  description: string;
}

export interface FitParamRow {
  name: string;
  value: number;
  stderr: number | null;
  lo: number | null;
  hi: number | null;
  /** False when the interval is so wide (or the SE so large) that the data does not pin it down. */
  identified: boolean;
}

export interface FitMetric {
  id: 'r2' | 'r2Log' | 'rmse' | 'cv' | 'loo';
  label: string;
  value: number | null;
}

export interface FitPoint {
  line: number;
  N: number;
  D: number;
  loss: number;
  predicted: number;
}

export interface FitView {
  fileName: string;
  form: string;
  formLabel: string;
  formula: string;
  latex: string;
  params: FitParamRow[];
  metrics: FitMetric[];
  rowsUsed: number;
  rowsTotal: number;
  points: FitPoint[];
  /** Loss vs N grouped by D (or vs compute): data points and the fitted curves. */
  lossCurves: Series[];
  lossAxis: 'N' | 'C';
  /** The fitted law's compute-optimal N–D line beside the published laws. */
  nd: Series[];
  /** Tokens per parameter vs compute, fitted and published. */
  tpp: Series[];
  recommendations: Note[];
  /** Which CSV columns were read as what, and which were ignored (user text: rendered as text only). */
  columns: string;
  provenance: string;
  elapsedMs: number;
  /** Set on the early view of a progressive fit: what is still being computed (e.g. the bootstrap intervals). */
  pending?: string;
  /** What was read and how (columns, repeats, runs): set by the host after the view is built. */
  data?: FitDataInfo;
}

// ───────────────────────────── isoflop ─────────────────────────────

/** Options of the IsoFLOP analysis the user can change in the panel. */
export interface IsoflopPanelOptions {
  /** Fit each parabola to the lowest-loss run and this many neighbours on each side (null = all runs). */
  window: number | null;
  /** Exclude budgets with < 3 runs or no interior minimum (with a note) instead of refusing. */
  skipBadBudgets: boolean;
  /** Relative compute gap that separates two budgets (0.1 = runs within 10 % form one budget). */
  groupTolerance: number;
  /** Also fit L = E + A/N^α + B/D^β to the same runs (Approach 3) and compare its implied exponent. */
  joint: boolean;
}

export interface IsoflopMinimum {
  compute: number;
  /** Runs the parabola was fitted to (inside the window). */
  runsUsed: number;
  runsTotal: number;
  N: number;
  D: number;
  loss: number;
  NInterval: [number, number] | null;
  DInterval: [number, number] | null;
}

/** y*(C) = k·C^exponent fitted through the minima. */
export interface IsoflopFrontier {
  k: number;
  exponent: number;
  interval: [number, number] | null;
  r2: number;
}

export interface IsoflopJointView {
  alpha: number;
  beta: number;
  E: number;
  A: number;
  B: number;
  /** Implied a = β/(α+β) and b = α/(α+β). */
  a: number;
  b: number;
  /** Whether a lies inside the IsoFLOP exponent's interval (null: no interval). */
  agrees: boolean | null;
  comparison: string;
}

export interface IsoflopView {
  fileName: string;
  confidence: number;
  /** How runs were grouped into budgets, in one sentence. */
  grouping: string;
  minima: IsoflopMinimum[];
  nFrontier: IsoflopFrontier;
  dFrontier: IsoflopFrontier;
  joint: IsoflopJointView | null;
  /** Loss vs N per budget: runs, fitted parabolas, minima with their N intervals. */
  curves: Series[];
  /** N* and D* vs C: minima with intervals, the fitted power laws, the joint fit and published laws. */
  frontier: Series[];
  notes: Note[];
}

// ───────────────────────────── messages ─────────────────────────────

export type HostMessage =
  | { type: 'plannerInit'; laws: LawOption[]; gpus: GpuOption[]; languages: LanguageOption[]; input: PlannerInput }
  | { type: 'plannerView'; seq: number; view: PlannerView }
  /** Replace the form's values (restore, tests, "plan this fit" links); the page then posts plannerInput. */
  | { type: 'plannerSetInput'; input: PlannerInput }
  | { type: 'fitInit'; uri: string; fileName: string; forms: FormOption[]; options: FitPanelOptions }
  | { type: 'fitRunning'; runId: number }
  | { type: 'fitProgress'; runId: number; fraction: number; message: string }
  | { type: 'fitView'; runId: number; view: FitView }
  | { type: 'fitError'; runId: number; title: string; message: string }
  | { type: 'fitCancelled'; runId: number }
  | { type: 'isoflopInit'; uri: string; fileName: string; options: IsoflopPanelOptions }
  | { type: 'isoflopRunning'; runId: number }
  | { type: 'isoflopView'; runId: number; view: IsoflopView }
  | { type: 'isoflopError'; runId: number; title: string; message: string }
  /** A request the page answers once (see PAGE_REQUESTS and src/shared/pageRequests.ts). */
  | { type: 'collectPngs'; requestId: number }
  /**
   * Several messages the page handles in order within one task, so it lays out and paints once: a panel's
   * init and its run's state and view, sent when the page says it is ready (each message is a task of its own
   * otherwise, and the browser may lay out and paint the half-built page between them). A page skips a batch
   * whose `id` equals the last one it handled: the host may send the same state before and after 'ready'.
   */
  | { type: 'batch'; id: string; messages: HostMessage[] };

export interface ChartPng {
  name: string;
  dataUrl: string;
}

export type WebviewMessage =
  | { type: 'ready'; view: ViewKind }
  | { type: 'plannerInput'; seq: number; input: PlannerInput }
  | { type: 'refit'; options: FitPanelOptions }
  | { type: 'isoflopOptions'; options: IsoflopPanelOptions }
  | { type: 'cancelFit' }
  | { type: 'copyFormula'; format: 'text' | 'latex' }
  | { type: 'export'; format: ExportFormat }
  | { type: 'pngs'; requestId: number; charts: ChartPng[] }
  /** The page could not answer request `requestId` (the host rejects it with a typed PageRequestError). */
  | { type: 'requestFailed'; requestId: number; message: string }
  | { type: 'openLink'; url: string }
  /** What is in the window is painted; plots below it are still being drawn ('rendered' follows). */
  | { type: 'painted'; view: ViewKind; seq: number; paintMs: number; at: number }
  /** Everything is painted, every plot drawn. */
  | { type: 'rendered'; view: ViewKind; seq: number; text: string; charts: number; paintMs: number; at: number }
  | { type: 'webviewError'; message: string };

/**
 * The host's requests of a page and the message type that answers each, matched by `requestId`
 * (src/shared/pageRequests.ts, over core/replies.ts). Everything else on the wire is one-way.
 */
export const PAGE_REQUESTS = { collectPngs: 'pngs' } as const;
export type PageRequestType = keyof typeof PAGE_REQUESTS;
export type PageRequest<K extends PageRequestType = PageRequestType> = Extract<HostMessage, { type: K }>;
export type PageReply<K extends PageRequestType = PageRequestType> = Extract<WebviewMessage, { type: (typeof PAGE_REQUESTS)[K] }>;

export const EXPORT_FORMATS = ['json', 'csv', 'markdown', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a panel persists with vscode.setState so the serializer can restore it after a reload. */
export type PersistedState =
  | { view: 'planner'; input: PlannerInput }
  | { view: 'fit'; uri: string; options: FitPanelOptions }
  | { view: 'isoflop'; uri: string; options: IsoflopPanelOptions };

// ───────────────────────────── validators ─────────────────────────────

const ID = /^[\w.+-]*$/;
const BIG = 1e40;

export const checkPlannerInput: Check<PlannerInput> = obj<PlannerInput>({
  mode: oneOf(BUDGET_MODES),
  compute: num(0, BIG),
  gpus: obj<GpuBudget>({
    count: num(0, 1e7, true),
    gpu: str(64, ID),
    dtype: str(16, ID),
    hours: num(0, 1e7),
    mfu: num(0, 1),
  }),
  targetLoss: num(0, 100),
  inferenceTokens: num(0, BIG),
  inferenceMfu: num(0, 1),
  uniqueTokens: num(0, BIG),
  language: str(16, ID),
  laws: arr(str(64, ID), 64),
  contourLaw: str(64, ID),
});

export const checkFitPanelOptions: Check<FitPanelOptions> = obj<FitPanelOptions>({
  form: str(64, ID),
  fixE: nullable(num(0, 100)),
  tieExponents: bool,
  huberDelta: num(0, 100),
  dropRows: str(2000, /^[\d\s,-]*$/),
  bootstrap: num(0, 10000, true),
  columns: optional(obj<Partial<Record<FitColumnRole, string>>>(Object.fromEntries(FIT_COLUMN_ROLES.map((r) => [r, optional(str(200))])) as { [K in FitColumnRole]-?: Check<string | undefined> })),
  keep: optional(oneOf(['best', 'mean', 'all'] as const)),
  dropWarmup: optional(num(0, 0.99)),
  dropHighestLoss: optional(num(0, 100000, true)),
  compute: optional(nullable(num(1, BIG))),
  unique: optional(nullable(num(1, BIG))),
  cv: optional(num(0, 100, true)),
  loo: optional(bool),
  fix: optional(str(500, /^[\w\s=.,+-]*$/)),
  follow: optional(bool),
  finalTokens: optional(nullable(num(1, BIG))),
});

export const checkIsoflopPanelOptions: Check<IsoflopPanelOptions> = obj<IsoflopPanelOptions>({
  window: nullable(num(1, 1000, true)),
  skipBadBudgets: bool,
  groupTolerance: num(0.001, 10),
  joint: bool,
});

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/=]+$/;

const checkWebviewMessage: Check<WebviewMessage> = union<WebviewMessage>({
  ready: obj({ type: literal('ready'), view: oneOf(VIEW_KINDS) }),
  plannerInput: obj({ type: literal('plannerInput'), seq: num(0, Number.MAX_SAFE_INTEGER, true), input: checkPlannerInput }),
  refit: obj({ type: literal('refit'), options: checkFitPanelOptions }),
  isoflopOptions: obj({ type: literal('isoflopOptions'), options: checkIsoflopPanelOptions }),
  cancelFit: obj({ type: literal('cancelFit') }),
  copyFormula: obj({ type: literal('copyFormula'), format: oneOf(['text', 'latex'] as const) }),
  export: obj({ type: literal('export'), format: oneOf(EXPORT_FORMATS) }),
  pngs: obj({
    type: literal('pngs'),
    requestId: num(0, Number.MAX_SAFE_INTEGER, true),
    charts: arr(obj<ChartPng>({ name: str(64, /^[\w-]+$/), dataUrl: str(20_000_000, PNG_DATA_URL) }), 16),
  }),
  requestFailed: obj({ type: literal('requestFailed'), requestId: num(0, Number.MAX_SAFE_INTEGER, true), message: str(10_000) }),
  openLink: obj({ type: literal('openLink'), url: str(2000, /^https:\/\/[^\s]+$/) }),
  painted: obj({
    type: literal('painted'),
    view: oneOf(VIEW_KINDS),
    seq: num(0, Number.MAX_SAFE_INTEGER, true),
    paintMs: num(0, 1e7),
    at: num(0, 1e14),
  }),
  rendered: obj({
    type: literal('rendered'),
    view: oneOf(VIEW_KINDS),
    seq: num(0, Number.MAX_SAFE_INTEGER, true),
    text: str(200_000),
    charts: num(0, 64, true),
    paintMs: num(0, 1e7),
    at: num(0, 1e14),
  }),
  webviewError: obj({ type: literal('webviewError'), message: str(10_000) }),
});

/** Validate an untrusted message from a webview. Throws ProtocolError (with the field path) if malformed. */
export function parseWebviewMessage(value: unknown): WebviewMessage {
  return checkWebviewMessage(value, 'message');
}

const checkPersisted: Check<PersistedState> = (v, path) => {
  const view = typeof v === 'object' && v !== null ? (v as { view?: unknown }).view : undefined;
  if (view === 'isoflop') {
    return obj<Extract<PersistedState, { view: 'isoflop' }>>({ view: literal('isoflop'), uri: str(4000), options: checkIsoflopPanelOptions })(v, path);
  }
  return view === 'fit'
    ? obj<Extract<PersistedState, { view: 'fit' }>>({ view: literal('fit'), uri: str(4000), options: checkFitPanelOptions })(v, path)
    : obj<Extract<PersistedState, { view: 'planner' }>>({ view: literal('planner'), input: checkPlannerInput })(v, path);
};

/** Validate state restored by the webview serializer (it was written by the webview, so it is untrusted too). */
export function parsePersistedState(value: unknown): PersistedState {
  return checkPersisted(value, 'state');
}

/**
 * `scaling-laws optimal` — compute-optimal (N, D) for a budget or a target loss, under every applicable
 * published law (src/core/allocation), as a table or JSON.
 */
import { formatTable, get, parseArgs, type Parsed } from '../lib/args';
import { InputError } from '../../core/errors';
import type { CliCommand, CliIO } from '../lib/io';
import { formatCount, formatNum, formatPercent, formatSci } from '../../core/format';
import { allocateDetailed, checkBudget, checkRange, consensus, COST_LIMITS, SARDANA_COST_DEFAULTS, type AllocationRequest, type AllocationResult, type Consensus, type CostSettings } from '../../core/allocation';
import { HardwareError, peakFlops, suggestGpus, trainingCompute } from '../../core/hardware';
import { parseAtlasVocab, parseLanguage } from '../../core/laws';
import { withHparams } from '../../core/hparams';
import { cliJson } from '../lib/json';

/** Flags that only describe a GPU budget (C from hardware and time). */
const GPU_BUDGET_FLAGS = ['gpus', 'hours', 'uptime'] as const;
/** Training hardware: sizes a GPU budget and prices training in the cost objective. */
const TRAIN_HW_FLAGS = ['gpu', 'dtype', 'mfu', 'peak-flops'] as const;
/** Any of these switches the inference-aware objective from FLOPs to dollars (Sardana et al. Sec. 4). */
const COST_FLAGS = [
  'cost', 'price-per-hour', 'train-price-per-hour', 'inference-price-per-hour', 'inference-gpu', 'inference-dtype',
  'inference-peak-flops', 'inference-mfu', 'prefill-mfu', 'decode-mfu', 'prompt-tokens', 'output-tokens',
] as const;

const SPEC = {
  compute: 'positive',
  'target-loss': 'positive',
  law: 'strings',
  'inference-tokens': 'nonnegative',
  'unique-tokens': 'positive',
  language: 'string',
  'atlas-vocab': 'string',
  constants: 'string',
  json: 'boolean',
  gpus: 'positive',
  gpu: 'string',
  dtype: 'string',
  hours: 'positive',
  mfu: 'positive',
  uptime: 'positive',
  'peak-flops': 'positive',
  cost: 'boolean',
  'price-per-hour': 'positive',
  'train-price-per-hour': 'positive',
  'inference-price-per-hour': 'positive',
  'inference-gpu': 'string',
  'inference-dtype': 'string',
  'inference-peak-flops': 'positive',
  'inference-mfu': 'positive',
  'prefill-mfu': 'positive',
  'decode-mfu': 'positive',
  'prompt-tokens': 'nonnegative',
  'output-tokens': 'nonnegative',
  'seq-len': 'integer',
} as const;

const has = (p: Parsed, k: string) => p.flags[k] !== undefined;

/** A fraction flag (MFU, uptime): the parser checked > 0; it must also be ≤ 1. */
function fraction(p: Parsed, k: string): number | undefined {
  const x = get.num(p, k);
  if (x !== undefined && x > 1) throw new InputError(`--${k} is a fraction in (0, 1] (e.g. 0.4 for 40 %), got ${x}`);
  return x;
}

interface Peak {
  flops: number;
  /** "H100-SXM BF16" or "--peak-flops". */
  label: string;
  source: string;
}

/** Dense peak of a named GPU/dtype, or the explicit override; errors name the flag and the nearest GPUs. */
function resolvePeak(gpuFlag: string, dtypeFlag: string, peakFlag: string, p: Parsed, defaultDtype: string): Peak | undefined {
  const override = get.num(p, peakFlag);
  if (override !== undefined) return { flops: override, label: `accelerator (--${peakFlag})`, source: `--${peakFlag} ${formatSci(override)}` };
  const gpu = get.str(p, gpuFlag);
  if (gpu === undefined) return undefined;
  try {
    const r = peakFlops(gpu, get.str(p, dtypeFlag) ?? defaultDtype);
    return { flops: r.flops, label: `${r.gpu.id} ${r.dtype.toUpperCase()}`, source: r.source };
  } catch (e) {
    if (!(e instanceof HardwareError)) throw e;
    if (e.code === 'unknown-gpu') {
      throw new InputError(`--${gpuFlag}: unknown GPU '${gpu}' (did you mean ${suggestGpus(gpu).join(', ')}? or give --${peakFlag} <FLOP/s>)`);
    }
    throw new InputError(`--${dtypeFlag}: ${e.message}`);
  }
}

interface GpuBudget {
  compute: number;
  numGpus: number;
  peak: Peak;
  peakFlopsPerGpu: number;
  mfu: number;
  uptime: number;
  hours: number;
  gpuHours: number;
  /** How C was derived, as one line. */
  derivation: string;
}

/** C = GPUs × dense peak × MFU × uptime × hours × 3600, from --gpus/--gpu/--dtype/--hours/--mfu/--uptime. */
function gpuBudget(p: Parsed): GpuBudget {
  // --peak-flops stands in for --gpu (an unlisted accelerator).
  const missing = ['gpus', 'gpu', 'hours', 'mfu'].filter((k) => !has(p, k) && !(k === 'gpu' && has(p, 'peak-flops')));
  if (missing.length) {
    throw new InputError(`a GPU budget needs ${missing.map((k) => `--${k}`).join(', ')} (--gpus <n> --gpu <type> [--dtype bf16] --hours <h> --mfu <f> [--uptime <f>])`);
  }
  const numGpus = get.num(p, 'gpus') as number;
  if (!Number.isInteger(numGpus)) throw new InputError(`--gpus expects a whole number of GPUs, got ${numGpus}`);
  const mfu = fraction(p, 'mfu') as number;
  const uptime = fraction(p, 'uptime') ?? 1;
  const hours = get.num(p, 'hours') as number;
  const peak = resolvePeak('gpu', 'dtype', 'peak-flops', p, 'bf16') as Peak;
  // trainingCompute is the one formula for C from hardware (the planner panel uses it too).
  const t = trainingCompute({ numGpus, gpuType: get.str(p, 'gpu') ?? '', dtype: get.str(p, 'dtype') ?? 'bf16', mfu, uptime, hours, peakFlopsPerGpu: peak.flops });
  checkBudget('the GPU budget (--gpus × peak × --mfu × --uptime × --hours × 3600)', t.compute);
  const derivation =
    `C = ${numGpus} × ${peak.label} (${formatNum(peak.flops / 1e12, 4)} TFLOP/s dense) × ${formatPercent(mfu)} MFU` +
    `${uptime !== 1 ? ` × ${formatPercent(uptime)} uptime` : ''} × ${formatNum(hours, 4)} h × 3600 s/h = ${formatSci(t.compute)} FLOPs`;
  return { compute: t.compute, numGpus, peak, peakFlopsPerGpu: peak.flops, mfu, uptime, hours, gpuHours: t.gpuHours, derivation };
}

/** The cost objective's settings: flags given, the training GPU if given, else Sardana et al.'s defaults. */
/** The flags that set each cost setting, for errors that name what the user typed. */
const COST_FLAGS_OF: Record<keyof CostSettings, string> = {
  trainPeakFlops: '--peak-flops (or --gpu/--dtype)',
  inferencePeakFlops: '--inference-peak-flops (or --inference-gpu/--inference-dtype)',
  trainDollarsPerHour: '--train-price-per-hour (or --price-per-hour)',
  inferenceDollarsPerHour: '--inference-price-per-hour (or --price-per-hour)',
  trainMfu: '--mfu',
  prefillMfu: '--prefill-mfu (or --inference-mfu)',
  decodeMfu: '--decode-mfu (or --inference-mfu)',
  inputTokenFraction: 'the prompt share --prompt-tokens/(--prompt-tokens + --output-tokens)',
};

function costSettings(p: Parsed): { settings: Partial<CostSettings>; description: string } {
  const s: Partial<CostSettings> = {};
  const train = resolvePeak('gpu', 'dtype', 'peak-flops', p, 'bf16');
  if (train) s.trainPeakFlops = train.flops;
  // The paper's inference default is FP8 serving.
  const inf = resolvePeak('inference-gpu', 'inference-dtype', 'inference-peak-flops', p, 'fp8');
  if (inf) s.inferencePeakFlops = inf.flops;
  const both = get.num(p, 'price-per-hour');
  s.trainDollarsPerHour = get.num(p, 'train-price-per-hour') ?? both;
  s.inferenceDollarsPerHour = get.num(p, 'inference-price-per-hour') ?? both;
  s.trainMfu = fraction(p, 'mfu');
  const infMfu = fraction(p, 'inference-mfu');
  s.prefillMfu = fraction(p, 'prefill-mfu') ?? infMfu;
  s.decodeMfu = fraction(p, 'decode-mfu') ?? infMfu;
  const prompt = get.num(p, 'prompt-tokens');
  const output = get.num(p, 'output-tokens');
  if (prompt !== undefined || output !== undefined) {
    // Defaults 70 prompt + 215 output tokens per request (Sardana et al.).
    const pr = prompt ?? 70;
    const out = output ?? 215;
    if (pr + out === 0) throw new InputError('--prompt-tokens and --output-tokens cannot both be 0');
    s.inputTokenFraction = pr / (pr + out);
  }
  for (const k of Object.keys(s) as Array<keyof CostSettings>) {
    if (s[k] === undefined) delete s[k];
    else checkRange(COST_FLAGS_OF[k], s[k], ...COST_LIMITS[k]);
  }
  const f: CostSettings = { ...SARDANA_COST_DEFAULTS, ...s };
  const description =
    `Cost objective (Sardana et al. 2024, Sec. 4): training ${train?.label ?? 'H100 BF16 (paper default)'} ${formatSci(f.trainPeakFlops)} FLOP/s at $${formatNum(f.trainDollarsPerHour, 4)}/GPU-h, MFU ${formatPercent(f.trainMfu)}; ` +
    `inference ${inf?.label ?? 'H100 FP8 (paper default)'} ${formatSci(f.inferencePeakFlops)} FLOP/s at $${formatNum(f.inferenceDollarsPerHour, 4)}/GPU-h, prefill MFU ${formatPercent(f.prefillMfu)}, decode MFU ${formatPercent(f.decodeMfu)}; ` +
    `${formatPercent(f.inputTokenFraction)} of inference tokens are prompt tokens.`;
  return { settings: s, description };
}

function table(rows: AllocationResult[], cost: boolean): string {
  const body = rows.map((r) => [
    r.law,
    formatCount(r.N),
    formatCount(r.D),
    // At least 3 significant digits, and all the integer digits (5360, not 5.36e+3).
    formatNum(r.tokensPerParam, Math.max(3, Math.floor(Math.log10(r.tokensPerParam)) + 1)),
    formatSci(r.compute),
    r.loss === null ? '–' : r.loss.toFixed(4),
    ...(cost ? [typeof r.lifetimeCost === 'number' ? `$${formatCount(r.lifetimeCost)}` : '–'] : []),
    String(r.warnings.filter((w) => w.severity === 'warning').length),
  ]);
  return formatTable(['law', 'N', 'D (tokens)', 'D/N', 'C (FLOPs)', 'loss', ...(cost ? ['lifetime $'] : []), 'warnings'], body);
}

/** The table's footer: one recommendation across the laws, the rule it follows and the most relevant law. */
function consensusLines(c: Consensus): string[] {
  const r = (x: { low: number; mid: number; high: number }, f: (v: number) => string) => (x.low === x.high ? f(x.mid) : `${f(x.mid)} (${f(x.low)}–${f(x.high)})`);
  return [
    `consensus: N* ${r(c.N, formatCount)} · D* ${r(c.D, formatCount)} tokens · ${r(c.tokensPerParam, (v) => formatNum(v, 3))} tokens/param`,
    `  ${c.rule}: ${c.laws.join(', ')}`,
    `  most relevant: ${c.relevant.law} — ${c.relevant.reason}`,
  ];
}

/** Every warning and note under its law; the per-row loss-comparability note is said once in the footer. */
function notes(rows: AllocationResult[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const ws = r.warnings.filter((w) => !(w.code === 'loss-not-comparable' && w.severity === 'info'));
    if (!ws.length) continue;
    out.push(`${r.law}:`);
    for (const w of ws) out.push(`  - ${w.severity === 'info' ? '(note) ' : ''}${w.message}`);
  }
  return out;
}

export const optimalCommand: CliCommand = {
  summary: 'compute-optimal model size N and tokens D for a budget (or a target loss), per published law',
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, SPEC);
    const gpuMode = GPU_BUDGET_FLAGS.some((k) => has(p, k));
    const costMode = COST_FLAGS.some((k) => has(p, k));
    const sources = [has(p, 'compute') && '--compute', has(p, 'target-loss') && '--target-loss', gpuMode && 'a GPU budget (--gpus …)'].filter(Boolean);
    if (!sources.length) throw new InputError('give --compute <FLOPs>, a GPU budget (--gpus <n> --gpu <type> --hours <h> --mfu <f>) or --target-loss <L>');
    if (sources.length > 1) throw new InputError(`give one budget, not ${sources.join(' and ')}`);
    const hw = TRAIN_HW_FLAGS.find((k) => has(p, k));
    if (hw && !gpuMode && !costMode) {
      throw new InputError(`--${hw} describes the training hardware: use it with a GPU budget (--gpus, --hours) or the cost objective (--cost)`);
    }
    const budget = gpuMode ? gpuBudget(p) : undefined;
    const compute = budget?.compute ?? get.num(p, 'compute');
    const targetLoss = get.num(p, 'target-loss');
    const laws = get.strs(p, 'law');
    if (targetLoss !== undefined && !laws?.length) {
      throw new InputError('--target-loss needs --law <id> (losses are not comparable across papers)');
    }
    const inferenceTokens = get.num(p, 'inference-tokens');
    if (costMode && !inferenceTokens) {
      throw new InputError('the cost objective (--cost, prices, inference hardware) needs --inference-tokens <T> > 0: it trades training cost against serving cost');
    }
    const cost = costMode ? costSettings(p) : undefined;
    const lang = get.str(p, 'language');
    const vocab = get.str(p, 'atlas-vocab');
    const req: AllocationRequest = {
      compute,
      targetLoss,
      laws,
      inferenceTokens,
      uniqueTokens: get.num(p, 'unique-tokens'),
      language: lang === undefined ? undefined : parseLanguage(lang),
      atlasVocab: vocab === undefined ? undefined : parseAtlasVocab(vocab),
      constantSet: get.str(p, 'constants'),
      costSettings: cost?.settings,
    };
    const { results, skipped } = allocateDetailed(req);
    // Losses (and so target-loss rows) are not comparable across papers: no consensus for a target loss.
    const agreed = compute !== undefined ? consensus(results, { uniqueTokens: req.uniqueTokens, language: req.language }) : null;
    if (get.bool(p, 'json')) {
      const costFull = cost ? { ...SARDANA_COST_DEFAULTS, ...cost.settings } : undefined;
      const { peak, ...b } = budget ?? { peak: undefined };
      const budgetJson = budget && peak ? { ...b, gpu: peak.label, peakSource: peak.source } : undefined;
      const seqLen = get.num(p, 'seq-len') || undefined; // learning rate and batch per row (src/core/hparams)
      io.out(cliJson({ results: withHparams(results, seqLen), skipped, ...(agreed ? { consensus: agreed } : {}), ...(budgetJson ? { budget: budgetJson } : {}), ...(costFull ? { costSettings: costFull } : {}) }));
      return 0;
    }
    const head = compute !== undefined ? `Compute-optimal allocation for C = ${formatSci(compute)} FLOPs` : `Minimum compute to reach loss ${targetLoss}`;
    const extras = [
      req.inferenceTokens ? `${formatCount(req.inferenceTokens)} inference tokens` : '',
      req.uniqueTokens ? `${formatCount(req.uniqueTokens)} unique tokens` : '',
      req.language ? `language ${req.language}` : '',
      req.constantSet ? `constant set ${req.constantSet}` : '',
    ].filter(Boolean);
    io.out(`${head}${extras.length ? ` (${extras.join(', ')})` : ''}`);
    if (budget) io.out(`Budget: ${budget.derivation}; ${formatCount(budget.gpuHours)} GPU-hours; peak from ${budget.peak.source}.`);
    if (cost) io.out(cost.description);
    io.out('');
    io.out(table(results, cost !== undefined));
    if (agreed) io.out(['', ...consensusLines(agreed)].join('\n'));
    const n = notes(results);
    if (n.length) io.out(['', 'Warnings and notes:', ...n].join('\n'));
    for (const s of skipped) io.out(`skipped ${s.reason}`);
    if (budget && results.some((r) => r.compute > budget.compute * (1 + 1e-9))) {
      io.out(`Inference-aware rows keep the loss this budget reaches and train a smaller model longer: their C exceeds the GPU budget, i.e. proportionally more than ${formatNum(budget.hours, 4)} h on ${budget.numGpus} GPUs.`);
    }
    io.out('');
    io.out('Losses are in each paper\'s own units and data: compare N and D across laws, not losses. --json for every field.');
    return 0;
  },
};

/** `scaling-laws optimal --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function optimalHelp(): string {
  return `Usage: scaling-laws optimal --compute <FLOPs> [--law <id> …] [--inference-tokens <T>]
                            [--unique-tokens <U>] [--language <code>] [--json]
       scaling-laws optimal --gpus <n> --gpu <type> [--dtype bf16] --hours <h> --mfu <f> [--uptime <f>] …
       scaling-laws optimal --target-loss <L> --law <id> [--inference-tokens <T>] [--json]

For a training budget C (FLOPs, C = 6ND), the (N*, D*) each law recommends and the loss it predicts;
for a target loss, the minimum-compute (N, D) reaching it.

Budget (exactly one):
  --compute <FLOPs>         training budget, e.g. 5.76e23
  --gpus <n> --gpu <type> --hours <h> --mfu <f> [--dtype bf16] [--uptime 1]
                            C = GPUs × dense peak(gpu, dtype) × MFU × uptime × hours × 3600
                            (--peak-flops <FLOP/s> instead of --gpu for an unlisted accelerator)
  --target-loss <L>         target loss in the law's own units (losses differ between papers)

Laws and data:
  --law <id>                restrict to laws (repeatable or comma-separated; see 'scaling-laws laws')
  --unique-tokens <U>       unique training tokens available: repetition-aware optimum
                            (Muennighoff et al. 2023) for muennighoff2023 / atlas2025, warnings elsewhere
  --language <code>         en, fr, ru, zh, hi or sw: adds the ATLAS row for that language (capped by
                            its MADLAD-400 unique tokens unless --unique-tokens is given)
  --atlas-vocab <v>         monolingual (default) or multilingual vocabulary for ATLAS
  --constants <set>         alternative constant set of the laws that have one (see 'scaling-laws laws'):
                            hoffmann2022-a3: unrounded (default), eq10-rounded (Eq. 10 as printed),
                            sardana2024 (Sardana et al.'s α=0.336, β=0.283)

Inference (Sardana et al. 2024; rows of laws with a loss L(N, D)):
  --inference-tokens <T>    lifetime inference tokens: same loss, minimum training + inference FLOPs
  --cost                    minimise lifetime dollars instead of FLOPs (paper defaults: train on H100
                            BF16 at $2/GPU-h, MFU 0.5; serve on H100 FP8 at $2/GPU-h, prefill MFU 0.5,
                            decode MFU 0.01; 70 prompt + 215 output tokens per request). Any flag
                            below implies --cost; --gpu/--dtype/--peak-flops/--mfu set the training side.
  --price-per-hour <$>      $/GPU-hour for training and inference (or --train-price-per-hour,
                            --inference-price-per-hour)
  --inference-gpu <type>    serving GPU [--inference-dtype fp8] (or --inference-peak-flops <FLOP/s>)
  --inference-mfu <f>       MFU for prefill and decode (or --prefill-mfu, --decode-mfu)
  --prompt-tokens <n> --output-tokens <n>   tokens per request, setting the prefill/decode mix

  --seq-len <S>             sequence length for the rows' batch sizes in sequences (--json "hparams")
  --json                    {"results":[{"law","N","D","compute","loss","tokensPerParam","warnings",
                             "hparams":[{"law","learningRate","batchTokens","batchSequences","steps",…}],…}],
                             "skipped":[{"law","reason"}], "budget":{…} with a GPU budget,
                             "consensus":{"N":{"low","mid","high"},"D":{…},"tokensPerParam":{…},
                             "laws":[…],"rule","relevant":{"law","reason"}} for a budget,
                             "costSettings":{…} with the cost objective}

Exit codes: 0 ok; 1 refused (e.g. target loss below the law's irreducible loss); 2 bad arguments.`;
}

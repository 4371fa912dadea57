/**
 * `scaling-laws hparams` — peak learning rate and batch size for a run (N, D) or a compute budget C,
 * under each published hyperparameter law (src/core/hparams), as a table or JSON.
 */
import { formatTable, get, parseArgs } from '../lib/args';
import type { CliCommand, CliIO } from '../lib/io';
import { InputError } from '../../core/errors';
import { formatCount, formatNum, formatSci } from '../../core/format';
import { evaluateHparams, HPARAM_LAWS, WARMUP_RULE, type HparamResult } from '../../core/hparams';
import { cliJson } from '../lib/json';

const SPEC = {
  params: 'positive',
  'non-embedding': 'boolean',
  tokens: 'positive',
  compute: 'positive',
  law: 'strings',
  'seq-len': 'integer',
  json: 'boolean',
} as const;

const lr = (r: HparamResult) => (r.learningRate === null ? '–' : formatSci(r.learningRate, 3));
const band = (b: [number, number] | null, f: (x: number) => string) => (b ? `[${f(b[0])}, ${f(b[1])}]` : '');

function table(rows: HparamResult[], seqLen: number | undefined): string {
  return formatTable(
    ['law', 'lr', 'lr 95 %', 'batch (tokens)', 'batch 95 %', ...(seqLen ? [`seqs × ${seqLen}`] : []), 'steps', 'warmup', 'kind'],
    rows.map((r) => [
      r.law,
      lr(r),
      band(r.learningRateBand, (x) => formatSci(x, 2)),
      formatCount(r.batchTokens),
      band(r.batchTokensBand, (x) => formatCount(x)),
      ...(seqLen ? [r.batchSequences === null ? '–' : formatNum(r.batchSequences, 4)] : []),
      r.steps === null ? '–' : formatCount(r.steps),
      r.warmupSteps === null ? '–' : formatCount(r.warmupSteps),
      r.batchKind,
    ]),
  );
}

export const hparamsCommand: CliCommand = {
  summary: 'learning rate and batch size for a run or a budget, per published hyperparameter law',
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, SPEC);
    const N = get.num(p, 'params');
    const D = get.num(p, 'tokens');
    const C = get.num(p, 'compute');
    if ((N === undefined) !== (D === undefined)) throw new InputError(N === undefined ? '--tokens needs --params <N>' : '--params needs --tokens <D>');
    if (N === undefined && C === undefined) throw new InputError('give --params <N> --tokens <D>, or --compute <FLOPs>');
    if (get.bool(p, 'non-embedding') && N === undefined) throw new InputError('--non-embedding describes --params: give --params <N>');
    const seqLenRaw = get.num(p, 'seq-len');
    if (seqLenRaw === 0) throw new InputError('--seq-len must be at least 1');
    const seqLen = seqLenRaw;
    const { results, skipped } = evaluateHparams(
      { N, paramConvention: get.bool(p, 'non-embedding') ? 'non-embedding' : 'total', D, C, seqLen },
      get.strs(p, 'law'),
    );
    if (get.bool(p, 'json')) {
      io.out(cliJson({ results, skipped, warmupRule: WARMUP_RULE }));
      return 0;
    }
    const what = N !== undefined ? `N = ${formatCount(N)}${get.bool(p, 'non-embedding') ? ' non-embedding' : ''} parameters, D = ${formatCount(D!)} tokens${C !== undefined ? `, C = ${formatSci(C)} FLOPs` : ''}` : `C = ${formatSci(C!)} FLOPs`;
    io.out(`Learning rate and batch size for ${what}${seqLen ? `, sequences of ${seqLen}` : ''}`);
    io.out('');
    io.out(table(results, seqLen));
    const notes: string[] = [];
    for (const r of results) {
      notes.push(`${r.law}: ${r.citation}`);
      notes.push(`  conventions: N ${r.conventions.params}; batch ${r.conventions.batch}; ${r.conventions.optimizer}; schedule ${r.conventions.schedule}`);
      for (const w of r.warnings) notes.push(`  - ${w.severity === 'info' ? '(note) ' : ''}${w.message}`);
    }
    io.out(['', ...notes].join('\n'));
    for (const s of skipped) io.out(`skipped ${s.reason}`);
    io.out('');
    io.out(`Warmup: ${WARMUP_RULE}.`);
    return 0;
  },
};

/** `scaling-laws hparams --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function hparamsHelp(): string {
  return `Usage: scaling-laws hparams --params <N> [--non-embedding] --tokens <D> [--law <id> …] [--seq-len <S>] [--json]
       scaling-laws hparams --compute <FLOPs> [--law <id> …] [--seq-len <S>] [--json]

Peak learning rate and batch size from each published law, in its own conventions:
${HPARAM_LAWS.map((l) => `  ${l.id.padEnd(17)} ${l.form}\n${' '.repeat(19)}${l.citation.authors.split(/[,(]/)[0].trim()} et al. ${l.citation.year}, arXiv ${l.citation.arxiv}`).join('\n')}

  --params <N>        parameters (all of them, unless --non-embedding); laws that count non-embedding
                      parameters convert a total with Pearce & Song 2024 and say so
  --non-embedding     --params counts non-embedding parameters
  --tokens <D>        training tokens
  --compute <FLOPs>   training compute instead of N and D (DeepSeek's C = M·D; Kaplan's frontier loss);
                      with --params and --tokens it overrides 6·N·D for deepseek2024
  --law <id>          restrict to laws (repeatable or comma-separated)
  --seq-len <S>       sequence length: batch in sequences too
  --json              {"results":[{"law","learningRate","batchTokens","batchSequences","steps","warmupSteps",
                       "learningRateBand","batchTokensBand","batchKind","conventions","citation","warnings"}],
                       "skipped":[{"law","reason"}],"warmupRule"}

Warmup: ${WARMUP_RULE}.
kaplan2020-bcrit is the critical batch (beyond it larger batches waste compute), not an optimum.
Exit codes: 0 ok; 2 bad arguments.`;
}

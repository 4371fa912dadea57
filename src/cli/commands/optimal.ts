/**
 * `scaling-laws optimal` — compute-optimal (N, D) for a budget or a target loss, under every applicable
 * published law (src/core/allocation), as a table or JSON.
 */
import { formatTable, get, parseArgs, UsageError } from '../args';
import type { CliCommand, CliIO } from '../io';
import { formatCount, formatNum, formatSci } from '../../core/format';
import { allocateDetailed, type AllocationRequest, type AllocationResult } from '../../core/allocation';
import { parseAtlasVocab, parseLanguage } from '../../core/laws';

const SPEC = {
  compute: 'positive',
  'target-loss': 'positive',
  law: 'strings',
  'inference-tokens': 'nonnegative',
  'unique-tokens': 'positive',
  language: 'string',
  'atlas-vocab': 'string',
  json: 'boolean',
} as const;

function table(rows: AllocationResult[]): string {
  const body = rows.map((r) => [
    r.law,
    formatCount(r.N),
    formatCount(r.D),
    formatNum(r.tokensPerParam, 3),
    formatSci(r.compute),
    r.loss === null ? '–' : r.loss.toFixed(4),
    String(r.warnings.filter((w) => w.severity === 'warning').length),
  ]);
  return formatTable(['law', 'N', 'D (tokens)', 'D/N', 'C (FLOPs)', 'loss', 'warnings'], body);
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
  help: `Usage: scaling-laws optimal --compute <FLOPs> [--law <id> …] [--inference-tokens <T>]
                            [--unique-tokens <U>] [--language <code>] [--json]
       scaling-laws optimal --target-loss <L> --law <id> [--inference-tokens <T>] [--json]

For a training budget C (FLOPs, C = 6ND), the (N*, D*) each law recommends and the loss it predicts;
for a target loss, the minimum-compute (N, D) reaching it.

  --compute <FLOPs>         training budget, e.g. 5.76e23
  --target-loss <L>         target loss in the law's own units (losses differ between papers)
  --law <id>                restrict to laws (repeatable or comma-separated; see 'scaling-laws laws')
  --inference-tokens <T>    lifetime inference tokens: same loss, minimum training + inference FLOPs
                            (Sardana et al. 2024); applies to laws with a loss L(N, D)
  --unique-tokens <U>       unique training tokens available: repetition-aware optimum
                            (Muennighoff et al. 2023) for muennighoff2023 / atlas2025, warnings elsewhere
  --language <code>         en, fr, ru, zh, hi or sw: adds the ATLAS row for that language (capped by
                            its MADLAD-400 unique tokens unless --unique-tokens is given)
  --atlas-vocab <v>         monolingual (default) or multilingual vocabulary for ATLAS
  --json                    {"results":[{"law","N","D","compute","loss","tokensPerParam","warnings",…}],
                             "skipped":[{"law","reason"}]}

Exit codes: 0 ok; 1 refused (e.g. target loss below the law's irreducible loss); 2 bad arguments.`,
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, SPEC);
    const compute = get.num(p, 'compute');
    const targetLoss = get.num(p, 'target-loss');
    if (compute === undefined && targetLoss === undefined) throw new UsageError('give --compute <FLOPs> or --target-loss <L>');
    if (compute !== undefined && targetLoss !== undefined) throw new UsageError('give either --compute or --target-loss, not both');
    const laws = get.strs(p, 'law');
    if (targetLoss !== undefined && !laws?.length) {
      throw new UsageError('--target-loss needs --law <id> (losses are not comparable across papers)');
    }
    const lang = get.str(p, 'language');
    const vocab = get.str(p, 'atlas-vocab');
    const req: AllocationRequest = {
      compute,
      targetLoss,
      laws,
      inferenceTokens: get.num(p, 'inference-tokens'),
      uniqueTokens: get.num(p, 'unique-tokens'),
      language: lang === undefined ? undefined : parseLanguage(lang),
      atlasVocab: vocab === undefined ? undefined : parseAtlasVocab(vocab),
    };
    const { results, skipped } = allocateDetailed(req);
    if (get.bool(p, 'json')) {
      io.out(JSON.stringify({ results, skipped }, null, 2));
      return 0;
    }
    const head = compute !== undefined ? `Compute-optimal allocation for C = ${formatSci(compute)} FLOPs` : `Minimum compute to reach loss ${targetLoss}`;
    const extras = [
      req.inferenceTokens ? `${formatCount(req.inferenceTokens)} inference tokens` : '',
      req.uniqueTokens ? `${formatCount(req.uniqueTokens)} unique tokens` : '',
      req.language ? `language ${req.language}` : '',
    ].filter(Boolean);
    io.out(`${head}${extras.length ? ` (${extras.join(', ')})` : ''}`);
    io.out('');
    io.out(table(results));
    const n = notes(results);
    if (n.length) io.out(['', 'Warnings and notes:', ...n].join('\n'));
    for (const s of skipped) io.out(`skipped ${s.reason}`);
    io.out('');
    io.out('Losses are in each paper\'s own units and data: compare N and D across laws, not losses. --json for every field.');
    return 0;
  },
};

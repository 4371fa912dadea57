/**
 * `scaling-laws forward <file.arch.jsonc> [--json]` — parameters by component, FLOPs per token in both
 * conventions (6N and Chinchilla App. F), training memory and context-length scaling of an architecture.
 */
import { parseArgs, get, formatTable } from '../lib/args';
import { InputError } from '../../core/errors';
import { MAX_CONFIG_BYTES, readInputFile, readReferencedFile } from '../lib/files';
import type { CliCommand, CliIO } from '../lib/io';
import { analyseDocument, type ConfigKind, type DocumentAnalysis } from '../../core/config/analyse';
import { lineColumn } from '../../core/config/jsonc';
import { formatCount, formatNum, formatSci } from '../../core/format';

/**
 * Parse `<file> [--json]` and read and analyse the config for a CLI command: the first error becomes
 * `file:line:column: message` (exit 2); warnings and hints go to stderr in the same format.
 */
export function analyseFileForCli(argv: string[], kind: ConfigKind, io: CliIO): { file: string; json: boolean; a: DocumentAnalysis } {
  const p = parseArgs(argv, { json: 'boolean' }, 1);
  const file = p.positionals[0];
  if (!file) throw new InputError(`missing <file> (${kind === 'arch' ? 'an *.arch.jsonc architecture config' : 'a *.backward.jsonc config'})`);
  const text = readInputFile(file, kind === 'arch' ? 'architecture config' : 'backward config', MAX_CONFIG_BYTES);
  const a = analyseDocument(text, file, { readFile: readReferencedFile, kind });
  for (const issue of a.issues) {
    const { line, column } = lineColumn(text, issue.offset);
    if (issue.severity === 'error') throw new InputError(file, line, column, issue.message);
    io.err(`${file}:${line}:${column}: ${issue.severity}: ${issue.message}`);
  }
  return { file, json: get.bool(p, 'json'), a };
}

const GB = 1e9;
const n = (x: number) => x.toLocaleString('en-US');

export const forward: CliCommand = {
  summary: 'parameters, FLOPs/token and memory of an architecture config',
  help: `Usage: scaling-laws forward <file.arch.jsonc> [--json]

Forward analysis of a model architecture (JSONC; see schemas/arch.schema.json):
parameters by component (embeddings, attention, MLP, norms, output; MoE total vs active),
training FLOPs per token as 6N and exact (Chinchilla App. F, attention + logits) with the ratio,
training memory (mixed-precision AdamW, FlashAttention, micro-batch 1) and context-length scaling.

Options:
  --json   machine-readable output: { N, params, flopsPerToken, memory, seqScaling, arch }
Exit codes: 0 ok, 2 bad arguments or invalid config (file:line:column: message).`,
  run(argv, io) {
    const { file, json, a } = analyseFileForCli(argv, 'arch', io);
    const f = a.forward!;
    if (json) {
      io.out(JSON.stringify({ file, N: f.N, params: f.params, flopsPerToken: f.flops, memory: f.memory, seqScaling: f.seqScaling, arch: f.arch }, null, 2));
      return 0;
    }
    const pr = f.params;
    const rows: string[][] = [
      ['embeddings', n(pr.embeddings)], ['positions', n(pr.positions)], ['attention', n(pr.attention)],
      [pr.mlp !== pr.mlpActive ? 'MLP (all experts)' : 'MLP', n(pr.mlp)], ['norms', n(pr.norms)],
      ['output head', n(pr.output)], ['total', n(pr.total)],
    ];
    if (pr.active !== pr.total) rows.push(['active per token', n(pr.active)]);
    rows.push(['non-embedding', n(pr.nonEmbedding)]);
    const fl = f.flops;
    const m = f.memory;
    io.out([
      `${file}: N = ${formatCount(f.N)} (${f.arch.num_hidden_layers} layers × d ${f.arch.hidden_size}, ${f.arch.mlp_type}, ${f.arch.tie_word_embeddings ? 'tied' : 'untied'} embeddings)`,
      '',
      formatTable(['component', 'parameters'], rows),
      '',
      `FLOPs per token (training, seq ${fl.seqLength}):`,
      `  6N                                   ${formatSci(fl.sixN, 4)}`,
      `  exact (Chinchilla App. F + logits)   ${formatSci(fl.exact, 4)}   ratio ${formatNum(fl.ratio, 4)}`,
      `  App. F layers only (Table A4)        ${formatSci(fl.tableA4, 4)}   ratio ${formatNum(fl.tableA4Ratio, 4)}`,
      '',
      `Training memory (mixed-precision AdamW, 16 B/param states; activations: micro-batch 1, FlashAttention):`,
      `  weights ${formatNum(m.weights / GB, 3)} GB · gradients ${formatNum(m.gradients / GB, 3)} GB · optimizer ${formatNum(m.optimizer / GB, 3)} GB · activations ${formatNum(m.activations / GB, 3)} GB · total ${formatNum(m.total / GB, 3)} GB`,
      '',
      formatTable(['seq length', 'exact FLOPs/token', 'exact/6N', 'attention-score share'],
        f.seqScaling.map((r) => [String(r.seqLength), formatSci(r.exact, 4), formatNum(r.ratio, 4), `${formatNum(100 * r.attentionScoresShare, 3)} %`])),
    ].join('\n'));
    return 0;
  },
};

/**
 * One entry point for "what does this config file say": detect its kind, parse it (JSONC, located
 * errors), validate and normalise it, run the forward or backward analysis, and collect every finding
 * as a located ConfigIssue with quick-fix edits. The CLI, the code lens, hovers and diagnostics all call
 * this, so the editor and the CLI show the same numbers.
 */
import { ArchError, countParams, flopsPerToken, normaliseArch, seqLengthScaling, trainingMemory } from '../arch';
import { analyseModelConfig, detectModelConfig } from './modelConfig';
import type { ArchConfig, FlopsPerToken, ParamBreakdown, TrainingMemory } from '../arch';
import { analyseBackward, type BackwardResult } from '../backward/analyse';
import { FieldError, readBackwardConfig, type BackwardConfig, type FieldProblem } from '../backward/config';
import { suggestGpus } from '../hardware';
import { lineColumn, locate, locateKey, parseJsonc, type JSONPath, type ParsedJsonc } from './jsonc';
import type { ConfigIssue, IssueCode, QuickFix } from './issues';

export type ConfigKind = 'arch' | 'backward' | 'sweep';

/** By file name first (*.arch.jsonc, *.backward.jsonc, backward_scaling*.jsonc, *.sweep.jsonc), then $schema, then shape. */
export function detectKind(fileName: string, value?: unknown): ConfigKind | undefined {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  if (/\.arch\.jsonc?$/.test(base)) return 'arch';
  if (/\.backward\.jsonc?$/.test(base) || /^backward_scaling.*\.jsonc?$/.test(base)) return 'backward';
  if (/\.sweep\.jsonc?$/.test(base)) return 'sweep';
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    const schema = typeof o.$schema === 'string' ? o.$schema : '';
    for (const k of ['arch', 'backward', 'sweep'] as const) if (schema.includes(`${k}.schema.json`)) return k;
  }
  return undefined;
}

export interface ForwardResult {
  arch: ArchConfig;
  N: number;
  params: ParamBreakdown;
  flops: FlopsPerToken;
  memory: TrainingMemory;
  seqScaling: ReturnType<typeof seqLengthScaling>;
}

/** Forward analysis of an architecture: parameters, FLOPs/token both ways, memory, context scaling. */
export function analyseForward(arch: ArchConfig): ForwardResult {
  const params = countParams(arch);
  const s = arch.seq_length;
  return {
    arch,
    N: params.total,
    params,
    flops: flopsPerToken(arch),
    memory: trainingMemory(arch),
    seqScaling: seqLengthScaling(arch, [s / 2, s, 2 * s, 4 * s].filter((x) => Number.isInteger(x) && x >= 1)),
  };
}

export interface DocumentAnalysis {
  kind: ConfigKind | undefined;
  parsed: ParsedJsonc;
  issues: ConfigIssue[];
  forward?: ForwardResult;
  backward?: BackwardResult;
  backwardConfig?: BackwardConfig;
}

export interface AnalyseOptions {
  /** Text of a referenced architecture file (path already resolved), or undefined when unreadable. */
  readFile?: (path: string) => string | undefined;
  /** Force the kind (the CLI's forward/backward commands know what they expect). */
  kind?: ConfigKind;
}

/** JSON text for a replacement value: big numbers in exponent form (9.894e14), like configs write them. */
function jsonText(v: unknown): string {
  if (typeof v === 'number' && Math.abs(v) >= 1e6) return v.toExponential().replace('e+', 'e');
  return JSON.stringify(v);
}

function toIssue(p: ParsedJsonc, code: IssueCode, severity: ConfigIssue['severity'], message: string, path: JSONPath, fixes: Array<{ title: string; value: unknown }> = [], atKey = false): ConfigIssue {
  const span = atKey ? locateKey(p.root, path) : locate(p.root, path);
  const valueSpan = locate(p.root, path);
  const quick: QuickFix[] = fixes.map((f, i) => ({ title: f.title, preferred: i === 0, edit: { offset: valueSpan.offset, length: valueSpan.length, text: jsonText(f.value) } }));
  return { code, severity, message, path, offset: span.offset, length: Math.max(1, span.length), fixes: quick };
}

function problemIssue(p: ParsedJsonc, pr: FieldProblem): ConfigIssue {
  const code: IssueCode = pr.kind === 'unknown-key' ? 'unknown-key' : pr.kind === 'unknown-gpu' ? 'unknown-gpu' : pr.kind === 'unknown-dtype' ? 'unknown-dtype' : pr.kind === 'arch-path' ? 'arch-path' : 'invalid';
  return toIssue(p, code, pr.severity, pr.message, pr.path, pr.fixes, pr.kind === 'unknown-key');
}

/** Reads the architecture object out of an .arch.jsonc (top level or under "architecture"). */
function archObject(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && 'architecture' in value) return (value as { architecture: unknown }).architecture;
  return value;
}

export function analyseDocument(text: string, fileName: string, opts: AnalyseOptions = {}): DocumentAnalysis {
  const parsed = parseJsonc(text, fileName);
  const kind = opts.kind ?? detectKind(fileName, parsed.value);
  const out: DocumentAnalysis = { kind, parsed, issues: [] };
  for (const e of parsed.errors) out.issues.push({ code: 'syntax', severity: 'error', message: e.message, path: [], offset: e.offset, length: Math.max(1, e.length), fixes: [] });
  if (parsed.errors.length || !parsed.root) return out;

  if (kind === 'arch') {
    const inner = archObject(parsed.value);
    const base = inner === parsed.value ? [] : ['architecture'];
    try {
      out.forward = analyseForward(normaliseArch(inner, base));
    } catch (e) {
      if (e instanceof ArchError) out.issues.push(toIssue(parsed, 'invalid', 'error', e.message, e.path));
      else throw e;
    }
  } else if (kind === 'backward') {
    try {
      const { config, problems } = readBackwardConfig(parsed.value, {
        fileName,
        loadArch: (path) => {
          const t = opts.readFile?.(path);
          if (t === undefined) return undefined;
          const inner = parseJsonc(t, path);
          const e = inner.errors[0];
          if (e) throw new FieldError({ path: ['architecture'], kind: 'arch-path', severity: 'error', message: `architecture: ${path}:${e.line}:${e.column}: ${e.message}` });
          return inner.value;
        },
        // A Hugging Face config.json, nanoGPT config or Megatron script as the architecture (read, never run).
        loadModel: (path, seqLength) => {
          const t = opts.readFile?.(path);
          const format = t === undefined ? undefined : detectModelConfig(path, t);
          if (!format) return undefined;
          const m = analyseModelConfig(t!, path, format, { seqLength });
          const err = m.issues.find((i) => i.severity === 'error');
          if (err || !m.read) {
            const { line, column } = lineColumn(t!, err?.offset ?? 0);
            throw new FieldError({ path: ['architecture'], kind: 'arch-path', severity: 'error', message: `architecture: ${path}:${line}:${column}: ${err?.message ?? 'unreadable model config'}` });
          }
          return { arch: m.read.arch, warnings: m.issues.map((i) => i.message) };
        },
      });
      out.backwardConfig = config;
      for (const pr of problems) out.issues.push(problemIssue(parsed, pr));
      out.backward = analyseBackward(config);
      for (const f of out.backward.findings) out.issues.push(toIssue(parsed, f.code, f.severity, f.message, f.path, f.fixes));
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      out.issues.push(problemIssue(parsed, e.problem));
      if (e.problem.kind === 'unknown-gpu' && out.backwardConfig) out.issues.push(...checksAssumingNearestGpu(parsed, out.backwardConfig));
    }
  }
  return out;
}

/**
 * An unknown GPU leaves no peak, so no compute: rather than hiding every other problem until it is fixed,
 * run the remaining checks (MFU, dataset, epochs, law) with the nearest listed GPU and say so in each
 * message. GPU-specific findings (memory, sparsity) are left out: they would describe the stand-in.
 */
function checksAssumingNearestGpu(parsed: ParsedJsonc, cfg: BackwardConfig): ConfigIssue[] {
  const near = suggestGpus(cfg.gear.gpuType)[0];
  if (!near) return [];
  try {
    const b = analyseBackward({ ...cfg, gear: { ...cfg.gear, gpuType: near } });
    return b.findings
      .filter((f) => f.path[0] !== 'training_gear')
      .map((f) => toIssue(parsed, f.code, f.severity, f.code === 'mfu-high' || f.code === 'mfu-low' ? f.message : `${f.message} (computed assuming ${near} for the unknown GPU '${cfg.gear.gpuType}')`, f.path, f.fixes));
  } catch (e) {
    if (e instanceof FieldError) return []; // e.g. the stand-in lacks the dtype: nothing more to say
    throw e;
  }
}

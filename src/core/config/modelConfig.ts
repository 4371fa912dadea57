/**
 * One entry point for the model configs practitioners already have — a Hugging Face `config.json`
 * (with a `model_type`), a nanoGPT config `.py`, a Megatron-LM launch `.sh` — recognised by name and
 * content, read without executing anything, with every warning located in the text (offset, length)
 * for the CLI's file:line:column and the editor's diagnostics.
 */
import { locate, locateKey, parseJsonc, type ParsedJsonc } from './jsonc';
import { ArchError, isHfConfig, isMegatronScript, isNanoGptConfig, readHfConfig, readMegatronScript, readNanoGptConfig, type ModelFormat, type ModelRead, type ReadOptions } from '../arch';

export interface LocatedModelIssue {
  severity: 'error' | 'warning';
  message: string;
  offset: number;
  length: number;
  /** Text replacements offered as quick fixes (JSON configs: the value, re-encoded). */
  fixes: Array<{ title: string; offset: number; length: number; text: string }>;
}

export interface ModelConfigAnalysis {
  format: ModelFormat;
  read?: ModelRead;
  issues: LocatedModelIssue[];
  /** The parsed JSON of a config.json (for hovers). */
  parsed?: ParsedJsonc;
}

/** Which model-config format a file is, from its name and text; undefined when it is none of them. */
export function detectModelConfig(fileName: string, text: string): ModelFormat | undefined {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  if (base.endsWith('.json')) {
    if (/\.(arch|backward|sweep)\.jsonc?$/.test(base)) return undefined;
    return /"model_type"\s*:\s*"/.test(text.slice(0, 200_000)) ? 'huggingface' : undefined;
  }
  if (base.endsWith('.py')) return isNanoGptConfig(text) ? 'nanogpt' : undefined;
  if (base.endsWith('.sh') || base.endsWith('.bash') || base.endsWith('.slurm')) return isMegatronScript(text) ? 'megatron' : undefined;
  return undefined;
}

/** Read a model config of a known format; errors and warnings come back located, never thrown. */
export function analyseModelConfig(text: string, fileName: string, format: ModelFormat, opts: ReadOptions = {}): ModelConfigAnalysis {
  const out: ModelConfigAnalysis = { format, issues: [] };
  if (format === 'huggingface') {
    const parsed = parseJsonc(text, fileName);
    out.parsed = parsed;
    for (const e of parsed.errors) out.issues.push({ severity: 'error', message: e.message, offset: e.offset, length: Math.max(1, e.length), fixes: [] });
    if (parsed.errors.length) return out;
    if (!isHfConfig(parsed.value)) {
      out.issues.push({ severity: 'error', message: "expected a Hugging Face config: an object with a string 'model_type'", offset: 0, length: 1, fixes: [] });
      return out;
    }
    const at = (path: (string | number)[], onKey: boolean) => {
      const span = path.length ? (onKey ? locateKey(parsed.root, path) : locate(parsed.root, path)) : { offset: 0, length: 1 };
      return { offset: span.offset, length: Math.max(1, span.length) };
    };
    try {
      out.read = readHfConfig(parsed.value, opts);
      for (const w of out.read.warnings) {
        const value = at(w.path, false);
        out.issues.push({
          severity: 'warning',
          message: w.message,
          ...at(w.path, true),
          fixes: (w.fixes ?? []).map((f) => ({ title: f.title, ...value, text: JSON.stringify(f.value) })),
        });
      }
    } catch (e) {
      if (!(e instanceof ArchError)) throw e;
      out.issues.push({ severity: 'error', message: e.message, ...at(e.path, true), fixes: [] });
    }
    return out;
  }
  const spanOf = (path: (string | number)[]) => {
    const s = path.length ? out.read?.spans?.[String(path[0])] : undefined;
    return s ?? { offset: 0, length: 1 };
  };
  try {
    out.read = format === 'nanogpt' ? readNanoGptConfig(text, opts) : readMegatronScript(text, opts);
    for (const w of out.read.warnings) out.issues.push({ severity: 'warning', message: w.message, ...spanOf(w.path), fixes: [] });
  } catch (e) {
    if (!(e instanceof ArchError)) throw e;
    // The reader failed before returning its spans: find the key in the text for the location.
    const key = e.path.length ? String(e.path[0]) : undefined;
    const re = key ? new RegExp(format === 'nanogpt' ? `^${key}\\b` : `--${key}\\b`, 'm') : undefined;
    const m = re?.exec(text);
    out.issues.push({ severity: 'error', message: e.message, offset: m?.index ?? 0, length: m ? m[0].length : 1, fixes: [] });
  }
  return out;
}

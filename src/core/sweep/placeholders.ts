/**
 * The `{placeholder}`s of a sweep's training-command template, filled per run in the exported scripts.
 *
 * Safe in any quoting context by construction: every value is made of characters no shell (nor YAML plain
 * scalar inside a block) interprets — letters, digits and _ . + - — so `{name}` means the same unquoted,
 * inside "double quotes" or inside 'single quotes'. fillTemplate checks this for every value it substitutes
 * and throws otherwise (the sweep name, the only free-text value, is restricted by the config reader).
 * `${VAR}` is the shell's, not a placeholder. Lookups are own-property only: `{constructor}` is unknown.
 */
import { InputError } from '../errors';

export const PLACEHOLDERS = [
  'run_id', 'index', 'name', 'budget', 'compute', 'params', 'target_params', 'tokens', 'steps', 'batch_size',
  'tokens_per_step', 'seq_len', 'layers', 'width', 'd_model', 'heads', 'kv_heads', 'head_dim', 'ffn', 'vocab',
  'warmup_steps', 'lr',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);
/** `{word}` not preceded by `$` (shell parameter expansion such as ${HOME} stays the shell's). */
const PLACEHOLDER = /(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** Characters that mean the same to a shell unquoted, in double quotes and in single quotes. */
export const INERT_VALUE = /^[A-Za-z0-9_.+-]+$/;

/** The first unknown placeholder of a template, or undefined. */
export function unknownPlaceholder(template: string): string | undefined {
  for (const m of template.matchAll(PLACEHOLDER)) if (!KNOWN.has(m[1])) return m[1];
  return undefined;
}

/** Fill `{placeholder}`s; an unknown name, or a value that is not inert text, throws. */
export function fillTemplate(template: string, values: Readonly<Partial<Record<Placeholder, string>>>): string {
  return template.replace(PLACEHOLDER, (_, key: string) => {
    const v = KNOWN.has(key) && Object.hasOwn(values, key) ? values[key as Placeholder] : undefined;
    if (v === undefined) throw new InputError(`unknown placeholder {${key}} in "command" (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`);
    if (!INERT_VALUE.test(v)) throw new InputError(`the value of {${key}} (${JSON.stringify(v.slice(0, 40))}) is not made of letters, digits and _ . + -: refusing to put it in a script`);
    return v;
  });
}

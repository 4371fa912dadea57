/**
 * A small, strict argument parser shared by every CLI sub-command. Bad input becomes an InputError
 * (one line naming the argument; main.ts prints it and exits with code 2, never a stack trace).
 */

import { InputError } from '../../core/errors';
import { isDecimal } from '../../core/csv/numbers';
import { alignedLines } from '../../core/format';

export type FlagKind =
  | 'boolean'
  | 'string'
  | 'strings' // repeatable: --law a --law b (also --law a,b)
  | 'number' // any finite number
  | 'positive' // finite and > 0
  | 'nonnegative' // finite and >= 0
  | 'integer'; // integer >= 0

export type FlagSpec = Record<string, FlagKind>;

export interface Parsed {
  flags: Record<string, string | string[] | number | boolean | undefined>;
  positionals: string[];
}

/**
 * NAME=VALUE items (`--fix E=1.69`, `--column loss=val_loss`, the agent tools' `fix` and `columns`), each
 * side trimmed; any other item is an InputError worded by `bad(item)`.
 */
export function parsePairs(items: readonly string[] | undefined, bad: (item: string) => string): Array<[string, string]> {
  return (items ?? []).map((s) => {
    const eq = s.indexOf('=');
    if (eq <= 0 || eq === s.length - 1) throw new InputError(bad(s));
    return [s.slice(0, eq).trim(), s.slice(eq + 1).trim()];
  });
}

/** Parse a number the way users write FLOPs and token counts: 5.76e23, 1e21, 2_000_000 is rejected. */
export function parseNumberArg(name: string, raw: string, kind: FlagKind): number {
  const trimmed = raw.trim();
  const x = isDecimal(trimmed) ? Number(trimmed) : NaN; // one linear scan (no backtracking regex)
  if (!Number.isFinite(x)) throw new InputError(`--${name} expects a number (e.g. 1e23), got '${shortArg(raw)}'`);
  if (kind === 'positive' && !(x > 0)) throw new InputError(`--${name} must be greater than 0, got ${raw}`);
  if (kind === 'nonnegative' && x < 0) throw new InputError(`--${name} must be 0 or more, got ${raw}`);
  if (kind === 'integer' && !(Number.isInteger(x) && x >= 0)) throw new InputError(`--${name} expects a whole number ≥ 0, got '${raw}'`);
  return x;
}

/** An argument as quoted in a message: at most 60 characters (a 200 KB argument must not fill the terminal). */
export function shortArg(raw: string): string {
  return raw.length > 60 ? `${raw.slice(0, 60)}… (${raw.length} characters)` : raw;
}

export function parseArgs(argv: string[], spec: FlagSpec, maxPositionals = 0): Parsed {
  const flags: Parsed['flags'] = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      let name = arg.slice(2);
      let value: string | undefined;
      const eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      const kind = spec[name];
      if (!kind) {
        const known = Object.keys(spec).map((k) => `--${k}`).join(', ');
        throw new InputError(`unknown option '--${name}'${known ? ` (expected one of: ${known})` : ''}`);
      }
      if (kind === 'boolean') {
        if (value !== undefined) throw new InputError(`--${name} takes no value`);
        flags[name] = true;
        continue;
      }
      if (value === undefined) {
        const next = argv[i + 1];
        // A following "--flag" is a missing value, but "-5" is a (bad) value to be judged below.
        if (next === undefined || next.startsWith('--')) throw new InputError(`--${name} needs a value`);
        value = next;
        i++;
      }
      if (kind === 'string') flags[name] = value;
      else if (kind === 'strings') {
        const prev = (flags[name] as string[] | undefined) ?? [];
        flags[name] = [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];
      } else flags[name] = parseNumberArg(name, value, kind);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) throw new InputError(`unknown option '${arg}'`);
    positionals.push(arg);
  }
  if (positionals.length > maxPositionals) {
    throw new InputError(`unexpected argument '${positionals[maxPositionals]}'`);
  }
  return { flags, positionals };
}

/** Typed accessors so commands don't cast. */
export const get = {
  num: (p: Parsed, k: string): number | undefined => p.flags[k] as number | undefined,
  str: (p: Parsed, k: string): string | undefined => p.flags[k] as string | undefined,
  strs: (p: Parsed, k: string): string[] | undefined => p.flags[k] as string[] | undefined,
  bool: (p: Parsed, k: string): boolean => p.flags[k] === true,
};

/** Render rows as an aligned text table (left-aligned first column, right-aligned numbers). */
export function formatTable(header: string[], rows: string[][]): string {
  const { lines, widths } = alignedLines([header, ...rows], header.length);
  const trimmed = lines.map((l) => l.trimEnd());
  return [trimmed[0], widths.map((w) => '-'.repeat(w)).join('  '), ...trimmed.slice(1)].join('\n');
}

/**
 * Tiny runtime validators for messages crossing the webview boundary. A webview is an untrusted page (it
 * renders user CSV text), so the extension host checks every message's shape before acting on it. Each
 * `Check<T>` returns a value of exactly type T or throws a ProtocolError naming the offending path, so a
 * validator composed from these cannot drift from the TypeScript type it is declared against.
 */

import { InputError } from '../core/errors';

/** A message that does not match the protocol: bad input from an untrusted page. */
export class ProtocolError extends InputError {
  constructor(readonly path: string, expected: string, got: unknown) {
    super(`invalid webview message at ${path}: expected ${expected}, got ${describe(got)}`);
    this.name = 'ProtocolError';
  }
}

export type Check<T> = (value: unknown, path: string) => T;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === 'string') return `string(${v.length})`;
  if (typeof v === 'number') return `number ${v}`;
  return typeof v;
}

/** Finite number within [min, max]; `integer` additionally requires a whole number. */
export function num(min: number, max: number, integer = false): Check<number> {
  return (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new ProtocolError(path, `${integer ? 'integer' : 'finite number'} in [${min}, ${max}]`, v);
    }
    return v;
  };
}

/** String of at most `maxLength` characters, optionally matching `pattern`. */
export function str(maxLength: number, pattern?: RegExp): Check<string> {
  return (v, path) => {
    if (typeof v !== 'string' || v.length > maxLength || (pattern && !pattern.test(v))) {
      throw new ProtocolError(path, `string ≤ ${maxLength} chars${pattern ? ` matching ${pattern}` : ''}`, v);
    }
    return v;
  };
}

export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new ProtocolError(path, 'boolean', v);
  return v;
};

/** One of a fixed set of string literals. */
export function oneOf<const L extends readonly string[]>(values: L): Check<L[number]> {
  return (v, path) => {
    if (typeof v !== 'string' || !values.includes(v)) throw new ProtocolError(path, `one of ${values.join('|')}`, v);
    return v as L[number];
  };
}

export function literal<const L extends string>(value: L): Check<L> {
  return (v, path) => {
    if (v !== value) throw new ProtocolError(path, JSON.stringify(value), v);
    return value;
  };
}

export function arr<T>(item: Check<T>, maxLength: number): Check<T[]> {
  return (v, path) => {
    if (!Array.isArray(v) || v.length > maxLength) throw new ProtocolError(path, `array ≤ ${maxLength} items`, v);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };
}

export function nullable<T>(inner: Check<T>): Check<T | null> {
  return (v, path) => (v === null ? null : inner(v, path));
}

/** A field that may be absent (older saved states, or options a page does not send). */
export function optional<T>(inner: Check<T>): Check<T | undefined> {
  return (v, path) => (v === undefined ? undefined : inner(v, path));
}

/**
 * An object with exactly the keys of `shape` (extra keys are rejected: they would be silently ignored
 * otherwise, hiding a host/webview version mismatch).
 */
export function obj<T extends object>(shape: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const keys = Object.keys(shape) as Array<keyof T & string>;
  return (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProtocolError(path, 'object', v);
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      if (!(keys as string[]).includes(k)) throw new ProtocolError(`${path}.${k}`, 'no such field', rec[k]);
    }
    const out = {} as T;
    for (const k of keys) {
      const x = shape[k](rec[k], `${path}.${k}`);
      if (x !== undefined) out[k] = x; // an absent optional field stays absent
    }
    return out;
  };
}

/** Discriminated union on `type`: picks the member validator by the message's `type` field. */
export function union<T extends { type: string }>(members: { [K in T['type']]: Check<Extract<T, { type: K }>> }): Check<T> {
  return (v, path) => {
    const type = typeof v === 'object' && v !== null ? (v as { type?: unknown }).type : undefined;
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(members, type)) {
      throw new ProtocolError(`${path}.type`, `one of ${Object.keys(members).join('|')}`, type);
    }
    return (members as Record<string, Check<T>>)[type](v, path);
  };
}

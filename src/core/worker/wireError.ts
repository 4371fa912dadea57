/**
 * A core error across the worker boundary and back, as its class: the worker sends `toWireError(e)`, the host
 * throws `rebuildError(w)`, so callers keep using instanceof (CsvError, FitRefusal…), the location
 * (file:line:column) and the refusal code, and the CLI's exit code is the same whichever thread failed.
 */
import { CsvError } from '../csv';
import { InputError, RefusalError } from '../errors';
import { FitRefusal, type RefusalCode } from '../fit';
import { IsoflopRefusal, type IsoflopRefusalCode } from '../isoflop/refusal';
import type { WireError } from './protocol';

export function toWireError(e: unknown): WireError {
  if (e instanceof InputError) return { kind: 'input', name: e.name, message: e.message, detail: e.detail, file: e.file, line: e.line, column: e.column };
  if (e instanceof RefusalError) {
    const typed = e as RefusalError & { code?: unknown; detail?: unknown; budgets?: unknown };
    return {
      kind: 'refusal', name: e.name, message: e.message, exitCode: e.exitCode,
      ...(typeof typed.code === 'string' ? { code: typed.code } : {}),
      ...(typeof typed.detail === 'string' ? { detail: typed.detail } : {}),
      ...(Array.isArray(typed.budgets) ? { budgets: typed.budgets.filter((b): b is number => typeof b === 'number') } : {}),
    };
  }
  const err = e as { name?: unknown; message?: unknown } | null;
  return { kind: 'internal', name: typeof err?.name === 'string' ? err.name : 'Error', message: typeof err?.message === 'string' ? err.message : String(e) };
}

export function rebuildError(w: WireError): Error {
  switch (w.kind) {
    case 'input':
      if (w.name === 'CsvError') return new CsvError(w.file, w.line, w.column, w.detail);
      return w.file ? new InputError(w.file, w.line, w.column, w.detail) : new InputError(w.detail);
    case 'refusal':
      if (w.name === 'FitRefusal' && w.code !== undefined) return new FitRefusal(w.code as RefusalCode, w.detail ?? w.message);
      if (w.name === 'IsoflopRefusal' && w.code !== undefined) return new IsoflopRefusal(w.code as IsoflopRefusalCode, w.message, w.budgets);
      return new RefusalError(w.message, w.exitCode);
    case 'internal': {
      const e = new Error(w.message);
      e.name = w.name;
      return e;
    }
  }
}

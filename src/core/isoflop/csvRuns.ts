/**
 * Results CSV → IsoFLOP runs. The CSV is read by the shared reader (src/core/csv: header aliases, a C /
 * compute column, line numbers); this only adds what is specific to sweeps: a nominal-budget column, when
 * present, groups runs exactly as they were planned (the mock and plan exports write one), and every run
 * keeps "file:line" so a refusal points at the row.
 */
import { parseRunsCsv, type Role, type RunRow } from '../csv';
import type { IsoflopRun } from './isoflop';

/** Headers (normalised) that name the nominal budget a run was planned for. */
export const BUDGET_HEADERS = ['budget', 'compute_budget', 'flop_budget', 'isoflop_budget', 'budget_flops'];

const normalise = (h: string) => h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** Parsed CSV rows → analysis runs; the nominal budget column (if any) is used for grouping. */
export function runsFromCsvRows(rows: RunRow[], fileName: string): IsoflopRun[] {
  return rows.map((r) => {
    const budgetKey = Object.keys(r.extra).find((k) => BUDGET_HEADERS.includes(normalise(k)));
    const budget = budgetKey !== undefined && r.extra[budgetKey] !== '' ? Number(r.extra[budgetKey]) : undefined;
    return { compute: r.C, budget, N: r.N, D: r.D, loss: r.loss, source: `${fileName}:${r.line}` };
  });
}

/** Read a results CSV's text into runs (throws CsvError with file:line:column on malformed input). */
export function runsFromCsv(text: string, fileName: string, columns: Partial<Record<Role, string>> = {}): IsoflopRun[] {
  return runsFromCsvRows(parseRunsCsv(text, { fileName, columns }).rows, fileName);
}

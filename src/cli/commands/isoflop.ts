/** `scaling-laws isoflop <results.csv>` — Chinchilla Approach 2 on a results CSV: per-budget minima and the frontier. */
import { formatTable, get, parseArgs } from '../lib/args';
import { InputError } from '../../core/errors';
import type { CliCommand, CliIO } from '../lib/io';
import { formatCount, formatPowerLaw, formatSci } from '../../core/format';
import { parseRunsCsv, type Role } from '../../core/csv';
import { ROLES } from '../../core/csv/columns';
import { analyseIsoflop, describeComputeConvention, isoflopJson, jointFit, runsFromCsvRows, DEFAULT_GROUP_TOLERANCE, type IsoflopAnalysis, type JointFit } from '../../core/isoflop';
import { planFromFile } from './plan';
import { readInputFile } from '../lib/files';
import { droppedLines } from '../lib/dropped';
import { runsFromLogs } from '../../core/logs';
import { loadCurves } from '../lib/logFiles';
import { cliJson } from '../lib/json';

function parsePairs(values: string[] | undefined, flag: string): Array<[string, string]> {
  return (values ?? []).map((v) => {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new InputError(`--${flag} expects <column>=<value>, got '${v}'`);
    return [v.slice(0, eq).trim(), v.slice(eq + 1).trim()];
  });
}

function interval(iv: [number, number] | null, fmt: (x: number) => string): string {
  return iv ? `[${fmt(iv[0])}, ${fmt(iv[1])}]` : '–';
}

function report(a: IsoflopAnalysis, joint: JointFit | null): string {
  const pct = `${Math.round(a.confidence * 100)} %`;
  const convention = describeComputeConvention(a.computeConvention);
  const rows = a.budgets.map((b) => [
    formatSci(b.compute),
    String(b.runs.filter((r) => r.used).length),
    formatCount(b.N),
    interval(b.NInterval, formatCount),
    formatCount(b.D),
    interval(b.DInterval, formatCount),
    b.loss.toFixed(4),
  ]);
  const law = (name: string, f: IsoflopAnalysis['nFrontier']) =>
    `${formatPowerLaw(name, f.k, f.exponent, 4)}   exponent ${pct} CI ${interval(f.exponentInterval, (x) => x.toFixed(3))}, R² ${f.r2.toFixed(4)}`;
  return [
    `IsoFLOP analysis (Chinchilla Approach 2): ${a.budgets.length} budgets, parabola in ln N and ln D per budget` +
      (a.window ? `, fitted to the lowest-loss run ±${a.window} neighbours` : ''),
    `budgets grouped by compute (runs within ${Math.round(a.groupTolerance * 100)} % of each other form one budget)`,
    ...(convention ? [`compute convention: ${convention} (C is used as given)`] : []),
    '',
    formatTable(['budget C', 'runs', 'N*', `N* ${pct}`, 'D*', `D* ${pct}`, 'loss*'], rows),
    '',
    law('N_opt', a.nFrontier),
    law('D_opt', a.dFrontier),
    ...(joint ? ['', joint.ok ? joint.comparison : `joint fit (Approach 3) not available: ${joint.reason}`] : []),
    ...a.warnings.map((w) => `warning: ${w}`),
  ].join('\n');
}

export const isoflopCommand: CliCommand = {
  summary: 'analyse IsoFLOP results: per-budget parabola minima, N_opt = k·C^a and D_opt = k′·C^b',
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(
      argv,
      { json: 'boolean', logs: 'string', window: 'integer', where: 'strings', column: 'strings', 'group-tolerance': 'nonnegative', confidence: 'positive', 'skip-bad-budgets': 'boolean', 'no-joint': 'boolean' },
      1,
    );
    const file = p.positionals[0];
    if (!file) throw new InputError('missing the results CSV (scaling-laws isoflop <results.csv>)');
    const columns: Partial<Record<Role, string>> = {};
    for (const [role, header] of parsePairs(get.strs(p, 'column'), 'column')) {
      if (!(ROLES as string[]).includes(role)) throw new InputError(`--column role must be one of ${ROLES.join(', ')}, got '${role}'`);
      columns[role as Role] = header;
    }
    const logs = get.str(p, 'logs');
    if (logs !== undefined || /\.jsonc?$/i.test(file)) {
      if (logs === undefined) throw new InputError(`${file} is a sweep config: give the runs' logs with --logs <folder>`);
      const { plan } = planFromFile(file);
      const match = runsFromLogs(plan, loadCurves([logs]).curves);
      const analysis = analyseIsoflop(match.runs, {
        window: get.num(p, 'window'),
        confidence: get.num(p, 'confidence'),
        groupTolerance: get.num(p, 'group-tolerance'),
        skipBadBudgets: get.bool(p, 'skip-bad-budgets'),
      });
      const joint = get.bool(p, 'no-joint') ? null : jointFit(analysis);
      if (get.bool(p, 'json')) io.out(cliJson({ ...isoflopJson(analysis, joint), logs: { matched: match.runs.length, missing: match.missing, unmatched: match.unmatched, notes: match.notes } }));
      else io.out([...match.notes.map((n) => `note: ${n}`), report(analysis, joint)].join('\n'));
      return 0;
    }
    const table = parseRunsCsv(readInputFile(file, 'results CSV'), { fileName: file, columns });
    let rows = table.rows;
    for (const [col, value] of parsePairs(get.strs(p, 'where'), 'where')) {
      if (!table.headers.includes(col)) throw new InputError(`--where: no column '${col}' (headers: ${table.headers.join(', ')})`);
      if (!Object.hasOwn(rows[0]?.extra ?? {}, col)) throw new InputError(`--where: '${col}' is read as a numeric role; filter on a text column`);
      rows = rows.filter((r) => r.extra[col] === value);
    }
    if (rows.length === 0) throw new InputError(`no rows left after --where ${get.strs(p, 'where')?.join(' ')}`);
    const confidence = get.num(p, 'confidence');
    if (confidence !== undefined && !(confidence < 1)) throw new InputError(`--confidence must be in (0, 1), got ${confidence}`);
    const window = get.num(p, 'window');
    if (window === 0) throw new InputError('--window must be ≥ 1 (neighbours on each side of the minimum)');
    const analysis = analyseIsoflop(runsFromCsvRows(rows, file), {
      window,
      confidence,
      groupTolerance: get.num(p, 'group-tolerance'),
      skipBadBudgets: get.bool(p, 'skip-bad-budgets'),
    });
    const joint = get.bool(p, 'no-joint') ? null : jointFit(analysis);
    if (get.bool(p, 'json')) io.out(cliJson(isoflopJson(analysis, joint)));
    else io.out(report(analysis, joint));
    for (const line of droppedLines(file, table.summary.dropped)) (get.bool(p, 'json') ? io.err : io.out)(line);
    return 0;
  },
};

/** `scaling-laws isoflop --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function isoflopHelp(): string {
  return `Usage: scaling-laws isoflop <results.csv> [--json] [--window k] [--where column=value]…
       scaling-laws isoflop <sweep.jsonc> --logs <folder> [--json] …

With a sweep config and --logs, each planned run is matched to its training log by its run id (b<i>-m<j>,
e.g. small-isoflop-b2-m3.csv or a TensorBoard directory of that name); its final loss is analysed with the
plan's N, D and compute.

Chinchilla Approach 2 (Hoffmann et al. 2022 §3.2) on a CSV of finished runs with columns for loss and
two of compute (C/compute/flops), N (params) and D (tokens); a 'budget' column, if present, groups runs.
Otherwise runs whose compute differs by less than --group-tolerance (default ${DEFAULT_GROUP_TOLERANCE * 100} %) form one budget.

  --json                 {"a","k","b","kD","minima":[{"compute","N","D","loss",…}],…}
  --window k             fit each parabola to the lowest-loss run and k neighbours on each side
                         (default: all runs; Porian et al. 2024 use 3)
  --where column=value   keep only rows whose column equals value (repeatable)
  --column role=header   take a role (N, D, loss, C, U) from a named column
  --group-tolerance f    relative compute gap that separates budgets (default ${DEFAULT_GROUP_TOLERANCE})
  --confidence p         level of every interval (default 0.95)
  --skip-bad-budgets     exclude budgets with < 3 runs or no interior minimum instead of refusing
  --no-joint             skip the joint fit L = E + A/N^α + B/D^β over the same runs (Approach 3),
                         whose implied a = β/(α+β) is otherwise reported beside the IsoFLOP exponent

Refuses (exit 1) with fewer than 3 budgets, fewer than 3 runs in a budget, no interior minimum, or
compute values that do not form discrete budgets.`;
}

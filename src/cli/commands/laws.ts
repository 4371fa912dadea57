/** `scaling-laws laws [--json]` — the published-law registry: ids, citations, forms, conventions, ranges. */
import { formatTable, parseArgs, get } from '../args';
import type { CliCommand, CliIO } from '../io';
import { formatCount, formatSci } from '../../core/format';
import { LAWS, type LawInfo } from '../../core/laws';

function range(r: [number, number] | undefined, fmt: (x: number) => string): string {
  return r ? `${fmt(r[0])}–${fmt(r[1])}` : '–';
}

/** "Hoffmann et al. 2022"; team authorships ("DeepSeek-AI (Bi, …)") keep the team name. */
function paper(l: LawInfo): string {
  const a = l.citation.authors;
  const who = a.includes('(') ? a.slice(0, a.indexOf('(')).trim() : `${a.split(',')[0].trim()}${a.includes(',') ? ' et al.' : ''}`;
  return `${who} ${l.citation.year}`;
}

function flags(l: LawInfo): string {
  return [l.provisional && 'provisional', l.historical && 'historical', l.paramConvention === 'non-embedding' && 'non-embedding N']
    .filter(Boolean)
    .join(', ');
}

export function lawsTable(): string {
  const rows = LAWS.map((l) => [
    l.id,
    paper(l),
    l.predictsLoss ? 'yes' : 'no',
    range(l.fitted.params, formatCount),
    range(l.fitted.compute, formatSci),
    flags(l),
    l.citation.url,
  ]);
  return formatTable(['law', 'paper', 'loss', 'fitted N', 'fitted C (FLOPs)', 'notes', 'citation'], rows);
}

export const lawsCommand: CliCommand = {
  summary: 'list the published scaling laws (ids, citations, forms, fitted ranges)',
  help: `Usage: scaling-laws laws [--json]

Lists every law in the registry with its citation, whether it predicts a loss, and the parameter and
compute ranges the paper fitted (anything outside them is an extrapolation).

  --json   {"laws":[{id, name, citation, form, constants{…: {value, source, note}}, paramConvention,
           flopConvention, fitted, architecture, data, languages, caveats, predictsLoss, lossUnit}]}`,
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, { json: 'boolean' });
    if (get.bool(p, 'json')) {
      io.out(JSON.stringify({ laws: LAWS }, null, 2));
      return 0;
    }
    io.out(lawsTable());
    io.out('');
    for (const l of LAWS) io.out(`${l.id}: ${l.form}`);
    return 0;
  },
};

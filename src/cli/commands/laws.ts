/** `scaling-laws laws [--json]` — the published-law registry: ids, citations, forms, conventions, ranges. */
import { formatTable, parseArgs, get } from '../lib/args';
import { InputError } from '../../core/errors';
import type { CliCommand, CliIO } from '../lib/io';
import { formatCount, formatSci } from '../../core/format';
import { LAWS, PARAM_CONVENTION_LABELS, type LawInfo } from '../../core/laws';
import { cliJson } from '../lib/json';

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
  return [l.provisional && 'provisional', l.historical && 'historical', l.paramConvention !== 'total' && `${l.paramConvention} N`]
    .filter(Boolean)
    .join(', ');
}

/** "unrounded (default), eq10-rounded, sardana2024". */
function constantSets(l: LawInfo): string {
  return (l.constantSets ?? []).map((c) => `${c.id}${c.default ? ' (default)' : ''}`).join(', ');
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

/** A Markdown table cell: pipes escaped (GFM splits cells on them, even inside code spans), one line. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function fittedRanges(l: LawInfo): string {
  const f = l.fitted;
  const parts = [
    f.params && `N ${range(f.params, formatCount)}`,
    f.tokens && `D ${range(f.tokens, formatCount)}`,
    f.compute && `C ${range(f.compute, formatSci)} FLOPs`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : '–';
}

/**
 * The registry as a GitHub-flavoured Markdown table (README's law table is generated from this, so
 * it cannot drift from the constants the code uses).
 */
export function lawsMarkdown(): string {
  const header = ['id', 'paper', 'form', 'conventions', 'fitted ranges', 'notes'];
  const rows = LAWS.map((l) => [
    `\`${l.id}\``,
    `[${paper(l)}](${l.citation.url}), *${l.citation.title}* — ${l.citation.source}`,
    `\`${l.form}\``,
    `N: ${PARAM_CONVENTION_LABELS[l.paramConvention]}; C: ${l.flopConvention}`,
    fittedRanges(l),
    [
      flags(l),
      l.predictsLoss ? `loss: ${l.lossUnit}` : 'frontier only (no loss)',
      l.languages.length > 1 ? `languages: ${l.languages.join(', ')}` : '',
      l.constantSets ? `constant sets: ${constantSets(l)}` : '',
    ]
      .filter(Boolean)
      .join('; '),
  ]);
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

export const lawsCommand: CliCommand = {
  summary: 'list the published scaling laws (ids, citations, forms, fitted ranges)',
  run(argv: string[], io: CliIO): number {
    const p = parseArgs(argv, { json: 'boolean', markdown: 'boolean' });
    if (get.bool(p, 'json') && get.bool(p, 'markdown')) throw new InputError('give --json or --markdown, not both');
    if (get.bool(p, 'markdown')) {
      io.out(lawsMarkdown());
      return 0;
    }
    if (get.bool(p, 'json')) {
      io.out(cliJson({ laws: LAWS }));
      return 0;
    }
    io.out(lawsTable());
    io.out('');
    for (const l of LAWS) {
      io.out(`${l.id}: ${l.form}`);
      if (l.constantSets) io.out(`  constant sets (--constants): ${constantSets(l)}`);
    }
    return 0;
  },
};

/** `scaling-laws laws --help` (src/cli/main.ts; kept out of the command object so the extension bundle, which runs the commands for its agent tools, does not carry it). */
export function lawsHelp(): string {
  return `Usage: scaling-laws laws [--json | --markdown]

Lists every law in the registry with its citation, whether it predicts a loss, and the parameter and
compute ranges the paper fitted (anything outside them is an extrapolation).

  --json   {"laws":[{id, name, citation, form, constants{…: {value, source, note}}, paramConvention,
           flopConvention, constantSets?, fitted, architecture, data, languages, caveats, predictsLoss, lossUnit}]}
  --markdown  the same registry as a Markdown table (id, paper with arXiv link, form, conventions,
           fitted ranges, notes), e.g. for the README`;
}

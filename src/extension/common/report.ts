/**
 * Export formats for the panels' results: CSV tables and a Markdown report. Pure (no `vscode`), so the
 * text is unit-tested. User-controlled text (file names, CSV headers) is escaped for Markdown and HTML, so
 * a header such as `<img src=x onerror=alert(1)>` stays literal when the report is previewed.
 */
import { formatCount, formatNum, formatSci } from '../../core/format';
import { formatParam } from '../../shared/format';
import type { FitView, Note, PlannerView } from '../../shared/protocol';

/** Escape text for a Markdown table cell or paragraph (also neutralises inline HTML). */
export function mdText(s: string): string {
  return s
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** RFC 4180 field: quoted when it contains a delimiter, quote or line break. */
export function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLines(header: string[], rows: Array<Array<string | number | null>>): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

function mdTable(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

const opt = (x: number | null, f: (v: number) => string) => (x === null || !Number.isFinite(x) ? '—' : f(x));
const noteLine = (n: Note) => `- ${n.severity === 'info' ? '' : `**${n.severity}:** `}${mdText(n.text)}`;
const images = (files: string[]) => files.map((f) => `![${mdText(f)}](${encodeURI(f)})`).join('\n\n');

export function plannerCsv(view: PlannerView): string {
  return csvLines(
    ['law', 'name', 'N', 'D', 'loss', 'tokens_per_param', 'compute_flops', 'method', 'paper'],
    view.rows.map((r) => [r.lawId, r.lawName, r.N, r.D, r.loss, r.tokensPerParam, r.compute, r.method, r.citationUrl]),
  );
}

export function plannerMarkdown(view: PlannerView, imageFiles: string[] = []): string {
  const out = ['# Compute-optimal plan', '', mdText(view.computeSource), ''];
  out.push(mdTable(['Law', 'N*', 'D*', 'L̂', 'tokens/param', 'compute (FLOPs)', 'paper'], view.rows.map((r) => [
    mdText(r.lawName), opt(r.N, formatCount), opt(r.D, formatCount), opt(r.loss, (x) => formatNum(x, 4)),
    opt(r.tokensPerParam, (x) => formatNum(x, 3)), opt(r.compute, formatSci), `[arXiv](${r.citationUrl})`,
  ])));
  const c = view.consensus;
  if (c) {
    const range = (x: { low: number; mid: number; high: number }, f: (v: number) => string) => `${f(x.mid)} (${f(x.low)}–${f(x.high)})`;
    out.push('', `**Consensus:** N* ${range(c.N, formatCount)}, D* ${range(c.D, formatCount)} tokens, ${range(c.tokensPerParam, (x) => formatNum(x, 3))} tokens/param — ${mdText(c.rule)}: ${c.laws.join(', ')}.`,
      '', `**Most relevant:** ${mdText(c.relevant.lawName)} — ${mdText(c.relevant.reason)}.`);
  }
  if (imageFiles.length) out.push('', images(imageFiles));
  out.push('', '## Guidance');
  for (const g of view.guidance) out.push('', `### ${mdText(g.lawName)}`, '', ...g.notes.map(noteLine));
  return out.join('\n') + '\n';
}

export function fitCsv(view: FitView): string {
  const params = csvLines(['parameter', 'value', 'stderr', 'ci_low', 'ci_high'], view.params.map((p) => [p.name, p.value, p.stderr, p.lo, p.hi]));
  const rows = csvLines(['line', 'N', 'D', 'loss', 'predicted', 'residual'], view.points.map((p) => [p.line, p.N, p.D, p.loss, p.predicted, p.loss - p.predicted]));
  return `${params}\n${rows}`;
}

export function fitMarkdown(view: FitView, imageFiles: string[] = []): string {
  const out = [`# Scaling-law fit: ${mdText(view.fileName)}`, '', `**${mdText(view.formLabel)}**`, '', '```', view.formula, '```', '', `$$${view.latex}$$`, ''];
  out.push(mdTable(['metric', 'value'], [...view.metrics.map((m) => [mdText(m.label), opt(m.value, (x) => formatNum(x, 4))]), ['rows used', `${view.rowsUsed} of ${view.rowsTotal}`]]));
  out.push('', '## Parameters', '', mdTable(['parameter', 'value', '± SE', '95 % interval'], view.params.map((p) => [
    mdText(p.name), formatParam(p.value, 5), opt(p.stderr, (x) => formatParam(x, 3)),
    p.lo === null || p.hi === null ? '—' : `[${formatParam(p.lo, 4)}, ${formatParam(p.hi, 4)}]`,
  ])));
  out.push('', '## Recommendations', '', ...view.recommendations.map(noteLine));
  if (imageFiles.length) out.push('', '## Plots', '', images(imageFiles));
  out.push('', `<sub>${mdText(view.provenance)}</sub>`);
  return out.join('\n') + '\n';
}

/**
 * The rows a CSV reader dropped (missing values, NaN spellings, non-positive numbers), as text lines: the
 * text output of `fit` and `isoflop` lists them as the JSON's summary.dropped does, so nothing is lost
 * silently. A long list is cut at `limit` lines with a count of the rest (--json lists every one).
 */
export function droppedLines(file: string, dropped: ReadonlyArray<{ line: number; reason: string }>, limit = 20): string[] {
  if (dropped.length === 0) return [];
  const out = [`dropped ${dropped.length} row${dropped.length === 1 ? '' : 's'}:`];
  for (const d of dropped.slice(0, limit)) out.push(`  ${file}:${d.line}: ${d.reason}`);
  if (dropped.length > limit) out.push(`  … and ${dropped.length - limit} more (--json lists every one)`);
  return out;
}

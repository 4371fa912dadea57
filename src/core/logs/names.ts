/**
 * N from a run or file name: "opt-125m", "pythia-1.3b", "llama_7B" carry the parameter count as a number with
 * a K/M/B/T suffix. Lower-case suffixes are accepted here (run names are lower-cased by many tools; "125m"
 * cannot mean milli-parameters), unlike CSV cells (csv/numbers.ts). Names that encode the size another way
 * ("d32" for depth 32, "small") need a size table from the user. A name with several size-like tokens
 * ("lm1-2b8-55b-c4": 2.8B parameters and 55B tokens) is ambiguous and gives no N — never a guess.
 */

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };
const SIZE_TOKEN = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)([kmbgt])(?=$|[^a-z0-9])/gi;

export type SizeFromName = { N: number; token: string; via: 'name' | 'table' } | { N: null; reason: string };

/** Tokens of a name: split on anything but letters, digits and '.', lower-cased. */
const tokensOf = (name: string) => name.toLowerCase().split(/[^a-z0-9.]+/).filter(Boolean);

export function sizeFromName(name: string, sizes?: Record<string, number>): SizeFromName {
  if (sizes) {
    const toks = new Set(tokensOf(name));
    const hits = Object.keys(sizes).filter((k) => toks.has(k.toLowerCase()) || name.toLowerCase() === k.toLowerCase());
    if (hits.length === 1) return { N: sizes[hits[0]], token: hits[0], via: 'table' };
    if (hits.length > 1) return { N: null, reason: `several size-table entries match '${name}' (${hits.join(', ')})` };
  }
  const found = new Map<number, string>();
  for (const m of name.matchAll(SIZE_TOKEN)) found.set(Number(m[1]) * SUFFIX[m[2].toLowerCase()], `${m[1]}${m[2]}`);
  if (found.size === 1) {
    const [[N, token]] = [...found];
    return { N, token, via: 'name' };
  }
  if (found.size > 1) return { N: null, reason: `'${name}' holds several sizes (${[...found.values()].join(', ')}); give N with a column or a size table` };
  return { N: null, reason: `no size such as 125M or 1.3B in '${name}'${sizes ? ' and no size-table entry' : ''}` };
}

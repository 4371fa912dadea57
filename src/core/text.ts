/**
 * Text from user files (config values, CSV headers, file names) shown or written elsewhere: one place that
 * decides what counts as a line break or an invisible character, and how such text is neutralised.
 *
 * "Non-printing" is Unicode's Cc (C0/C1 controls, incl. U+0085 NEXT LINE), Cf (format: bidi overrides,
 * zero-width joiners, BOM), Zl (U+2028) and Zp (U+2029). YAML 1.1 — the version PyYAML implements, which
 * SkyPilot uses — reads U+0085, U+2028 and U+2029 as line breaks (YAML 1.1 §5.4 "b-char"), so a value
 * that looks like one line to JavaScript can end a YAML comment or scalar; terminals act on C0/C1
 * escape sequences; bidi overrides make text read differently from what it is.
 */

const NON_PRINTING = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const NON_PRINTING_G = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** True when `s` has no line break of any kind and no control or format character. */
export function isSingleLine(s: string): boolean {
  return !NON_PRINTING.test(s);
}

/** The first non-printing character of `s` as U+XXXX, for error messages. */
export function firstNonPrinting(s: string): string | undefined {
  const m = NON_PRINTING.exec(s);
  return m ? `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

const hex = (c: string) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`;

const escapeChar = (c: string) => (Object.hasOwn(ESCAPES, c) ? ESCAPES[c] : hex(c));

/** Every non-printing character shown escaped (\n, \t, \u2028…): safe on one line of a message or terminal. */
export function escapeNonPrinting(s: string): string {
  return s.replace(NON_PRINTING_G, escapeChar);
}

/**
 * Text bound for a terminal: C0/C1 controls (ESC, CSI U+009B…), DEL, line/paragraph separators and format
 * characters escaped, keeping only the line feeds and tabs of our own multi-line output.
 */
export function forTerminal(s: string): string {
  // Line feeds and tabs are not matched at all: the CLI's JSON for a million rows has millions of line feeds,
  // and a callback for each of them took 7 s of a 30 s fit. Text with none of the candidates is returned as it
  // is after one scan with a plain character class (the Unicode-property scan took 1.2 s over a 142 MB output).
  return MAYBE_NON_PRINTING_EXCEPT_LF_TAB.test(s) ? s.replace(NON_PRINTING_EXCEPT_LF_TAB_G, escapeChar) : s;
}
const NON_PRINTING_EXCEPT_LF_TAB_G = /[^\P{Cc}\t\n]|[\p{Cf}\p{Zl}\p{Zp}]/gu;
/**
 * Every UTF-16 unit that can be (part of) a character NON_PRINTING_EXCEPT_LF_TAB_G matches, as a plain class:
 * C0 but \t \n, DEL and C1, the BMP's Cf, Zl and Zp, and all surrogates (astral Cf: tags, Egyptian format
 * controls…). A superset, checked against the property class for every code point in test/unit.
 */
export const MAYBE_NON_PRINTING_EXCEPT_LF_TAB =
  /[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]/;

/** Free text on one line (a comment in an exported script): each run of non-printing characters becomes a space. */
export function oneLineText(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ');
}

/**
 * Escape text for a Markdown paragraph or table cell, including a hover: HTML, emphasis, links, images,
 * code spans, table pipes and bare URLs stay literal (a config value such as `[x](command:…)` or
 * `https://…` is not a link), and line breaks become spaces.
 */
export function markdownText(s: string): string {
  return oneLineText(s)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    // Bare URLs are autolinked by GFM renderers (VS Code hovers): break the patterns without changing the text.
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** Own-property lookup: a key such as "constructor" or "__proto__" is not in a lookup table. */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

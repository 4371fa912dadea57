/**
 * JSONC (JSON with comments and trailing commas) parsing for config files, via jsonc-parser — the
 * parser VS Code itself uses — keeping the syntax tree so every error and diagnostic can point at the
 * exact line and column of the value it is about.
 */
import { InputError } from '../errors';
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, SyntaxKind, type JSONPath, type Node, type ParseError } from 'jsonc-parser';

export type { JSONPath, Node } from 'jsonc-parser';

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

const PARSE_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number format',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected end of file',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

export interface SyntaxProblem {
  message: string;
  offset: number;
  length: number;
  line: number;
  column: number;
}

export interface ParsedJsonc {
  fileName: string;
  text: string;
  root: Node | undefined;
  /** The parsed value (best effort when there are syntax errors). */
  value: unknown;
  errors: SyntaxProblem[];
}

/**
 * Deepest nesting of objects and arrays a config may have. Configs nest three or four levels; jsonc-parser's
 * parser (and every tree walk after it) recurses once per level, so 100,000 levels would overflow the stack.
 */
export const MAX_JSONC_DEPTH = 64;

/**
 * The offset of the first '{' or '[' nested deeper than `max`, or -1. One pass of jsonc-parser's scanner
 * (a loop, not recursion), so it is safe on any input and runs before the recursive parser.
 */
export function tooDeepAt(text: string, max = MAX_JSONC_DEPTH): number {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    if (t === SyntaxKind.OpenBraceToken || t === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return scanner.getTokenOffset();
    } else if (t === SyntaxKind.CloseBraceToken || t === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
}

/** The message for text nested deeper than MAX_JSONC_DEPTH. */
export const TOO_DEEP = `nested deeper than ${MAX_JSONC_DEPTH} levels of objects and arrays: expected a config object a few levels deep`;

/** Parse without throwing (the editor shows every syntax error as a diagnostic). */
export function parseJsonc(text: string, fileName: string): ParsedJsonc {
  const deep = tooDeepAt(text);
  if (deep >= 0) {
    return { fileName, text, root: undefined, value: undefined, errors: [{ message: TOO_DEEP, offset: deep, length: 1, ...lineColumn(text, deep) }] };
  }
  const raw: ParseError[] = [];
  const root = parseTree(text, raw, { allowTrailingComma: true, disallowComments: false });
  const errors = raw.map((e) => {
    const code = printParseErrorCode(e.error);
    return { message: `invalid JSONC: ${PARSE_MESSAGES[code] ?? code}`, offset: e.offset, length: e.length, ...lineColumn(text, e.offset) };
  });
  return { fileName, text, root, value: root ? nodeValue(root) : undefined, errors };
}

/** Parse or throw InputError at the first syntax error (CLI). */
export function parseJsoncStrict(text: string, fileName: string): ParsedJsonc {
  const p = parseJsonc(text, fileName);
  if (p.errors.length) {
    const e = p.errors[0];
    throw new InputError(fileName, e.line, e.column, e.message);
  }
  if (!p.root || p.root.type !== 'object') {
    const at = lineColumn(text, p.root?.offset ?? 0);
    throw new InputError(fileName, at.line, at.column, 'expected a JSON object at the top level');
  }
  return p;
}

/** getNodeValue without jsonc-parser's `any`. */
function nodeValue(n: Node): unknown {
  switch (n.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && typeof k.value === 'string') o[k.value] = v ? nodeValue(v) : undefined;
      }
      return o;
    }
    case 'array':
      return (n.children ?? []).map(nodeValue);
    default:
      return n.value as unknown;
  }
}

export interface Span {
  offset: number;
  length: number;
}

/**
 * Where a JSON path lives in the text: the value node if present, else the deepest existing ancestor
 * (so "missing field" errors point at the object that should contain it).
 */
export function locate(root: Node | undefined, path: JSONPath): Span {
  if (!root) return { offset: 0, length: 0 };
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, path.slice(0, n));
    if (node) return n === path.length ? { offset: node.offset, length: node.length } : { offset: node.offset, length: 1 };
  }
  return { offset: root.offset, length: 1 };
}

/** The property-key node for a path (for "unknown key" squiggles). */
export function locateKey(root: Node | undefined, path: JSONPath): Span {
  const v = root ? findNodeAtLocation(root, path) : undefined;
  const key = v?.parent?.type === 'property' ? v.parent.children?.[0] : undefined;
  return key ? { offset: key.offset, length: key.length } : locate(root, path);
}

/** InputError for a path of a parsed file. */
export function errorAt(p: ParsedJsonc, path: JSONPath, detail: string): InputError {
  const { line, column } = lineColumn(p.text, locate(p.root, path).offset);
  return new InputError(p.fileName, line, column, detail);
}

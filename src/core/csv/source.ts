/**
 * The text of a CSV a worker analyses (fit and IsoFLOP panels, the language-model tools): given as text (an
 * edited document, a web host with no file system), or named by a path the worker reads itself — so the
 * extension host never reads, decodes or copies a large file (17 MB for 400k rows: ~1 s of host time).
 *
 * A path is read asynchronously and only when it is a regular file of at most MAX_INPUT_BYTES: a FIFO or a
 * device is never read (opened non-blocking, then checked on the open handle), a huge file is a located
 * CsvError, not unbounded memory. Decoded as UTF-8 with the BOM dropped, like the host's TextDecoder.
 */
import { CsvError } from './index';
import { MAX_INPUT_BYTES } from '../limits';

export type TextSource = { text: string } | { path: string };

type FsPromises = typeof import('node:fs/promises');
type FsConstants = typeof import('node:fs').constants;

/**
 * Node's fs, or null in a browser (Web Worker). `module.require` rather than `require`: the bundler leaves it
 * alone, so the browser build of the same worker entry needs no stand-in for `fs`.
 */
function nodeFs(): { fs: FsPromises; constants: FsConstants } | null {
  if (typeof process === 'undefined' || !process.versions?.node || typeof module === 'undefined') return null;
  const fs = module.require('node:fs/promises') as FsPromises;
  return { fs, constants: fs.constants as FsConstants };
}

const unreadable = (path: string, e: unknown) =>
  new CsvError(path, 1, 1, `cannot read the file (${(e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.message : String(e))})`);

/** Refuse what is not a regular file of at most MAX_INPUT_BYTES (CsvError at `where:1:1`); also used on the host's workspace.fs stat. */
export function checkStat(where: string, st: { isFile(): boolean; size: number }): void {
  if (!st.isFile()) throw new CsvError(where, 1, 1, 'not a regular file');
  if (st.size > MAX_INPUT_BYTES) throw new CsvError(where, 1, 1, `the file is ${st.size} bytes; at most ${MAX_INPUT_BYTES} bytes (256 MiB) are read`);
}

/** The source's text; a path is read as described above (CsvError at `path:1:1` when it cannot be). */
export async function readSource(source: TextSource): Promise<string> {
  if ('text' in source) return source.text;
  const { path } = source;
  const node = nodeFs();
  if (!node) throw new CsvError(path, 1, 1, 'cannot read the file (no local file system here)');
  const { fs, constants } = node;
  try {
    checkStat(path, await fs.stat(path));
  } catch (e) {
    throw e instanceof CsvError ? e : unreadable(path, e);
  }
  // Non-blocking, so a file swapped for a FIFO after the stat does not hang the open; checked again on the handle.
  let handle: Awaited<ReturnType<FsPromises['open']>>;
  try {
    handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    checkStat(path, await handle.stat());
    const bytes = await handle.readFile();
    if (bytes.length > MAX_INPUT_BYTES) checkStat(path, { isFile: () => true, size: bytes.length });
    return new TextDecoder().decode(bytes);
  } catch (e) {
    throw e instanceof CsvError ? e : unreadable(path, e);
  } finally {
    await handle.close();
  }
}

/**
 * Leave the given physical lines (1-based) out of a CSV by blanking them: the reader skips blank lines and
 * keeps counting, so every other row keeps its line number in errors and residuals.
 */
export function blankLines(text: string, lines: readonly number[]): string {
  if (!lines.length) return text;
  const drop = new Set(lines);
  return text.split(/(\r?\n)/).map((part, i) => (i % 2 === 0 && drop.has(i / 2 + 1) ? '' : part)).join('');
}

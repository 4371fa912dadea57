/**
 * Reading the files named on the command line, bounded: at most MAX_INPUT_BYTES are read whatever the file
 * is (a regular file, a pipe from `<(…)`, or /dev/zero), so a huge or endless input is a one-line input error
 * (exit 2) instead of V8's "Cannot create a string longer than …" or unbounded memory.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { InputError } from '../../core/errors';
import { MAX_INPUT_BYTES } from '../../core/limits';

export { MAX_INPUT_BYTES };

function unreadable(path: string, e: unknown): InputError {
  return new InputError(path, 1, 1, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
}

/** The bytes of `path`; throws InputError (`path:1:1: …`, exit 2) when it cannot be read or holds more than `cap` bytes. */
export function readInputBytes(path: string, what: string, cap = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, cap + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        throw unreadable(path, e);
      }
      if (n === 0) break;
      total += n;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      if (total > cap) throw new InputError(path, 1, 1, `the ${what} is larger than ${Math.round(cap / 1048576)} MiB: split or aggregate it first`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Largest config file read (architecture, backward and sweep configs are a few KB). */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/**
 * A file a config refers to (a backward config's "architecture" path): read only when it is a regular file
 * of at most MAX_CONFIG_BYTES — a FIFO would block until written, a device such as /dev/zero never ends.
 * undefined when it is not.
 */
export function readReferencedFile(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > MAX_CONFIG_BYTES) return undefined;
    return readInputFile(path, 'file', MAX_CONFIG_BYTES);
  } catch {
    return undefined;
  }
}

/** The UTF-8 text of `path` (see readInputBytes). */
export function readInputFile(path: string, what: string, cap = MAX_INPUT_BYTES): string {
  return readInputBytes(path, what, cap).toString('utf8');
}

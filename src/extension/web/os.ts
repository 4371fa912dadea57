/**
 * `os` / `node:os` in the extension bundle (esbuild.mjs resolves both to this file): Node's own module under Node;
 * in a web worker only `homedir()` (the one call: a default folder for new configs when no workspace is open).
 */
import { isNode } from '../../core/platform';

export = isNode ? (require('node:os') as typeof import('node:os')) : { homedir: (): string => '/' };

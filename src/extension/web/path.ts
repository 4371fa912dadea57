/**
 * `path` / `node:path` in the extension bundle (esbuild.mjs resolves both to this file): Node's own module under
 * Node (win32 paths on Windows), path-browserify (POSIX paths, as the web host's URIs have) in a web worker.
 */
import browserPath from 'path-browserify';
import { isNode } from '../../core/platform';

export = isNode ? (require('node:path') as typeof import('node:path')) : browserPath;

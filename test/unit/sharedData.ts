/**
 * Where the published data sets used as oracles live. CI clones the repo with `shared/` beside it, so
 * `<repo>/../shared/data` comes first; SCALING_LAWS_SHARED_DATA overrides; /work/shared/data is the
 * developers' machines' location. Unlicensed sets are never copied into the repo, so a test that needs one
 * skips LOUDLY (by name, with a warning) where none of these exists — it never passes silently.
 */
import { existsSync, readFileSync } from 'fs';
import * as path from 'path';

const CANDIDATES = [
  process.env.SCALING_LAWS_SHARED_DATA,
  path.resolve(__dirname, '../../../shared/data'),
  '/work/shared/data',
].filter((p): p is string => !!p);

/** The first data folder that exists (or the first candidate, so messages name where it was expected). */
export const SHARED_DATA = CANDIDATES.find((p) => existsSync(p)) ?? CANDIDATES[0];

/** Absolute path of a file under the shared data folder, e.g. sharedData('chinchilla_epoch/svg_extracted_data.csv'). */
export function sharedData(rel: string): string {
  return path.join(SHARED_DATA, rel);
}

/** The text of a shared data file, or a LOUD named skip of the current test when it is absent. */
export function requireSharedFile(ctx: Mocha.Context, file: string): string {
  if (!existsSync(file)) {
    console.warn(`SKIPPED (${ctx.test?.title}): ${file} is not available`);
    ctx.skip();
  }
  return readFileSync(file, 'utf8');
}

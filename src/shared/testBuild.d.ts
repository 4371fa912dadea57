/**
 * Set by esbuild.mjs (`define`): true in the development / integration-test build, false in the production
 * bundles users install (`npm run package`), where code under `if (TEST_BUILD)` is dropped as dead code.
 * Only bundled code may read it (the unit tests run sources under tsx, where it is not defined).
 */
declare const TEST_BUILD: boolean;

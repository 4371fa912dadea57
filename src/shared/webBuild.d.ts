/**
 * Set by esbuild.mjs (`define`): true in the web extension bundle (dist/web/extension.js, which runs in a Web
 * Worker extension host: vscode.dev, github.dev, code-server's browser host), false in every other bundle.
 * Only bundled code may read it (the unit tests run sources under tsx, where it is not defined).
 */
declare const WEB_BUILD: boolean;

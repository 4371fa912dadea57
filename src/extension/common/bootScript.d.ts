/**
 * The panels' boot script (webview/boot.ts, built and minified), set by esbuild.mjs (`define`) as a string that
 * every panel's HTML puts inline before the main bundle (src/extension/common/html.ts). Only bundled code may read it.
 */
declare const PAGE_BOOT_SCRIPT: string;

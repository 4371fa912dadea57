#!/usr/bin/env node
// Use the workbench like a person: Command Palette -> command -> wait for text in the webview it opens ->
// screenshots of the window and of the webview alone. Checks that the *installed* .vsix contributes the
// command to the palette and that the panel paints; prints the palette→painted time.
// Usage: node webview-shot.js "<Command Palette title>" "<text to wait for in webview>" <out.png> [workspaceFolder]
// Env:   VSCH_URL, CLICK_SELECTOR (css selector to click inside the webview), CHROMIUM
'use strict';
const fs = require('fs'); const path = require('path');
const { launch, webviewWithText } = require('./chromium');
(async () => {
  const [cmdTitle, waitText, out, folder] = process.argv.slice(2);
  const base = (process.env.VSCH_URL || 'http://127.0.0.1:38517').replace(/\/$/, '');
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const t0 = Date.now(); const lap = m => console.log(`[shot ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
  const { page, close } = await launch();
  try {
    await page.goto(`${base}/${folder ? '?folder=' + encodeURIComponent(path.resolve(folder)) : '?ew=true'}`, { timeout: Number(process.env.VSCH_GOTO_TIMEOUT_MS || 180000) });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    lap('workbench rendered');
    // The command only shows up once the remote extension host has read the extension's manifest: retry.
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: cmdTitle }).first();
    for (let i = 0; ; i++) {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(cmdTitle);
      try { await row.waitFor({ timeout: 2000 }); break; } catch (e) {
        if (i >= 15) throw new Error(`command "${cmdTitle}" not in Command Palette (extension not installed before server start?)`);
        await page.keyboard.press('Escape');
      }
    }
    const tCmd = Date.now();
    await page.keyboard.press('Enter');
    lap('command run: ' + cmdTitle);
    const wv = await webviewWithText(page, waitText, 30000);
    lap(`webview shows "${waitText}" ${Date.now() - tCmd} ms after the command (incl. activation)`);
    if (process.env.CLICK_SELECTOR) { await wv.inner.locator(process.env.CLICK_SELECTOR).first().click(); }
    await page.waitForTimeout(800);
    await page.screenshot({ path: out });
    lap('saved ' + out);
  } catch (e) {
    await page.screenshot({ path: out.replace(/\.png$/, '') + '-failure.png' }).catch(() => {});
    throw e;
  } finally {
    await close();
  }
})().catch(e => { console.error('[vsch] webview-shot failed:', e.message); process.exit(1); });

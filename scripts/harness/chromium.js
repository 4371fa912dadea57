// Shared by run-tests.js and webview-shot.js: launch headless Debian Chromium through playwright-core with a
// throw-away profile, and locate the webview that is currently visible in the workbench.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs'); const os = require('os'); const path = require('path');

/** Launch Chromium with a temporary profile; returns { ctx, page, close }. */
async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vsch-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    viewport: { width: Number(process.env.VSCH_VIEWPORT_W || 1400), height: Number(process.env.VSCH_VIEWPORT_H || 900) },
    // keep Chromium's crashpad/dconf files out of $HOME
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
  });
  const page = ctx.pages()[0] || await ctx.newPage();
  // The workbench's first load can take minutes on a busy machine (2 cores shared by parallel builds):
  // playwright's 30 s default failed runs whose tests would have passed.
  page.setDefaultNavigationTimeout(Number(process.env.VSCH_NAV_TIMEOUT_MS || 300000));
  const close = async () => { await ctx.close().catch(() => {}); fs.rmSync(profile, { recursive: true, force: true }); };
  return { ctx, page, close };
}

const SEL = 'iframe.webview.ready';
const at = (page, i) => ({ element: page.locator(SEL).nth(i), inner: page.frameLocator(SEL).nth(i).frameLocator('iframe#active-frame') });

/** The last visible webview: its outer <iframe> (for element screenshots) and its inner document. */
function visibleWebview(page) {
  const sel = `${SEL}:visible`;
  return { element: page.locator(sel).last(), inner: page.frameLocator(sel).last().frameLocator('iframe#active-frame') };
}

/**
 * The visible webview that shows `text` (several panels may be visible side by side, and hidden ones keep
 * their iframes): polls every visible webview until one contains the text, or throws after `timeout` ms.
 */
async function webviewWithText(page, text, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const n = await page.locator(SEL).count();
    for (let i = n - 1; i >= 0; i--) {
      const wv = at(page, i);
      if (!(await wv.element.isVisible().catch(() => false))) continue;
      if ((await wv.inner.getByText(text).count().catch(() => 0)) > 0) return wv;
    }
    if (Date.now() > end) {
      const frames = await page.evaluate(() => [
        ...[...document.querySelectorAll('iframe')].map((f) => `${f.className}|${f.offsetWidth}x${f.offsetHeight}`),
        ...[...document.querySelectorAll('[class*=webview]')].map((e) => `<${e.tagName.toLowerCase()} class="${e.className}">`),
        `tabs: ${[...document.querySelectorAll('.tab .label-name')].map((t) => t.textContent).join(' | ')}`,
      ]);
      throw new Error(`no visible webview shows "${text}" after ${timeout} ms (iframes: ${frames.join(', ') || 'none'}; ${page.url().slice(0, 80)})`);
    }
    await page.waitForTimeout(200);
  }
}

module.exports = { launch, visibleWebview, webviewWithText };

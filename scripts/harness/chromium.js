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
  const close = async () => { await ctx.close().catch(() => {}); fs.rmSync(profile, { recursive: true, force: true }); };
  return { ctx, page, close };
}

/** The visible webview: its outer <iframe> (for element screenshots) and the inner document (for text waits). */
function visibleWebview(page) {
  const sel = 'iframe.webview.ready:visible';
  return {
    element: page.locator(sel).last(),
    inner: page.frameLocator(sel).last().frameLocator('iframe#active-frame'),
  };
}

module.exports = { launch, visibleWebview };

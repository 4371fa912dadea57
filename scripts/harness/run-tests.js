#!/usr/bin/env node
// Run the extension's integration suite inside code-server's real Node (remote) extension host, the way
// VS Code's own browser integration tests do: open the workbench with a `payload` URL parameter naming
// extensionDevelopmentPath / extensionTestsPath, and wait for the workbench to call
// window.codeAutomationExit(code) when the extension host finishes.
//
// Usage: node run-tests.js <extensionDevelopmentPath> <extensionTestsPath> [workspaceFolder]
// Env:   VSCH_URL, TEST_TIMEOUT_MS (default 600000), SHOT_DIR (default ./screenshots), FINAL_SCREENSHOT (png),
//        CHROMIUM (/usr/bin/chromium), VSCH_EXT_ENV (JSON object of extra env vars for the extension host)
// Needs: code-server started with `--vscode-option enable-smoke-test-driver` (start.sh does it); without it
//        a built VS Code silently ignores the payload and nothing runs (this script then times out, exit 1).
// In tests: await fetch(`${process.env.HARNESS_SHOT_URL}/shot?name=foo&text=Some%20text&webviewOnly=1`)
//        waits for `text` inside the visible webview, then saves $SHOT_DIR/foo.png (webview only or window);
//        /fill?selector=%23compute&value=1e24 types into the visible webview, /click?selector=… clicks
//        (/click?selector=…&key=Enter focuses the element and presses the key instead),
//        /viewport?size=1100x720 resizes the window (size=default restores it),
//        /a11y?text=… walks the webview with the Tab key and reports its controls, charts and tables (a11y.js),
//        /quickInput?text=…&keys=ArrowDown,Enter waits for the QuickPick/InputBox showing `text`, presses the
//        keys and answers the widget's text as it was.
'use strict';
const fs = require('fs'); const path = require('path'); const http = require('http'); const util = require('util');
const { launch, visibleWebview, webviewWithText } = require('./chromium');
const { audit } = require('./a11y');

(async () => {
  const [devPath, testsPath, folder] = process.argv.slice(2);
  if (!devPath || !testsPath) { console.error('usage: run-tests.js <extensionDevelopmentPath> <extensionTestsPath> [folder]'); process.exit(2); }
  const base = (process.env.VSCH_URL || 'http://127.0.0.1:38517').replace(/\/$/, '');
  const shotDir = path.resolve(process.env.SHOT_DIR || 'screenshots');
  fs.mkdirSync(shotDir, { recursive: true });
  let page;

  // Loopback endpoint so tests running in the extension host can ask for screenshots of the workbench.
  const shotServer = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url, 'http://x');
      const q = u.searchParams;
      // /fill?selector=#id&value=v and /click?selector=#id: act in the visible webview like a user would.
      if (u.pathname === '/fill' || u.pathname === '/click') {
        const wv = q.get('text') ? await webviewWithText(page, q.get('text')) : visibleWebview(page);
        const el = wv.inner.locator(q.get('selector')).first();
        if (u.pathname === '/fill') await el.fill(q.get('value') ?? '', { timeout: 10000 });
        else if (q.get('key')) await el.press(q.get('key'), { timeout: 10000 }); // focus it and press a key, like a keyboard user
        else await el.click({ timeout: 10000 });
        return res.end(JSON.stringify({ ok: true }));
      }
      // /viewport?size=WxH (or size=default): resize the browser window until further notice, e.g. a smaller
      // window for README screenshots whose text must stay legible when the README scales them down.
      if (u.pathname === '/viewport') {
        const m = /^(\d+)x(\d+)$/.exec(q.get('size') || '');
        const def = { width: Number(process.env.VSCH_VIEWPORT_W || 1400), height: Number(process.env.VSCH_VIEWPORT_H || 900) };
        await page.setViewportSize(m ? { width: Number(m[1]), height: Number(m[2]) } : def);
        await page.waitForTimeout(500);
        return res.end(JSON.stringify({ ok: true }));
      }
      // /a11y?text=…: keyboard walk (real Tab presses) and accessible names of the webview showing `text`.
      if (u.pathname === '/a11y') {
        const wv = await webviewWithText(page, q.get('text'));
        return res.end(JSON.stringify({ ok: true, report: await audit(page, wv, Number(q.get('max') || 150)) }));
      }
      // /layout?text=…: the webview's width and horizontal overflow (elements reaching past its right edge),
      // the colour of every law swatch (.swatch[data-law]) as the page paints it, and table badges' tooltips.
      if (u.pathname === '/layout') {
        const wv = await webviewWithText(page, q.get('text'));
        const report = await wv.inner.locator('html').evaluate((html) => {
          const w = html.clientWidth;
          const overflowing = [...document.querySelectorAll('body *')].filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && r.right > w + 1 && !el.closest('.visually-hidden');
          }).slice(0, 10).map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} right=${Math.round(el.getBoundingClientRect().right)}`);
          const swatches = {};
          for (const el of document.querySelectorAll('.swatch[data-law]')) {
            const c = getComputedStyle(el).backgroundColor;
            (swatches[el.dataset.law] = swatches[el.dataset.law] || []).includes(c) || swatches[el.dataset.law].push(c);
          }
          const badges = [...document.querySelectorAll('tr[data-law] .tag[title]')].map((el) => ({ law: el.closest('tr').dataset.law, text: el.textContent, title: el.title }));
          return { clientWidth: w, scrollWidth: html.scrollWidth, bodyScrollWidth: document.body.scrollWidth, overflowing, swatches, badges };
        });
        return res.end(JSON.stringify({ ok: true, report }));
      }
      // /quickInput?text=…&keys=…: a keyboard user answering a QuickPick (the API cannot see or drive one).
      if (u.pathname === '/quickInput') {
        const widget = page.locator('.quick-input-widget', { hasText: q.get('text') || '' });
        await widget.waitFor({ state: 'visible', timeout: Number(q.get('timeout') || 20000) });
        const shown = await widget.innerText();
        for (const k of (q.get('keys') || '').split(',').filter(Boolean)) await page.keyboard.press(k);
        return res.end(JSON.stringify({ ok: true, report: shown }));
      }
      const name = (q.get('name') || 'shot').replace(/[^\w.-]/g, '_');
      // viewport=WxH: a temporarily larger window, e.g. tall enough for a whole panel in one image.
      const prev = page.viewportSize();
      const vp = /^(\d+)x(\d+)$/.exec(q.get('viewport') || '');
      if (vp) { await page.setViewportSize({ width: Number(vp[1]), height: Number(vp[2]) }); await page.waitForTimeout(700); }
      try {
        const wv = q.get('text') ? await webviewWithText(page, q.get('text'), Number(q.get('timeout') || 20000)) : visibleWebview(page);
        if (q.get('settleMs')) await page.waitForTimeout(Number(q.get('settleMs')));   // let layout and charts settle
        const file = path.join(shotDir, name + '.png');
        await (q.get('webviewOnly') ? wv.element.screenshot({ path: file }) : page.screenshot({ path: file }));
        res.end(JSON.stringify({ ok: true, file }));
      } finally {
        if (vp && prev) await page.setViewportSize(prev);
      }
    } catch (e) {
      // What the window looked like when the request failed, next to the run's other state.
      await page.screenshot({ path: path.join(process.env.VSCH_RUN || shotDir, 'shot-failure.png') }).catch(() => {});
      res.statusCode = 500; res.end(JSON.stringify({ ok: false, error: String(e) }));
    }
  });
  await new Promise(r => shotServer.listen(0, '127.0.0.1', r));

  const host = new URL(base).host; // remote authority == host:port the browser uses
  const remote = p => `vscode-remote://${host}${path.resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(devPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['extensionEnvironment', JSON.stringify({ ...JSON.parse(process.env.VSCH_EXT_ENV || '{}'), HARNESS_SHOT_URL: `http://127.0.0.1:${shotServer.address().port}` })],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const where = folder ? 'folder=' + encodeURIComponent(path.resolve(folder)) : 'ew=true';
  const url = `${base}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const t0 = Date.now();
  const browser = await launch();
  let finish; const exited = new Promise(r => (finish = r));
  // The workbench's own chatter (sockets, gallery, service worker) drowns the test output: hide it
  // unless VSCH_VERBOSE=1.
  const noise = /^(Ignoring fetching|Creating a socket|Resolving connection token|Resolved connection token|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|\[reconnection-grace-time\])/;
  await browser.ctx.exposeFunction('codeAutomationLog', (type, args) => {
    const msg = util.format(...(args || []));
    if (!process.env.VSCH_VERBOSE && noise.test(msg)) return;
    if (type === 'info' || type === 'log') console.log(msg); else console.error(`[${type}] ${msg}`);
  });
  await browser.ctx.exposeFunction('codeAutomationExit', code => finish({ code }));
  page = browser.page;
  page.on('pageerror', e => console.error('[pageerror]', String(e).slice(0, 300)));
  // A loaded machine (several suites at once on two cores) can take longer than Playwright's default 30 s.
  await page.goto(url, { timeout: Number(process.env.VSCH_GOTO_TIMEOUT_MS || 180000) });
  const timer = setTimeout(() => finish({ code: 124, timeout: true }), Number(process.env.TEST_TIMEOUT_MS || 600000));
  const res = await exited; clearTimeout(timer);
  console.error(`[vsch] extension host exited with code ${res.code} after ${((Date.now() - t0) / 1000).toFixed(1)}s` +
    (res.timeout ? ' (TIMEOUT: was code-server started with --vscode-option enable-smoke-test-driver?)' : ''));
  if (process.env.FINAL_SCREENSHOT) await page.screenshot({ path: process.env.FINAL_SCREENSHOT }).catch(() => {});
  await browser.close();
  shotServer.close();
  process.exit(res.code === 0 ? 0 : 1);
})().catch(e => { console.error('[vsch] runner failed:', e); process.exit(2); });

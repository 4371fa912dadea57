// Keyboard and screen-reader audit of a webview, with real input: used by run-tests.js's /a11y endpoint.
// 1) In the page: list every control a keyboard user must be able to reach (visible, enabled, not inside a
//    closed <details>; one stop per radio group), tagging each with data-a11y-index in document order,
//    describe the charts (role, accessible name) and tables (caption, header cells), and measure the
//    contrast of checked boxes' accent colour against the page.
// 2) In Chromium: click the page's heading (no focus, but it sets the sequential-navigation start), then
//    press Tab until focus leaves the page, recording each focused element's index, accessible name and
//    computed focus indicator (outline or box-shadow, and the outline's contrast with the page) — what a
//    sighted keyboard user actually sees.
'use strict';

/** Runs inside the webview document. */
function inventory() {
  // WCAG 2.x contrast ratio of two computed CSS colours ("rgb(r, g, b)" / "rgba(…)"); null if unparsable.
  const lum = (c) => {
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(c);
    if (!m) return null;
    const [r, g, b] = m.slice(1, 4).map((x) => { const v = Number(x) / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  window.__a11yContrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)];
    return x === null || y === null ? null : (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const background = getComputedStyle(document.body).backgroundColor;
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const name = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
    if (el.getAttribute('aria-label')) return el.getAttribute('aria-label').trim();
    if (el.labels && el.labels.length) return [...el.labels].map((l) => l.textContent).join(' ').trim();
    if (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName)) return (el.textContent || '').trim();
    return (el.getAttribute('title') || '').trim();
  };
  const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const controls = [];
  const groups = new Set();
  for (const el of document.querySelectorAll(sel)) {
    el.removeAttribute('data-a11y-index');
    if (el.disabled || !visible(el)) continue;
    const closed = el.closest('details:not([open])');
    if (closed && !(el.tagName === 'SUMMARY' && el.parentElement === closed)) continue;
    if (el.type === 'radio') {
      // Tab stops once per group (on the checked radio); arrow keys move within it.
      if (groups.has(el.name) || !el.checked) continue;
      groups.add(el.name);
    }
    el.setAttribute('data-a11y-index', String(controls.length));
    controls.push({ index: controls.length, tag: el.tagName.toLowerCase(), type: el.type || '', id: el.id, name: name(el) });
  }
  window.__a11yName = name;
  const charts = [...document.querySelectorAll('canvas')].map((c) => ({
    id: c.id, role: c.getAttribute('role') || '', name: name(c),
    caption: c.closest('figure')?.querySelector('figcaption')?.textContent?.trim() ?? '',
  }));
  const tables = [...document.querySelectorAll('table')].map((t) => ({
    id: t.id,
    caption: t.caption?.textContent?.trim() ?? '',
    columnHeaders: [...t.querySelectorAll('thead th[scope=col]')].map((th) => th.textContent.trim()),
    bodyRows: t.tBodies[0]?.rows.length ?? 0,
    rowHeaders: t.querySelectorAll('tbody tr > th[scope=row]:first-child').length,
  }));
  // A checked box or radio is drawn in its accent colour: it must stand out from the page (WCAG 1.4.11: 3:1).
  const marks = [...document.querySelectorAll('input[type=checkbox]:checked, input[type=radio]:checked')].filter(visible).map((el) => {
    const accent = getComputedStyle(el).accentColor;
    return { id: el.id || name(el), accent, contrast: accent === 'auto' ? null : window.__a11yContrast(accent, background) };
  });
  return { background, controls, charts, tables, marks };
}

/** Runs inside the webview document: what currently has focus and how it shows it. */
function focused() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const width = parseFloat(cs.outlineWidth) || 0;
  const outline = cs.outlineStyle !== 'none' && width > 0 && !/rgba\(.*,\s*0\)$|transparent/.test(cs.outlineColor)
    ? `${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}` : '';
  const shadow = cs.boxShadow && cs.boxShadow !== 'none' ? cs.boxShadow : '';
  const ringContrast = outline && window.__a11yContrast ? window.__a11yContrast(cs.outlineColor, getComputedStyle(document.body).backgroundColor) : null;
  return {
    index: el.hasAttribute('data-a11y-index') ? Number(el.getAttribute('data-a11y-index')) : -1,
    tag: el.tagName.toLowerCase(), id: el.id, name: window.__a11yName ? window.__a11yName(el) : '',
    focusVisible: el.matches(':focus-visible'), ring: outline || shadow, ringContrast,
  };
}

/** The audit of webview `wv` (from chromium.js) in `page`; at most `max` Tab presses. */
async function audit(page, wv, max = 150) {
  const body = wv.inner.locator('body');
  const inv = await body.evaluate(inventory);
  await wv.inner.locator('h1').first().click();
  const walk = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await body.evaluate(focused);
    if (!f || (walk.length && f.index >= 0 && walk.some((w) => w.index === f.index))) break;
    walk.push(f);
  }
  // Leave the page as it was (unfocused, scrolled to the top) for whatever the test does next, e.g. a screenshot.
  await body.evaluate(() => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
  return { ...inv, walk };
}

module.exports = { audit };

import * as assert from 'assert';
import { LAW_IDS } from '../../src/core/laws';
import { axisLabel, logTicks } from '../../src/shared/axisTicks';
import { GROUP_COLORS, LAW_STYLES, RESERVED_KEYS, lawColor } from '../../src/shared/palette';

// WCAG 2.1 relative luminance and contrast ratio (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance).
const channel = (c: number) => { const x = c / 255; return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
const rgb = (hex: string) => { const n = parseInt(hex.slice(1), 16); return [n >> 16, (n >> 8) & 255, n & 255].map(channel); };
const luminance = (hex: string) => { const [r, g, b] = rgb(hex); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const contrast = (a: string, b: string) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
// CIELAB (D65) for a colour distance people perceive (CIE76 ΔE).
function lab(hex: string): number[] {
  const [r, g, b] = rgb(hex);
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const X = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const Y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const Z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * Y - 16, 500 * (X - Y), 200 * (Y - Z)];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

describe('one palette keyed by law id', () => {
  it('has a colour for every law in the registry, and the reserved keys are not laws', () => {
    for (const id of LAW_IDS) assert.match(lawColor(id) ?? '', /^#[0-9a-f]{6}$/, id);
    for (const k of RESERVED_KEYS) assert.strictEqual(lawColor(k), undefined, k);
  });
  it('every law colour has ≥ 3:1 contrast on a dark (#1e1e1e), a white and a black background (WCAG 1.4.11)', () => {
    for (const [id, s] of Object.entries(LAW_STYLES)) {
      for (const bg of ['#1e1e1e', '#ffffff', '#000000']) assert.ok(contrast(s.color, bg) >= 3, `${id} ${s.color} on ${bg}: ${contrast(s.color, bg).toFixed(2)}`);
    }
    for (const c of GROUP_COLORS) for (const bg of ['#1e1e1e', '#ffffff']) assert.ok(contrast(c, bg) >= 3, `group ${c} on ${bg}`);
  });
  it('law colours are pairwise distinct (CIELAB ΔE ≥ 25) and law markers vary among look-alikes', () => {
    const entries = Object.entries(LAW_STYLES);
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const [a, sa] = entries[i];
        const [b, sb] = entries[j];
        const d = deltaE(sa.color, sb.color);
        assert.ok(d >= 25, `${a} vs ${b}: ΔE ${d.toFixed(1)}`);
        // Colours that sit close (ΔE < 45) never share a marker: the shape tells them apart.
        if (d < 45) assert.notStrictEqual(sa.marker, sb.marker, `${a} and ${b} look alike and share a marker`);
      }
    }
  });
});

describe('log-axis ticks', () => {
  const labels = (t: ReturnType<typeof logTicks>) => t.map((x) => x.label);
  it('labels every decade of a compute axis, in FLOPs notation, and the budget on a second row', () => {
    const t = logTicks(5.76e20, 5.76e26, 'flops', { marks: [5.76e23] });
    assert.deepStrictEqual(t.filter((x) => x.decade).map((x) => x.label), ['1e21', '1e22', '1e23', '1e24', '1e25', '1e26']);
    const budget = t.find((x) => !x.decade);
    assert.deepStrictEqual(budget, { value: 5.76e23, label: ['', '5.76e23'], decade: false });
  });
  it('a budget that is a decade is that decade’s tick (no duplicate)', () => {
    const t = logTicks(1e20, 1e26, 'flops', { marks: [1e23] });
    assert.strictEqual(t.filter((x) => Math.abs(x.value / 1e23 - 1) < 1e-9).length, 1);
    assert.strictEqual(t.length, 7);
  });
  it('counts use the tables’ units (1B, 1T), not 1e12', () => {
    assert.deepStrictEqual(labels(logTicks(3e8, 4e13, 'count')), ['1B', '10B', '100B', '1T', '10T']);
    assert.strictEqual(axisLabel(1.42e12, 'count'), '1.42T');
  });
  it('an axis under two decades also labels 2× and 5× values; under one, every multiple; with none inside, its ends', () => {
    assert.deepStrictEqual(labels(logTicks(1.5, 60, 'plain')), ['2', '5', '10', '20', '50']);
    assert.deepStrictEqual(labels(logTicks(2.3, 5, 'plain')), ['3', '4', '5']);
    assert.deepStrictEqual(labels(logTicks(2.4, 2.9, 'plain')), ['2.4', '2.9']);
  });
  it('a mark on a vertical axis is labelled only where it does not collide with a decade', () => {
    assert.strictEqual(logTicks(1e9, 1e12, 'count', { marks: [1.1e10], vertical: true }).find((x) => !x.decade)?.label, '');
    assert.strictEqual(logTicks(1e9, 1e12, 'count', { marks: [3.2e10], vertical: true }).find((x) => !x.decade)?.label, '32B');
  });
  it('returns nothing for an empty or invalid range, and handles negative decades exactly', () => {
    assert.deepStrictEqual(logTicks(0, 10, 'plain'), []);
    assert.deepStrictEqual(logTicks(5, 5, 'plain'), []);
    assert.strictEqual(logTicks(1e-7, 1e-3, 'plain').length, 5);
  });
});

/**
 * Export controls shared by the panels. Files are written by the host (save dialog, validated request);
 * the page only contributes chart images, as PNG data URLs, when the host asks for them.
 */
import type { ChartPng, ExportFormat } from '../src/shared/protocol';
import { post } from './api';
import { allPlots } from './charts';
import { h } from './dom';

const LABELS: Array<[ExportFormat, string]> = [['json', 'Results as JSON'], ['csv', 'Results as CSV'], ['markdown', 'Markdown report'], ['png', 'Plots as PNG']];

export function exportButtons(): HTMLElement {
  return h('div', { class: 'buttons' }, ...LABELS.map(([format, label]) => {
    const b = h('button', { type: 'button', 'data-export': format }, label);
    b.addEventListener('click', () => post({ type: 'export', format }));
    return b;
  }));
}

/** Every chart on the page as a PNG data URL, in its current theme colours (the answer to `collectPngs`). */
export function chartPngs(): ChartPng[] {
  return allPlots().map((p) => ({ name: p.name, dataUrl: p.png() }));
}

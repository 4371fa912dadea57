/**
 * One palette for every panel and export, keyed by law id: a law has the same colour (and marker) in the
 * planner, in every fit panel, in the IsoFLOP panel and in the PNGs they export, whatever other laws are
 * shown. The user's own data ("your runs", "your fit", IsoFLOP N* and D*) is reserved: it is drawn in the
 * theme's foreground colour, which no law uses.
 *
 * Why fixed colours rather than the theme's six chart colours: there are ten laws, and a colour that
 * depends on the order laws were shown in (the old scheme) changes from panel to panel. Each colour below
 * has at least 3:1 contrast (WCAG 1.4.11, graphical objects) against both the Dark+ editor background
 * (#1e1e1e) and white, so one value serves light, dark and high-contrast themes and exported PNGs; the
 * unit test checks that and a minimum CIELAB distance between every pair. The hues start from the
 * Okabe–Ito colour-blind-safe set (Okabe & Ito 2008, https://jfly.uni-koeln.de/color/); ten hues cannot
 * all stay apart under every colour-vision deficiency, so each law also has its own marker shape.
 */
import type { LawId } from '../core/laws/types';

/** Chart.js point styles, one per law (the shape is the colour-blind-safe cue). */
export type MarkerShape = 'circle' | 'rect' | 'rectRot' | 'triangle' | 'star' | 'crossRot' | 'rectRounded' | 'cross' | 'dash' | 'line';

export interface LawStyle {
  color: string;
  marker: MarkerShape;
}

export const LAW_STYLES: Readonly<Record<LawId, LawStyle>> = {
  'hoffmann2022-a1': { color: '#0072b2', marker: 'circle' }, // Okabe–Ito blue
  'hoffmann2022-a2': { color: '#9467bd', marker: 'rect' },
  'hoffmann2022-a3': { color: '#d55e00', marker: 'rectRot' }, // Okabe–Ito vermillion
  besiroglu2024: { color: '#009e73', marker: 'triangle' }, // Okabe–Ito bluish green
  kaplan2020: { color: '#808080', marker: 'crossRot' },
  muennighoff2023: { color: '#cc79a7', marker: 'star' }, // Okabe–Ito reddish purple
  deepseek2024: { color: '#17899e', marker: 'rectRounded' },
  'llama3-2024': { color: '#b8860b', marker: 'cross' },
  porian2024: { color: '#d62760', marker: 'triangle' },
  atlas2025: { color: '#5f9e1a', marker: 'rect' },
};

/**
 * Keys of the user's own data, drawn in the theme foreground (and never a law colour): 'fit' (your fitted
 * law), 'runs' (your runs), and the IsoFLOP frontier's measured 'N*' and 'D*'.
 */
export const RESERVED_KEYS: readonly string[] = ['fit', 'runs', 'N*', 'D*'];

/**
 * Colours for groups that are not laws (token counts in the fit panel, budgets in the IsoFLOP panel), in
 * order. Groups never share a chart with laws; like the law colours each reads on light and dark.
 */
export const GROUP_COLORS: readonly string[] = ['#3a6fc4', '#17899e', '#5f9e1a', '#b8860b', '#d55e00', '#d62760', '#9467bd', '#808080'];

export function isLawKey(key: string): key is LawId {
  return Object.prototype.hasOwnProperty.call(LAW_STYLES, key);
}

/** The law's colour, or undefined for keys that are not law ids. */
export function lawColor(key: string): string | undefined {
  return isLawKey(key) ? LAW_STYLES[key].color : undefined;
}

/**
 * What may go inside the panel shell's inline <script> and <style> elements (src/extension/common/html.ts): text
 * that could end the element or switch the HTML parser into a script-escaped state — `</script`, `<script`,
 * `<!--`, `</style` — may not. Pure, so the unit suite checks the shipped bundles against it.
 */
const INLINE_UNSAFE = /<\/?script|<!--|<\/style/i;

/** Whether `js` and `css` can be put inside <script> and <style> elements as they are. */
export function inlineable(js: string, css: string): boolean {
  return !INLINE_UNSAFE.test(js) && !INLINE_UNSAFE.test(css);
}

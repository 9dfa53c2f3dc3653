/**
 * Styles are injected at runtime into each element's shadow root (no stylesheet is fetched).
 * Theming: CSS custom properties `--kairos-*` (set by the page or by `styles.colors`) and
 * `::part(...)`. `.@name` in the CSS text is replaced by `.<prefix>__name`.
 */

/** Shared rules: root, focus ring, configuration error box, error and notice panels. */
export const BASE_CSS =
  ':host{display:block}' +
  '.@root{font-family:var(--kairos-font,inherit);font-size:var(--kairos-font-size,inherit);color:var(--kairos-text,#1f2328);background:var(--kairos-background,#fff);line-height:1.4;box-sizing:border-box}' +
  '.@root *{box-sizing:inherit}' +
  '.@root button{font:inherit;color:inherit;cursor:pointer}' +
  '.@root :focus-visible{outline:2px solid var(--kairos-primary,#0b57d0);outline-offset:2px}' +
  '.@config-error,.@error{border:1px solid #b42318;background:#fff5f5;color:#8a1c12;padding:.75em 1em;border-radius:6px;margin:0}' +
  '.@config-error-title{font-weight:600;margin:0 0 .5em}' +
  '.@config-error ul{margin:0;padding-inline-start:1.25em}' +
  '.@notice{padding:1em;border:1px dashed var(--kairos-border,#c4ccd5);border-radius:6px;color:var(--kairos-muted,#57606a);margin:0}' +
  '.@sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}';

const sheets = new Map<string, CSSStyleSheet>();

function canAdopt(): boolean {
  try {
    return 'adoptedStyleSheets' in Document.prototype && typeof new CSSStyleSheet().replaceSync === 'function';
  } catch {
    return false;
  }
}

/**
 * Gives `shadow` the stylesheet identified by `key`, built once by `css()` and shared by every
 * element with the same key. Constructable stylesheets are not subject to a page's
 * `style-src` policy; a `<style>` element is the fallback.
 */
export function adoptStyles(shadow: ShadowRoot, key: string, css: () => string): void {
  if (canAdopt()) {
    let sheet = sheets.get(key);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css());
      sheets.set(key, sheet);
    }
    if (shadow.adoptedStyleSheets[0] !== sheet) shadow.adoptedStyleSheets = [sheet];
    return;
  }
  let style = shadow.querySelector('style');
  if (!style) {
    style = document.createElement('style');
    shadow.prepend(style);
  }
  if (style.dataset.key !== key) {
    style.dataset.key = key;
    style.textContent = css();
  }
}

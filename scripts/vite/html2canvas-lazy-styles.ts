/**
 * @module Build-time transform of html2canvas-pro (applied by ./html2canvas-pro-build.ts): each element's
 * computed style read only as far as it is drawn.
 *
 * html2canvas-pro's `CSSParsedDeclaration` reads all ~105 properties it knows (mask, border-image, outline,
 * text-emphasis, backdrop-filter, …) of every rendered element from `getComputedStyle` when it is built; at
 * ~1.5–2 µs a read in Chromium that was the largest single cost of a full-page image (~190 ms of ~640 ms on the
 * bench's 789-element order page). The transform below leaves the library as published except for that
 * constructor: a property is read, and parsed exactly as before, the first time the renderer asks for it.
 *
 * What keeps the result the same as eager reading (checked pixel for pixel by tests/e2e/render-lazy.spec.ts):
 * - html2canvas-pro changes an element's inline style right after building its declaration (animations set to
 *   0 s, transform and rotate reset while its bounds are measured). Those three are read by that normaliser
 *   itself, before it changes anything; and an element with a running animation is read whole at once, as
 *   before, because stopping the animation changes its other values too.
 * - Nothing else changes a copied element's computed style before drawing ends (the copy is removed after).
 * - A value the library assigns (the root's background) is kept like a read one.
 *
 * The transform fails the build when the constructor no longer looks as expected (a new html2canvas-pro
 * version), rather than leaving the library silently eager or half-changed.
 */
import { replaceOnly } from './source-patch';

const TRANSFORM = 'html2canvas-lazy-styles';

/** The eager loop of `CSSParsedDeclaration`'s constructor in html2canvas-pro 2.5.x's ES build. */
const EAGER_LOOP = '\t\tfor (const [key, descriptor, cssProp] of STANDARD_PROPERTIES) this[key] = parse(context, descriptor, declaration[cssProp]);\n';
/** Its display:none path, which assigns every property (initial values) before returning. */
const DISPLAY_NONE_START = '\t\tif (declaration.display === "none") {\n\t\t\tthis.display = 0;\n';
/** The class after it, before which the per-property getters are defined. */
const NEXT_CLASS = 'var CSSParsedPseudoDeclaration = class {';

const LAZY_LOOP = `\t\tthis._lazyContext = context;
\t\tthis._lazyDeclaration = declaration;
\t\tthis._lazyValues = {};
\t\t// Stopping a running animation (the normaliser) changes the element's other values: read them all first.
\t\tif (this.animationDuration.some((duration) => duration > 0)) for (const [key] of STANDARD_PROPERTIES) this[key];
`;

const DISPLAY_NONE_LAZY = '\t\tif (declaration.display === "none") {\n\t\t\tthis._lazyValues = {};\n\t\t\tthis.display = 0;\n';

const GETTERS = `// Added by liuzheng (scripts/vite/html2canvas-lazy-styles.ts): each standard property is read from the
// element's computed style and parsed the first time it is asked for, then kept.
for (const [key, descriptor, cssProp] of STANDARD_PROPERTIES) Object.defineProperty(CSSParsedDeclaration.prototype, key, {
\tconfigurable: true,
\tget() {
\t\tconst values = this._lazyValues;
\t\tif (key in values) return values[key];
\t\treturn values[key] = parse(this._lazyContext, descriptor, this._lazyDeclaration[cssProp]);
\t},
\tset(value) {
\t\tthis._lazyValues[key] = value;
\t}
});
`;

/** html2canvas-pro's ES build with `CSSParsedDeclaration` reading its properties on first use. */
export function lazyStyleReads(source: string): string {
  let out = replaceOnly(source, EAGER_LOOP, LAZY_LOOP, TRANSFORM);
  out = replaceOnly(out, DISPLAY_NONE_START, DISPLAY_NONE_LAZY, TRANSFORM);
  return replaceOnly(out, NEXT_CLASS, GETTERS + NEXT_CLASS, TRANSFORM);
}

/**
 * @module Build-time transform of html2canvas-pro: a text node that the browser laid out on one line is measured
 * and drawn as one run, as the browser draws it, instead of word by word.
 *
 * html2canvas-pro splits every text node into words (`Intl.Segmenter`; in Chinese nearly every two characters are
 * a word), measures each with a DOM `Range` and draws each with its own `fillText` at the measured place. On the
 * bench's 2,000-element order page that was ~20 % of a full-page render, and the words' separately rounded
 * positions put glyphs up to a pixel off where the browser draws them.
 *
 * The transform adds a first step to `parseTextBounds`: when the node's text — without the collapsible spaces at
 * its ends — is laid out as exactly one box, and the canvas measures that text as wide as the box, the whole text
 * is one piece drawn at the box. Everything else takes the library's own word-by-word path, unchanged:
 * - the box check: text wrapped over lines, or split around a float, has more than one box;
 * - the width check: justified text, `word-spacing`, font features or a `::first-letter` the canvas does not
 *   apply, or a font the canvas resolves differently, make the browser's width differ from the canvas's (allowed:
 *   0.05 px, a few of layout's 1/64 px units; measured differences of good runs were ≤ 0.016 px);
 * - the font check: the first family the text asks for must be installed. Where it is not (a page left to the
 *   browser's default "Times New Roman" on Linux, a shop's "Microsoft YaHei" elsewhere), layout and canvas each
 *   fall back on their own: equal widths then do not mean equal glyph positions, and on Debian's Chromium 156 the
 *   runs came out a little further from the browser's screenshot than word by word (+0.7 % of far-off pixels on
 *   a default-font order page). A generic family first (`sans-serif`) counts as not installed, for the same reason;
 * - what one `fillText` cannot reproduce at all: vertical writing, `letter-spacing`, right-to-left direction or
 *   right-to-left characters, text decorations (the library underlines the spaces between words too), and text
 *   whose tabs, line breaks or repeated spaces the browser may collapse.
 * Against the browser's own full-page screenshot the result is at least as close as the library's, and on pages
 * that name their font much closer: no pixel off by more than 64 where word by word had hundreds
 * (tests/e2e/render-text-runs.spec.ts).
 *
 * The transform fails the build when `parseTextBounds` no longer looks as expected (a new html2canvas-pro
 * version), rather than shipping the library unchanged without notice.
 */

import { indexOfOnly, replaceOnly } from './source-patch';

const TRANSFORM = 'html2canvas-text-runs';
/** The start of `parseTextBounds` in html2canvas-pro 2.5.x's ES build. */
const PARSE_TEXT_BOUNDS = 'const parseTextBounds = (context, value, styles, node) => {\n';
/** Its first statement: the word split the fast path skips. */
const WORD_SPLIT = '\tconst textList = breakText(value, styles);\n';

/*
 * Inserted before `parseTextBounds`; uses the bundle's own helpers (FEATURES, isVerticalWritingMode, createRange,
 * Bounds, TextBounds, TextRenderer's font string), so measuring and drawing agree with the library.
 * `textDecorationLine` is [4] for `none` in html2canvas-pro, so "decorated" means a value other than 4.
 */
const SINGLE_LINE_RUN = `// Added by liuzheng (scripts/vite/html2canvas-text-runs.ts): a text node laid out as one box is one run.
let singleLineRunContext;
const COLLAPSIBLE_ENDS = /^([ \\t\\n\\r\\f]*)([^]*?)[ \\t\\n\\r\\f]*$/;
const GENERIC_FAMILIES = /^(serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-serif|ui-sans-serif|ui-monospace|ui-rounded|math|emoji|fangsong|-apple-system|blinkmacsystemfont)$/i;
const installedFamilies = new Map();
// True when the font family is installed: text set in it, with two different generic fallbacks behind it, measures
// other than each fallback alone. Asked once per family name.
const isInstalledFamily = (ctx, family) => {
	let installed = installedFamilies.get(family);
	if (installed === undefined) {
		installed = false;
		if (!GENERIC_FAMILIES.test(family.replace(/^['"]|['"]$/g, ""))) for (const fallback of ["monospace", "serif"]) {
			ctx.font = \`40px \${fallback}\`;
			const alone = ctx.measureText("mmwwlli 0123 永和九年").width;
			ctx.font = \`40px \${family}, \${fallback}\`;
			if (ctx.measureText("mmwwlli 0123 永和九年").width !== alone) installed = true;
		}
		installedFamilies.set(family, installed);
	}
	return installed;
};
const NOT_ONE_FILLTEXT = /[\\t\\n\\r\\f]| {2}|[\\u0590-\\u08ff\\ufb1d-\\ufdff\\ufe70-\\ufefc\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u{10800}-\\u{10fff}\\u{1e800}-\\u{1efff}]/u;
const parseSingleLineRun = (context, value, styles, node) => {
	if (!FEATURES.SUPPORT_RANGE_BOUNDS || typeof OffscreenCanvas === "undefined") return null;
	if (isVerticalWritingMode(styles.writingMode) || styles.letterSpacing !== 0 || styles.direction === 1 || styles.textDecorationLine.some((line) => line !== 4)) return null;
	const [, leading, run] = COLLAPSIBLE_ENDS.exec(value);
	// Only collapsible spaces: the library measures and draws each of them, and none of them shows.
	if (run.length === 0) return styles.webkitLineClamp > 0 ? null : [];
	if (NOT_ONE_FILLTEXT.test(run)) return null;
	const rects = createRange(node, leading.length, run.length).getClientRects();
	if (rects.length !== 1) return null;
	singleLineRunContext ??= new OffscreenCanvas(1, 1).getContext("2d");
	if (!singleLineRunContext) return null;
	if (!isInstalledFamily(singleLineRunContext, styles.fontFamily[0] ?? "")) return null;
	singleLineRunContext.font = TextRenderer.prototype.createFontStyle(styles)[0];
	if (Math.abs(singleLineRunContext.measureText(run).width - rects[0].width) > .05) return null;
	return [new TextBounds(run, Bounds.fromDOMRectList(context, rects))];
};
`;

const USE_SINGLE_LINE_RUN = '\tconst singleLineRun = parseSingleLineRun(context, value, styles, node);\n\tif (singleLineRun !== null) return singleLineRun;\n';

/** html2canvas-pro's ES build with single-line text nodes measured and drawn as one run. */
export function singleLineTextRuns(source: string): string {
  // The helpers it calls must exist under these names, or the bundle would fail only when a page is captured.
  for (const helper of ['var TextBounds = class', 'const createRange = (node, offset, length)', 'const isVerticalWritingMode = ', 'var TextRenderer = class', '\tcreateFontStyle(styles) {\n', 'get SUPPORT_RANGE_BOUNDS()', 'static fromDOMRectList(context, domRectList)']) {
    indexOfOnly(source, helper, TRANSFORM);
  }
  return replaceOnly(source, PARSE_TEXT_BOUNDS + WORD_SPLIT, SINGLE_LINE_RUN + PARSE_TEXT_BOUNDS + USE_SINGLE_LINE_RUN + WORD_SPLIT, TRANSFORM);
}

/**
 * @module Build-time transform of html2canvas-pro: when the browser refuses `document.open()` on the copy's iframe,
 * the copy's document is made from `srcdoc` instead.
 *
 * html2canvas-pro draws a copy of the page in an iframe it adds, and gives that iframe's document the page's
 * doctype with `document.open()` and `write()`, so the copy is laid out in the page's mode (standards or quirks).
 * Firefox refuses `document.open()` to an extension's content script ("The operation is insecure": the script's
 * origin, the extension's and the page's together, is not the document's), so in Firefox 留证 kept no full-page
 * image at all. The transform calls `open()` first, at the same point of the library's synchronous code as before
 * (nothing in between reads the copy's document, so Chromium's path is unchanged); if it throws, the copy goes into
 * a document opened without it, with the steps the library's own path takes after its load (scroll positions,
 * fonts, `onclone`): for a standards-mode page, the iframe loads `srcdoc` — the page's doctype and an empty
 * `<html>`; for a quirks-mode page, the iframe's first, empty document, which is in quirks mode (a srcdoc document
 * never is). A page in limited-quirks mode (a transitional doctype) is copied in standards mode: the two differ
 * only in the height of lines holding nothing but images.
 *
 * The transform fails the build when `mountCloneInIFrame` no longer looks as expected (a new html2canvas-pro version).
 */

import { indexOfOnly, replaceOnly } from './source-patch';

const TRANSFORM = 'html2canvas-srcdoc-clone';

/** The lines of `mountCloneInIFrame` (html2canvas-pro 2.5.x's ES build) before it sets up its load promise. */
const CLONE_DOCUMENT = '\tconst cloneWindow = iframe.contentWindow;\n\tconst documentClone = cloneWindow.document;\n\tconst iframeLoad = iframeLoader(iframe).then(async () => {\n';
/** The library's own `open()`, later in the same function: done by then. */
const LIBRARY_OPEN = '\tconst baseUri = ownerDocument.baseURI;\n\tdocumentClone.open();\n';

/*
 * Inserted before `mountCloneInIFrame`; uses the bundle's own helpers (serializeDoctype, addBase,
 * restoreOwnerScroll, restoreNodeScroll), so the copy is the one the library would have mounted.
 */
const SRCDOC_MOUNT = `// Added by liuzheng (scripts/vite/html2canvas-srcdoc-clone.ts): the copy's document from srcdoc where open() is refused.
const openCloneDocument = (documentClone) => {
	try {
		documentClone.open();
		return true;
	} catch (error) {
		// By name: in a Firefox content script the error comes from the page's compartment, not this script's DOMException.
		if (error && error.name === "SecurityError") return false;
		throw error;
	}
};
const mountCloneWithoutOpen = async (ownerDocument, windowSize, mount, iframe, scrollX, scrollY) => {
	// A srcdoc document is never in quirks mode; the iframe's first, empty document always is: a quirks-mode page keeps that one.
	if (ownerDocument.compatMode !== "BackCompat") await new Promise((resolve) => {
		iframe.addEventListener("load", resolve, { once: true });
		iframe.srcdoc = serializeDoctype(ownerDocument.doctype) + "<html></html>";
	});
	const cloneWindow = iframe.contentWindow;
	const documentClone = cloneWindow && cloneWindow.document;
	if (!documentClone) throw new Error("Unable to find iframe window");
	restoreOwnerScroll(ownerDocument, scrollX, scrollY);
	const adoptedNode = documentClone.adoptNode(mount.documentElement);
	addBase(adoptedNode, ownerDocument.baseURI);
	documentClone.replaceChild(adoptedNode, documentClone.documentElement);
	mount.scrolledElements.forEach(restoreNodeScroll);
	cloneWindow.scrollTo(windowSize.left, windowSize.top);
	const referenceElement = mount.clonedReferenceElement;
	if (typeof referenceElement === "undefined") throw new Error(\`Error finding the \${mount.referenceElementName} in the cloned document\`);
	if (documentClone.fonts && documentClone.fonts.ready) await documentClone.fonts.ready;
	if (typeof mount.onclone === "function") await mount.onclone(documentClone, referenceElement);
	cloneWindow.scrollTo(windowSize.left, windowSize.top);
	return iframe;
};
`;

const MOUNT_START = 'const mountCloneInIFrame = (context, ownerDocument, windowSize, mount) => {\n';
const OPEN_FIRST = '\tconst cloneWindow = iframe.contentWindow;\n\tconst documentClone = cloneWindow.document;\n\tif (!openCloneDocument(documentClone)) return mountCloneWithoutOpen(ownerDocument, windowSize, mount, iframe, scrollX, scrollY);\n\tconst iframeLoad = iframeLoader(iframe).then(async () => {\n';

/** html2canvas-pro's ES build with the copy's document made from srcdoc where `document.open()` is refused. */
export function srcdocCloneFallback(source: string): string {
  // The helpers it calls must exist under these names, or the bundle would fail only when a page is captured.
  for (const helper of ['const serializeDoctype = (doctype)', 'const addBase = (targetELement, baseUri)', 'const restoreOwnerScroll = (ownerDocument, x, y)', 'const restoreNodeScroll = ([element, x, y])']) {
    indexOfOnly(source, helper, TRANSFORM);
  }
  let out = replaceOnly(source, MOUNT_START, SRCDOC_MOUNT + MOUNT_START, TRANSFORM);
  out = replaceOnly(out, CLONE_DOCUMENT, OPEN_FIRST, TRANSFORM);
  return replaceOnly(out, LIBRARY_OPEN, '\tconst baseUri = ownerDocument.baseURI;\n', TRANSFORM);
}

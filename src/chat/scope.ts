/**
 * @module The places a chat list can live in besides the document: open shadow roots and same-origin
 * frames the page writes itself (about:blank, srcdoc, blob). Found incrementally so that ordinary pages
 * cost almost nothing: one walk of the tree at start, then only the subtrees mutations add; later checks
 * look at the few remembered candidates (possible shadow hosts, frames), never at the whole tree again.
 */
import type { ChatRoot } from '@/src/chat/types';
import { childFrameDocument, isElement } from '@/src/chat/dom';

/** More roots than this is a hostile or pathological page; the first ones found are kept. */
const ROOT_LIMIT = 200;
/** Candidate hosts still without a shadow root that are re-checked; the newest are kept (widget hosts come late). */
const HOST_LIMIT = 500;

/** The roots of one document, kept up to date by {@link RootScope.walk} (added subtrees) and {@link RootScope.refresh}. */
export class RootScope {
  /** Every known root, the top document first. */
  readonly roots: ChatRoot[];
  /**
   * Elements that may get a shadow root later (attachShadow leaves no mutation record): custom elements
   * (a '-' in the tag name) and direct children of body/html, where widget loaders put their host.
   */
  private readonly hosts = new Set<Element>();
  /** Frames and the document last read from each: a srcdoc or reloaded frame swaps its document without a mutation here. */
  private readonly frames = new Map<Element, Document | null>();
  /** How many custom elements were ever registered: the watcher re-checks sooner when it grows (their shadow root often comes once the element is defined). Loader hosts under body usually get theirs before the mutation is delivered. */
  hostCount = 0;

  /** `isSignal` tells elements worth a detection run (a known widget's element, a composer); checked during the walks that happen anyway. */
  constructor(
    readonly doc: Document,
    private readonly isSignal: (el: Element) => boolean = () => false,
  ) {
    this.roots = [doc];
    this.walk(doc);
  }

  /**
   * Registers what `node` and its subtree hold: shadow roots (walked in turn), candidate hosts and frames.
   * Returns true when the subtree (new shadow roots and frame documents included) holds a signal element.
   */
  walk(node: ChatRoot | Element): boolean {
    const owner = 'documentElement' in node ? node : node.ownerDocument;
    let signal = false;
    if (isElement(node)) {
      signal = this.visit(node);
    }
    // NodeFilter.SHOW_ELEMENT; the numeric value avoids depending on the realm's NodeFilter global.
    const walker = owner.createTreeWalker(node, 1);
    for (let cur = walker.nextNode(); cur; cur = walker.nextNode()) {
      if (isElement(cur) && this.visit(cur)) {
        signal = true;
      }
    }
    return signal;
  }

  /** Re-checks candidate hosts and frames; returns the roots added (already walked). */
  refresh(): ChatRoot[] {
    const before = this.roots.length;
    for (const host of this.hosts) {
      if (!host.isConnected) {
        this.hosts.delete(host);
      } else if (host.shadowRoot) {
        this.hosts.delete(host);
        this.addRoot(host.shadowRoot);
      }
    }
    for (const frame of this.frames.keys()) {
      this.checkFrame(frame);
    }
    this.prune();
    return this.roots.slice(before);
  }

  /** Registers one element; true when it, or a root found through it, holds a signal. */
  private visit(el: Element): boolean {
    const signal = this.isSignal(el);
    const shadow = el.shadowRoot;
    if (shadow) {
      return this.addRoot(shadow) || signal;
    }
    const name = el.localName;
    if (name === 'iframe' || name === 'frame') {
      return this.checkFrame(el) || signal;
    }
    const parent = el.parentElement?.localName;
    if ((name.includes('-') || parent === 'body' || parent === 'html') && !this.hosts.has(el)) {
      this.hosts.add(el);
      if (name.includes('-')) {
        this.hostCount += 1;
      }
      if (this.hosts.size > HOST_LIMIT) {
        const oldest = this.hosts.values().next();
        if (!oldest.done) {
          this.hosts.delete(oldest.value);
        }
      }
    }
    return signal;
  }

  /** Reads a frame's document; true when a new one holds a signal. */
  private checkFrame(frame: Element): boolean {
    if (!frame.isConnected) {
      this.frames.delete(frame);
      return false;
    }
    const doc = childFrameDocument(frame);
    const previous = this.frames.get(frame) ?? null;
    this.frames.set(frame, doc);
    return doc !== null && doc !== previous && this.addRoot(doc);
  }

  /** Adds and walks a root; true when it holds a signal. */
  private addRoot(root: ChatRoot): boolean {
    if (this.roots.length >= ROOT_LIMIT || this.roots.includes(root)) {
      return false;
    }
    this.roots.push(root);
    return this.walk(root);
  }

  /** Drops roots whose host or frame left, and frame documents their frame replaced (srcdoc load, reload). */
  private prune(): void {
    const current = new Set<Document>();
    for (const doc of this.frames.values()) {
      if (doc) {
        current.add(doc);
      }
    }
    for (let i = this.roots.length - 1; i > 0; i -= 1) {
      const root = this.roots[i];
      if (!root) {
        continue;
      }
      const live = 'documentElement' in root ? current.has(root) : root.host.isConnected;
      if (!live) {
        this.roots.splice(i, 1);
      }
    }
  }
}

/** Open shadow roots and same-origin parent-written child frame documents reachable from `doc`, plus `doc` itself. */
export function collectRoots(doc: Document): ChatRoot[] {
  return new RootScope(doc).roots;
}

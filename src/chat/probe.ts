/**
 * @module Cheap signs that a known widget may be in a root: the adapters' probe tokens (`.class` or
 * `#id`), looked up through the browser's id map and class fast paths, and matched on single elements
 * while the watcher walks added subtrees. A selector list joining them would walk the whole page and run
 * every selector on every element: on a 5,000-node page about 20 times slower than the separate look-ups.
 */
import type { ChatRoot, ChatWidgetAdapter } from '@/src/chat/types';

/** Probe tokens split by kind. */
export interface ProbeTokens {
  readonly classes: ReadonlySet<string>;
  readonly ids: ReadonlySet<string>;
}

const TOKEN_RE = /^([.#])([A-Za-z_][\w-]*)$/;

/** Splits `.class`/`#id` tokens; anything else is a programming error in an adapter. */
export function parseProbe(tokens: readonly string[]): ProbeTokens {
  const classes = new Set<string>();
  const ids = new Set<string>();
  for (const token of tokens) {
    const match = TOKEN_RE.exec(token);
    if (!match?.[2]) {
      throw new Error(`probe token must be .class or #id: ${token}`);
    }
    (match[1] === '.' ? classes : ids).add(match[2]);
  }
  return { classes, ids };
}

/** The probe tokens of all adapters that have one. */
export function probeTokensOf(adapters: readonly ChatWidgetAdapter[]): ProbeTokens {
  return parseProbe(adapters.flatMap((adapter) => adapter.probe ?? []));
}

/** True when `el` itself carries one of the tokens. */
export function elementMatchesProbe(el: Element, tokens: ProbeTokens): boolean {
  if (el.id !== '' && tokens.ids.has(el.id)) {
    return true;
  }
  for (const name of el.classList) {
    if (tokens.classes.has(name)) {
      return true;
    }
  }
  return false;
}

/** Answers "does this token match somewhere in `root`?", remembering answers for one detection run. */
export class ProbeLookup {
  private readonly hits = new Map<string, boolean>();

  constructor(private readonly root: ChatRoot) {}

  /** True when one of the adapter's tokens matches in the root (always true for adapters without a probe). */
  matches(adapter: ChatWidgetAdapter): boolean {
    const tokens = adapter.probe;
    return tokens === undefined || tokens.some((token) => this.token(token));
  }

  private token(token: string): boolean {
    let hit = this.hits.get(token);
    if (hit === undefined) {
      const name = token.slice(1);
      if (token.startsWith('#')) {
        hit = this.root.getElementById(name) !== null;
      } else if ('getElementsByClassName' in this.root) {
        // Documents keep class collections cached between changes.
        hit = this.root.getElementsByClassName(name).item(0) !== null;
      } else {
        // A single class selector takes the engine's fast path, unlike a selector list.
        hit = this.root.querySelector(`.${name}`) !== null;
      }
      this.hits.set(token, hit);
    }
    return hit;
  }
}

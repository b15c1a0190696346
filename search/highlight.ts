/**
 * Search-result highlighting, shared by backends that compute highlights
 * themselves (the Postgres backend). Pure functions: text and query terms
 * in, HTML out.
 *
 * Matching happens on normalized text (NFKC, lower case, simplified
 * Chinese; see analysis.ts), so a term typed in traditional characters or
 * upper case still marks the stored text, and the marks are placed on the
 * original characters. Longer terms win where terms overlap; adjacent
 * matches share one mark.
 */
import { normalizeText } from "./analysis";

/** A match in the original text: [start, end) in UTF-16 code units. */
interface Span {
  start: number;
  end: number;
}

const ELLIPSIS = "…";
const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes `&<>"'` for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * The normalized text and a map from its UTF-16 positions (and its end) to
 * positions in `text`.
 */
function normalizeWithOffsets(text: string): {
  normalized: string;
  original: (i: number) => number;
} {
  const whole = normalizeText(text);
  // The common case (CJK, ASCII, full-width forms): one unit for one unit.
  if (whole.length === text.length) return { normalized: whole, original: (i) => i };
  let normalized = "";
  const offsets: number[] = [];
  let position = 0;
  for (const char of text) {
    const part = normalizeText(char);
    for (let i = 0; i < part.length; i++) offsets.push(position);
    normalized += part;
    position += char.length;
  }
  offsets.push(position);
  return { normalized, original: (i) => offsets[i] ?? text.length };
}

/** One regular expression for all terms, longest first so it wins where terms overlap. */
function termPattern(terms: readonly string[]): RegExp | null {
  const needles = [...new Set(terms.map(normalizeText).filter((t) => t.trim().length > 0))];
  if (needles.length === 0) return null;
  needles.sort((a, b) => b.length - a.length);
  return new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gu");
}

/** Non-overlapping matches of `pattern` in `text`, leftmost first; adjacent ones merged. */
function findMatches(text: string, pattern: RegExp | null): Span[] {
  if (!pattern || text.length === 0) return [];
  const { normalized, original } = normalizeWithOffsets(text);
  const spans: Span[] = [];
  for (const match of normalized.matchAll(pattern)) {
    const start = original(match.index);
    const end = original(match.index + match[0].length);
    const last = spans.at(-1);
    // Adjacent terms (催化 + 氧化) read better as one mark.
    if (last && last.end === start) last.end = end;
    else if (end > start) spans.push({ start, end });
  }
  return spans;
}

/** `text[from, to)` as HTML with the spans inside it wrapped in `<mark>`. */
function render(text: string, spans: readonly Span[], from: number, to: number): string {
  let html = "";
  let cursor = from;
  for (const span of spans) {
    if (span.start < from || span.end > to) continue;
    html += escapeHtml(text.slice(cursor, span.start));
    html += `<mark>${escapeHtml(text.slice(span.start, span.end))}</mark>`;
    cursor = span.end;
  }
  return html + escapeHtml(text.slice(cursor, to));
}

/** Highlights texts for one set of query terms (prepared once, used per hit). */
export interface Highlighter {
  /** The whole text, HTML-escaped, every term occurrence wrapped in `<mark>…</mark>`. */
  highlight(text: string): string;
  /**
   * A window of about `length` characters around the first match (from the
   * start when nothing matches), escaped and marked like `highlight`, with
   * `…` where the text was cut. Text no longer than `length` is returned
   * whole; the first match is always whole, matches cut by the window edge
   * are left unmarked.
   */
  snippet(text: string, length: number): string;
}

/**
 * A highlighter for `terms`: query terms in any form (normalized here, so
 * traditional or upper-case terms mark simplified or lower-case text);
 * blank terms are ignored.
 */
export function createHighlighter(terms: readonly string[]): Highlighter {
  const pattern = termPattern(terms);
  return {
    highlight(text) {
      return render(text, findMatches(text, pattern), 0, text.length);
    },
    snippet(text, length) {
      const spans = findMatches(text, pattern);
      const size = Math.max(1, Math.floor(length));
      if (text.length <= size) return render(text, spans, 0, text.length);

      const first = spans[0];
      let start = 0;
      let end = size;
      if (first) {
        const matchLength = first.end - first.start;
        // Centre the first match, keeping the window inside the text.
        start = Math.max(0, first.start - Math.floor(Math.max(0, size - matchLength) / 2));
        start = Math.min(start, Math.max(0, text.length - size));
        end = Math.max(start + size, first.end);
      }
      start = codePointBoundary(text, start);
      end = codePointBoundary(text, Math.min(end, text.length));

      let body = render(text, spans, start, end);
      if (start > 0) body = ELLIPSIS + body.trimStart();
      if (end < text.length) body = body.trimEnd() + ELLIPSIS;
      return body;
    },
  };
}

/** Moves a cut position off the low half of a surrogate pair. */
function codePointBoundary(text: string, position: number): number {
  const code = text.charCodeAt(position);
  return code >= 0xdc00 && code <= 0xdfff && position > 0 ? position - 1 : position;
}

/** `createHighlighter(terms).highlight(text)`, for a single text. */
export function highlightText(text: string, terms: readonly string[]): string {
  return createHighlighter(terms).highlight(text);
}

/** `createHighlighter(terms).snippet(text, length)`, for a single text. */
export function snippetText(text: string, terms: readonly string[], length: number): string {
  return createHighlighter(terms).snippet(text, length);
}

/**
 * How the Meilisearch backend stores a document (DESIGN.md §4): the
 * SearchDocument with its searchable text folded to simplified Chinese and
 * the hidden `_terms` attribute added; and back again for a hit.
 *
 * Only the script is folded in displayed text (case and width are kept,
 * Meilisearch folds those itself); `_terms` holds the fully normalized
 * jieba search-mode terms (analysis.ts indexTerms).
 */
import { indexTerms, toSimplifiedScript } from "./analysis";
import { TERMS_ATTRIBUTE } from "./meilisearch-settings";
import { textsOf } from "./postgres-documents";
import { type IndexDefinition, type SearchDocument, SearchQueryError } from "./types";

/** Meilisearch's document id rule: 1–511 bytes of a-z A-Z 0-9 - _. */
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;
/** Attributes Meilisearch reserves or adds to hits, and the one this backend adds. */
const RESERVED = new Set([
  TERMS_ATTRIBUTE,
  "_formatted",
  "_geo",
  "_vectors",
  "_matchesPosition",
  "_rankingScore",
  "_rankingScoreDetails",
]);
/**
 * Cap on `_terms` per document: Meilisearch indexes about 65,000 positions
 * per attribute and spaces array elements apart; listings have a few hundred.
 */
const MAX_TERMS = 4000;

function fold(value: unknown): unknown {
  if (typeof value === "string") return toSimplifiedScript(value);
  if (Array.isArray(value)) return value.map(fold);
  return value;
}

function invalid(definition: IndexDefinition, message: string): SearchQueryError {
  return new SearchQueryError("invalid_document", `${definition.name}: ${message}`);
}

function sortValue(
  definition: IndexDefinition,
  document: SearchDocument,
  attribute: string,
): number | null {
  const value = document[attribute];
  if (value === null || value === undefined) return null;
  const number = value instanceof Date ? value.getTime() : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) {
    throw invalid(
      definition,
      `${document.id}: sortable attribute ${attribute} must be an integer or null`,
    );
  }
  return number;
}

/**
 * The Meilisearch document of `document`: searchable attributes folded to
 * simplified Chinese, sortable attributes as integers or null (Date →
 * epoch milliseconds; null or missing sorts last in both directions, see
 * meilisearch-backend.ts), `_terms` added.
 * Throws SearchQueryError `invalid_document` for an id Meilisearch would
 * reject, a reserved attribute, or a sortable value that is not an integer.
 */
export function meilisearchDocument(
  definition: IndexDefinition,
  document: SearchDocument,
): Record<string, unknown> {
  if (typeof document.id !== "string" || !DOCUMENT_ID.test(document.id)) {
    throw invalid(
      definition,
      `document id ${JSON.stringify(document.id)} is not 1–511 of [A-Za-z0-9_-]`,
    );
  }
  const reserved = Object.keys(document).find((key) => RESERVED.has(key));
  if (reserved !== undefined) {
    throw invalid(definition, `${document.id}: attribute ${reserved} is reserved`);
  }
  const stored: Record<string, unknown> = { ...document };
  for (const attribute of definition.searchableAttributes) {
    if (attribute in stored) stored[attribute] = fold(stored[attribute]);
  }
  for (const attribute of definition.sortableAttributes) {
    if (attribute in document) stored[attribute] = sortValue(definition, document, attribute);
  }
  const terms = new Set<string>();
  for (const attribute of definition.searchableAttributes) {
    for (const text of textsOf(document[attribute])) {
      for (const term of indexTerms(text)) {
        if (terms.size >= MAX_TERMS) break;
        terms.add(term);
      }
    }
  }
  stored[TERMS_ATTRIBUTE] = [...terms];
  return stored;
}

/** The SearchDocument of a stored hit: without `_terms` and Meilisearch's own fields. */
export function documentOfHit<D extends SearchDocument>(hit: Record<string, unknown>): D {
  const document: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(hit)) {
    if (!RESERVED.has(key)) document[key] = value;
  }
  return document as D;
}

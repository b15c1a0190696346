/**
 * How the Postgres search backend stores a document (DESIGN.md §4): the
 * `search_documents` row of a SearchDocument under an IndexDefinition.
 *
 * Lexemes are written as quoted tsvector literals rather than passed
 * through Postgres's text parser, so a jieba term such as "c++" or
 * "covid-19" is exactly one lexeme, the same one the query side looks up
 * (postgres-query.ts), and no text can act as tsvector/tsquery syntax.
 */
import { indexTerms, latinWords } from "./analysis";
import { type IndexDefinition, type SearchDocument, SearchQueryError } from "./types";

const WEIGHT_LABELS = ["A", "B", "C", "D"] as const;
/** Postgres limits: lexeme < 2048 bytes, position ≤ 16383, 256 positions per lexeme, tsvector < 1 MB. */
const MAX_LEXEME_BYTES = 2047;
const MAX_POSITION = 16383;
const MAX_POSITIONS_PER_LEXEME = 256;
const MAX_TSVECTOR_BYTES = 900_000;

/** A document as the upsert statement takes it (one element of a JSON batch). */
export interface DocumentRow {
  id: string;
  /** tsvector literal. */
  tsv: string;
  /** Space-separated Latin words, for trigram typo tolerance. */
  latin: string;
  /** "attribute=value" strings. */
  facets: string[];
  /** bigint[] literal of the sort values, e.g. "{1764547200000,NULL}". */
  sort: string;
  doc: SearchDocument;
}

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

/** A lexeme as a quoted tsvector/tsquery literal: `'it''s'`, backslashes doubled. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Whether `term` can be a lexeme (Postgres rejects longer words). */
export function fitsLexeme(term: string): boolean {
  return term.length > 0 && byteLength(term) <= MAX_LEXEME_BYTES;
}

/** Strings of a document value: a string, the elements of an array, numbers as text. */
export function textsOf(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number" || typeof value === "boolean") return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v: unknown) => textsOf(v));
  return [];
}

/**
 * The tsvector literal of `document`: index terms of each searchable
 * attribute, weighted by its priority, positioned in reading order.
 */
export function documentTsvector(definition: IndexDefinition, document: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 1;
  let bytes = 0;
  for (const [rank, attribute] of definition.searchableAttributes.entries()) {
    const weight = WEIGHT_LABELS[Math.min(rank, WEIGHT_LABELS.length - 1)] ?? "D";
    for (const text of textsOf(document[attribute])) {
      for (const term of indexTerms(text)) {
        if (!fitsLexeme(term)) continue;
        let list = positions.get(term);
        if (!list) {
          // Near Postgres's 1 MB tsvector limit, new terms are dropped.
          if (bytes + byteLength(term) + 8 > MAX_TSVECTOR_BYTES) continue;
          bytes += byteLength(term) + 8;
          list = [];
          positions.set(term, list);
        }
        if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(`${position}${weight}`);
        position = Math.min(position + 1, MAX_POSITION);
      }
    }
  }
  return [...positions].map(([term, list]) => `${quoteLexeme(term)}:${list.join(",")}`).join(" ");
}

function facetsOf(definition: IndexDefinition, document: SearchDocument): string[] {
  return [
    ...new Set(
      definition.filterableAttributes.flatMap((attribute) =>
        textsOf(document[attribute]).map((value) => `${attribute}=${value}`),
      ),
    ),
  ];
}

function sortKey(definition: IndexDefinition, document: SearchDocument, attribute: string): string {
  const value = document[attribute];
  if (value === null || value === undefined) return "NULL";
  const number = value instanceof Date ? value.getTime() : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) {
    throw new SearchQueryError(
      "invalid_document",
      `${definition.name}/${document.id}: sortable attribute ${attribute} must be an integer or null`,
    );
  }
  return String(number);
}

/**
 * The row of `document` under `definition`. Throws SearchQueryError
 * `invalid_document` for a missing id or a sortable value that is not a
 * safe integer (Date objects are taken as epoch milliseconds).
 */
export function documentRow(definition: IndexDefinition, document: SearchDocument): DocumentRow {
  if (typeof document.id !== "string" || document.id.length === 0) {
    throw new SearchQueryError(
      "invalid_document",
      `${definition.name}: a document needs a string id`,
    );
  }
  const searchable = definition.searchableAttributes.flatMap((a) => textsOf(document[a]));
  return {
    id: document.id,
    tsv: documentTsvector(definition, document),
    latin: [...new Set(searchable.flatMap(latinWords))].join(" "),
    facets: facetsOf(definition, document),
    sort: `{${definition.sortableAttributes.map((a) => sortKey(definition, document, a)).join(",")}}`,
    doc: document,
  };
}

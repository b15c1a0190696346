/**
 * Meilisearch filter expressions of a SearchQuery, in the array form:
 * one inner array per attribute (its values ORed), the arrays ANDed.
 *
 * Every attribute and value is a double-quoted string literal with `\` and
 * `"` escaped, so no value can change the expression: quotes, backslashes,
 * AND, OR, NOT, TO, EXISTS and parentheses stay inside the literal. This
 * follows Meilisearch's filter parser: a quoted value ends at the first
 * unescaped `"`, then escape sequences are resolved (`\\` → `\`, `\"` → `"`).
 * Attributes come only from the index definition; any other is rejected.
 */
import { type IndexDefinition, type SearchQuery, SearchQueryError } from "./types";

/** `text` as a double-quoted filter literal. */
export function quoteFilterLiteral(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `attribute = value` with both sides quoted. */
export function equalsCondition(attribute: string, value: string): string {
  return `${quoteFilterLiteral(attribute)} = ${quoteFilterLiteral(value)}`;
}

/**
 * The filter of `query` on `definition`: `[[a = v1, a = v2], [b = w]]`, or
 * undefined when nothing is filtered. An attribute with an empty list of
 * values is no constraint. Throws SearchQueryError `unknown_attribute` for
 * an attribute that is not filterable and `invalid_filter` for values that
 * are not a list of strings.
 */
export function filterExpression(
  definition: IndexDefinition,
  query: Pick<SearchQuery, "filters">,
): string[][] | undefined {
  const groups: string[][] = [];
  for (const [attribute, values] of Object.entries(query.filters ?? {})) {
    if (!definition.filterableAttributes.includes(attribute)) {
      throw new SearchQueryError(
        "unknown_attribute",
        `index "${definition.name}": "${attribute}" is not a filterable attribute`,
      );
    }
    const list: unknown = values;
    if (!Array.isArray(list) || list.some((v) => typeof v !== "string")) {
      throw new SearchQueryError(
        "invalid_filter",
        `filter "${attribute}" must be a list of strings`,
      );
    }
    if (list.length === 0) continue;
    groups.push([...new Set(list as string[])].map((value) => equalsCondition(attribute, value)));
  }
  return groups.length > 0 ? groups : undefined;
}

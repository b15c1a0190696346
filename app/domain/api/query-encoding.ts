/**
 * Detects query parameters that arrived as broken percent-encoding.
 *
 * The raw query string never reaches a loader: Remix rebuilds the request
 * URL through URLSearchParams (to strip its `index` and `_routes`
 * parameters), and URLSearchParams never fails. It decodes an invalid UTF-8
 * sequence such as `%E4%B8` (a character cut in half) to U+FFFD and
 * re-encodes it as `%EF%BF%BD`, and keeps a malformed escape such as `%ZZ`
 * as the literal text "%ZZ".
 *
 * So the first case is detected by its U+FFFD (a character no real query
 * needs), and the second cannot be told apart from a query for the text
 * "%ZZ" and is searched as that text.
 */
import type { ApiProblem } from "./api-schemas";

const REPLACEMENT_CHARACTER = "\uFFFD";

/** One problem per parameter whose name or value holds U+FFFD. */
export function queryEncodingProblems(params: URLSearchParams): ApiProblem[] {
  const problems: ApiProblem[] = [];
  for (const [name, value] of params) {
    if (!name.includes(REPLACEMENT_CHARACTER) && !value.includes(REPLACEMENT_CHARACTER)) continue;
    const param = name.slice(0, 40);
    problems.push({
      param,
      code: "invalid_encoding",
      message: `参数“${param}”不是有效的 UTF-8 百分号编码（如字符被截断的 %E4%B8）`,
    });
  }
  return problems;
}

/**
 * Renders search highlights: text with matches in `<mark>`.
 *
 * `html` comes from the search backend (SearchHit.highlights), which
 * HTML-escapes the stored text and only adds `<mark>`/`</mark>` around
 * matches, so it is safe to insert as HTML. As a second line of defence any
 * other `<` is escaped again here, so nothing but `<mark>` can ever render
 * as markup. Without `html` the plain `text` is rendered (escaped by React).
 */
const NOT_MARK_TAG = /<(?!\/?mark>)/g;

export function Highlight({
  html,
  text,
  className,
}: {
  html: string | null | undefined;
  text: string;
  className?: string;
}) {
  if (!html) return <span className={className}>{text}</span>;
  return (
    <span
      className={className}
      dangerouslySetInnerHTML={{ __html: html.replace(NOT_MARK_TAG, "&lt;") }}
    />
  );
}

/**
 * Recognizes PostgreSQL unique violations (SQLSTATE 23505) from both
 * drivers: postgres.js names the constraint `constraint_name`, PGlite
 * `constraint`. Lets domain code turn a lost race into a ConflictError.
 */

/** The violated constraint's name, or null when `error` is not a unique violation. */
export function uniqueViolation(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
  if (e.code !== "23505") return null;
  const name = e.constraint_name ?? e.constraint;
  return typeof name === "string" ? name : "";
}

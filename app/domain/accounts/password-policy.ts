/**
 * Password rules shared by the forms (browser) and the domain (server).
 * Length is what matters (NIST SP 800-63B §5.1.1.2); no composition rules.
 * The upper bound keeps argon2 from hashing megabytes on request.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** zh-CN problem with `password`, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码不能超过 ${MAX_PASSWORD_LENGTH} 位`;
  return null;
}

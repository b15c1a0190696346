/**
 * Password hashing with argon2id (@node-rs/argon2), parameters per the
 * OWASP Password Storage Cheat Sheet (m=19 MiB, t=2, p=1).
 */
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

/** Minimum password length accepted at sign-up and password change. */
export { MIN_PASSWORD_LENGTH } from "./password-policy";

/** argon2id PHC string of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** True when `password` matches the PHC string `passwordHash`; false for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

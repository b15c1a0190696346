/**
 * Form fields of the account pages as zod schemas, shared by the route
 * modules' schemas (server and browser validation) so that every form
 * words its errors the same way. The domain re-checks what matters with
 * the same rules (email pattern, password policy, USCC check digit).
 */
import { z } from "zod";
import { USCC_PROBLEM_MESSAGES, validateUscc } from "../organizations/uscc";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy";

/** Deliberately loose: one @, a dot in the domain, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_DISPLAY_NAME_LENGTH = 40;
export const MAX_ORGANIZATION_NAME_LENGTH = 100;

/** Organization kinds open to self-registration (the bureau is created by the system). */
export const SIGN_UP_KINDS = ["enterprise", "university", "institute", "intermediary"] as const;
export type SignUpKind = (typeof SIGN_UP_KINDS)[number];

/** The stored form of an e-mail address (the users.email check requires lower case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailField = z
  .string({ error: "请填写邮箱" })
  .trim()
  .toLowerCase()
  .max(MAX_EMAIL_LENGTH, "邮箱地址过长")
  .regex(EMAIL_PATTERN, "邮箱格式不正确，例如 name@example.com");

/** A password being set (sign-up, invitation, change). */
export const newPasswordField = z
  .string({ error: "请设置密码" })
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 位`)
  .max(MAX_PASSWORD_LENGTH, `密码不能超过 ${MAX_PASSWORD_LENGTH} 位`);

/** A password being checked (sign-in, current password): no length rules. */
export const passwordField = z
  .string({ error: "请填写密码" })
  .max(MAX_PASSWORD_LENGTH, `密码不能超过 ${MAX_PASSWORD_LENGTH} 位`);

export const displayNameField = z
  .string({ error: "请填写姓名" })
  .trim()
  .min(1, "请填写姓名")
  .max(MAX_DISPLAY_NAME_LENGTH, `姓名不超过 ${MAX_DISPLAY_NAME_LENGTH} 个字`);

export const usccField = z
  .string({ error: "请填写统一社会信用代码" })
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = validateUscc(value);
    if (problem) ctx.addIssue({ code: "custom", message: USCC_PROBLEM_MESSAGES[problem] });
  });

/** Adds the "两次输入的密码不一致" check to a schema with `password` and `confirmPassword`. */
export function withPasswordConfirmation<
  T extends z.ZodType<{ password: string; confirmPassword: string }>,
>(schema: T) {
  return schema.refine((v) => v.password === v.confirmPassword, {
    message: "两次输入的密码不一致",
    path: ["confirmPassword"],
  });
}

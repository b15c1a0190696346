/**
 * New bureau account (/admin/users/new): a 科技局工作人员 or administrator
 * of the bureau organization. The account gets a temporary password, shown
 * once on the answer to this form; the new user changes it after signing in.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
} from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert, SelectField, SubmitButton, TextField } from "~/components/form-fields";
import { PageHeader } from "~/components/work-queue";
import { displayNameField, emailField } from "~/domain/accounts/account-fields";
import { ROLE_LABELS } from "~/domain/accounts/permissions";
import { createBureauAccount } from "~/domain/accounts/user-admin.server";
import { services } from "~/services.server";
import { domainErrorResult } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `新建科技局账号 - ${siteNameOf(matches)}` },
];

const ROLES = ["bureau_staff", "admin"] as const;

const schema = z.object({
  email: emailField,
  displayName: displayNameField,
  role: z.enum(ROLES, { error: "请选择角色" }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users.manage");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "users.manage");
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), created: null }, { status: 400 });
  }
  const { db, config } = await services();
  try {
    const created = await createBureauAccount(
      db,
      { ...user, ip: knownClientIp(request) },
      submission.value,
      { homeRegionCode: config.HOME_REGION_CODE },
    );
    // The temporary password is on this response only: never cached.
    return data(
      {
        result: submission.reply({ resetForm: true }),
        created: {
          email: created.email,
          role: submission.value.role,
          temporaryPassword: created.temporaryPassword,
        },
      },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error);
    return data({ result, created: null }, { status });
  }
}

export default function NewBureauAccount() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { role: "bureau_staff" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const created = actionData?.created;

  return (
    <div className="max-w-lg">
      <PageHeader
        title="新建科技局账号"
        description="为科技局工作人员或系统管理员开设账号，账号属于科技局（科技管理部门）。"
      />
      {created ? (
        <FormAlert tone="success">
          <p>
            已创建{ROLE_LABELS[created.role]}账号 <strong>{created.email}</strong>。
          </p>
          {created.temporaryPassword ? (
            <p className="mt-2">
              临时密码（只显示这一次，请告知本人并请其登录后修改）：
              <code
                data-testid="temporary-password"
                className="ml-1 select-all rounded bg-white px-2 py-1 font-mono text-lg tracking-wider text-slate-900"
              >
                {created.temporaryPassword}
              </code>
            </p>
          ) : null}
          <p className="mt-2">
            <Link to="/admin/users" className="underline">
              返回用户列表
            </Link>
          </p>
        </FormAlert>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-4">
        <FormAlert id={form.errorId}>{form.errors?.join("；")}</FormAlert>
        <TextField
          meta={fields.email}
          label="邮箱（登录名）"
          type="email"
          autoComplete="off"
          required
        />
        <TextField meta={fields.displayName} label="姓名" autoComplete="off" required />
        <SelectField meta={fields.role} label="角色">
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <SubmitButton>创建账号</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

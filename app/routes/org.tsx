/**
 * 我的机构: the member's organization — details, verification status and
 * the bureau's rejection reason. The organization admin also sees the
 * members and manages invitation links (create, revoke).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton, TextField } from "~/components/form-fields";
import { emailField } from "~/domain/accounts/account-fields";
import { INVITATION_STATUS_LABELS, INVITATION_TTL_DAYS } from "~/domain/accounts/invitation-labels";
import {
  createInvitation,
  listInvitations,
  revokeInvitation,
} from "~/domain/accounts/invitations.server";
import { memberRoleFor, ROLE_LABELS } from "~/domain/accounts/permissions";
import {
  getOrganizationProfile,
  listOrganizationMembers,
} from "~/domain/organizations/organization-profile.server";
import { VERIFICATION_STATUS_LABELS } from "~/domain/bureau/labels";
import { ORGANIZATION_KINDS, PARTY_TYPES, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `我的机构 - ${siteNameOf(matches)}` }];

const createSchema = z.object({
  intent: z.literal("create-invitation"),
  email: emailField.optional(),
});
const revokeSchema = z.object({
  intent: z.literal("revoke-invitation"),
  invitationId: z.coerce.number().int().positive(),
});
const schema = z.discriminatedUnion("intent", [createSchema, revokeSchema]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await services();
  const organization = await getOrganizationProfile(db, user.organizationId);
  const admin = user.isOrgAdmin;
  const [members, invitations] = admin
    ? await Promise.all([
        listOrganizationMembers(db, user.organizationId),
        listInvitations(db, user.organizationId),
      ])
    : [null, null];
  return {
    organization,
    isOrgAdmin: admin,
    canInvite: admin && memberRoleFor(organization.kind) !== null,
    members,
    invitations,
    welcome: new URL(request.url).searchParams.has("welcome"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent =
    formData.get("intent") === "revoke-invitation" ? "revoke-invitation" : "create-invitation";
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data({ intent, result: submission.reply(), inviteLink: null }, { status: 400 });
  }
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  try {
    if (submission.value.intent === "create-invitation") {
      const { token } = await createInvitation(db, actor, { email: submission.value.email });
      return {
        intent,
        result: submission.reply({ resetForm: true }),
        inviteLink: new URL(`/invite/${token}`, request.url).toString(),
      };
    }
    await revokeInvitation(db, actor, submission.value.invitationId);
    return { intent, result: submission.reply(), inviteLink: null };
  } catch (error) {
    const reply = replyWithDomainError(submission, error);
    return data({ intent, result: reply.data, inviteLink: null }, reply.init ?? undefined);
  }
}

const STATUS_STYLES = {
  pending: "border-amber-200 bg-amber-50 text-amber-900",
  verified: "border-green-200 bg-green-50 text-green-900",
  rejected: "border-red-200 bg-red-50 text-red-900",
} as const;

const STATUS_NOTES = {
  pending: "科技局正在核实机构信息，通常需要 1–3 个工作日。",
  verified: "机构信息已由科技局核实。",
  rejected: "科技局未能核实机构信息。请根据以下原因联系科技局更正。",
} as const;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-slate-500">{label}</dt>
      <dd className="text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export default function MyOrganization() {
  const {
    organization: org,
    isOrgAdmin,
    canInvite,
    members,
    invitations,
    welcome,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "create-invitation",
    lastResult: actionData?.intent === "create-invitation" ? actionData.result : null,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createSchema }),
    shouldValidate: "onBlur",
  });
  const revokeErrors =
    actionData?.intent === "revoke-invitation" ? actionData.result.error?.[""] : undefined;

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {welcome ? (
        <FormAlert tone="success">
          注册成功！欢迎加入。机构认证通过后，即可正式发布科技成果和技术需求。
        </FormAlert>
      ) : null}
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">{org.name}</h1>
        <p className="text-sm text-slate-500">
          {labelOf(ORGANIZATION_KINDS, org.kind)} · {org.regionName}
        </p>
      </div>

      <section
        aria-labelledby="verification"
        className={`rounded-lg border p-4 ${STATUS_STYLES[org.status]}`}
        data-testid="verification-status"
      >
        <h2 id="verification" className="font-medium">
          认证状态：{VERIFICATION_STATUS_LABELS[org.status]}
        </h2>
        <p className="mt-1 text-sm">{STATUS_NOTES[org.status]}</p>
        {org.status === "rejected" && org.rejectionReason ? (
          <p className="mt-2 text-sm">
            <span className="font-medium">原因：</span>
            {org.rejectionReason}
          </p>
        ) : null}
        {org.reviewedAt ? (
          <p className="mt-1 text-xs">审核时间：{formatDate(org.reviewedAt)}</p>
        ) : null}
      </section>

      <section aria-labelledby="details" className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
        <h2 id="details" className="text-lg font-medium text-slate-900">
          机构信息
        </h2>
        <dl className="mt-2 divide-y divide-slate-100">
          <Fact label="机构名称">{org.name}</Fact>
          <Fact label="机构类型">{labelOf(ORGANIZATION_KINDS, org.kind)}</Fact>
          <Fact label="统一社会信用代码">
            <span className="font-mono">{org.uscc ?? "—"}</span>
          </Fact>
          <Fact label="所在地区">{org.regionName}</Fact>
          <Fact label="单位性质">{labelOf(PARTY_TYPES, org.partyType)}</Fact>
          <Fact label="注册时间">{formatDate(org.createdAt)}</Fact>
        </dl>
      </section>

      {isOrgAdmin && members ? (
        <section aria-labelledby="members" className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <h2 id="members" className="text-lg font-medium text-slate-900">
            成员（{members.length}）
          </h2>
          <ul className="mt-2 divide-y divide-slate-100">
            {members.map((m) => (
              <li key={m.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span>
                  {m.displayName}
                  {m.isOrgAdmin ? <span className="ml-2 text-xs text-blue-700">管理员</span> : null}
                  {m.disabled ? <span className="ml-2 text-xs text-red-700">已停用</span> : null}
                </span>
                <span className="text-sm text-slate-500">
                  {m.email} · {ROLE_LABELS[m.role]}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {isOrgAdmin && invitations ? (
        <section aria-labelledby="invitations" className="rounded-lg bg-white p-4 shadow-sm sm:p-6">
          <h2 id="invitations" className="text-lg font-medium text-slate-900">
            邀请同事
          </h2>
          {canInvite ? (
            <>
              <p className="mt-1 text-sm text-slate-600">
                生成邀请链接发给同事，同事打开链接即可注册并加入本机构。链接 {INVITATION_TTL_DAYS}{" "}
                天内有效，只能使用一次；填写邮箱后仅该邮箱可用。
              </p>
              {actionData?.inviteLink ? (
                <FormAlert tone="success">
                  <p>邀请链接已生成（只显示这一次，请立即复制发送）：</p>
                  <p className="mt-1 break-all font-mono" data-testid="invite-link">
                    {actionData.inviteLink}
                  </p>
                </FormAlert>
              ) : null}
              <Form
                method="post"
                {...getFormProps(form)}
                className="mt-4 flex flex-wrap items-end gap-3"
              >
                <input type="hidden" name="intent" value="create-invitation" />
                <TextField
                  meta={fields.email}
                  label="同事邮箱（可选）"
                  type="email"
                  inputMode="email"
                  autoComplete="off"
                  className="min-w-0 flex-1"
                />
                <SubmitButton>生成邀请链接</SubmitButton>
              </Form>
              {form.errors?.length ? <ErrorList id={form.errorId} errors={form.errors} /> : null}
            </>
          ) : (
            <p className="mt-1 text-sm text-slate-600">科技管理部门的账号由系统管理员创建。</p>
          )}
          {revokeErrors?.length ? (
            <div className="mt-4">
              <FormAlert>
                <ErrorList errors={revokeErrors} />
              </FormAlert>
            </div>
          ) : null}
          {invitations.length > 0 ? (
            <ul className="mt-4 divide-y divide-slate-100" aria-label="邀请记录">
              {invitations.map((i) => (
                <li
                  key={i.id}
                  className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
                >
                  <span>
                    {i.email ?? "任意邮箱"} · {INVITATION_STATUS_LABELS[i.status]}
                    {i.status === "used" && i.usedByName ? `（${i.usedByName}）` : ""}
                    <span className="block text-slate-500">
                      {formatDate(i.createdAt)} 由 {i.createdByName} 创建 · 有效期至{" "}
                      {formatDate(i.expiresAt)}
                    </span>
                  </span>
                  {i.status === "open" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke-invitation" />
                      <input type="hidden" name="invitationId" value={i.id} />
                      <button
                        type="submit"
                        className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50"
                        aria-label={`撤销邀请 ${i.email ?? ""}`.trim()}
                      >
                        撤销
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

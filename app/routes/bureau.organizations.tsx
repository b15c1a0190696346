/**
 * Organization verification (/bureau/organizations): organizations that
 * signed up, oldest first, filtered by status, kind, region and name in
 * the URL. 通过 verifies; 驳回 needs a reason the organization will read.
 */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  buttonClass,
  CountTabs,
  dangerButtonClass,
  FieldErrors,
  inputClass,
  Notice,
  PageHeader,
  PageLinks,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
  withParams,
} from "~/components/work-queue";
import {
  MAX_REJECTION_REASON_LENGTH,
  VERIFICATION_STATUS_LABELS,
  type VerificationStatus,
} from "~/domain/bureau/labels";
import {
  listOrganizationQueue,
  rejectOrganization,
  verifyOrganization,
} from "~/domain/organizations/verification.server";
import { ORGANIZATION_KINDS, PARTY_TYPES, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `机构认证 - ${siteNameOf(matches)}` }];

const PAGE_SIZE = 50;
const MEMBER_KINDS = ["enterprise", "university", "institute", "intermediary"] as const;

const filterSchema = z.object({
  status: z.enum(["pending", "verified", "rejected"]).catch("pending"),
  kind: z.enum(MEMBER_KINDS).optional().catch(undefined),
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  notice: z
    .string()
    .regex(/^(verified|rejected):\d{1,9}$/)
    .optional()
    .catch(undefined),
});

const idField = z.coerce.number({ error: "缺少机构编号" }).int().positive().max(2_147_483_647);

const decisionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), id: idField }),
  z.object({
    intent: z.literal("reject"),
    id: idField,
    reason: z
      .string({ error: "请填写驳回理由" })
      .trim()
      .min(2, "驳回理由至少 2 个字")
      .max(MAX_REJECTION_REASON_LENGTH, `驳回理由最多 ${MAX_REJECTION_REASON_LENGTH} 字`),
  }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "organizations.verify");
  const { db } = await services();
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const queue = await listOrganizationQueue(db, {
    status: filters.status,
    kind: filters.kind,
    regionCode: filters.region,
    q: filters.q,
    page: filters.page,
    pageSize: PAGE_SIZE,
  });
  return { filters, queue };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "organizations.verify");
  const submission = parseWithZod(await request.formData(), { schema: decisionSchema });
  if (submission.status !== "success") {
    return data(submission.reply(), { status: 400 });
  }
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  const decision = submission.value;
  try {
    if (decision.intent === "verify") await verifyOrganization(db, decision.id, actor);
    else await rejectOrganization(db, decision.id, actor, { reason: decision.reason });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  const url = new URL(request.url);
  url.searchParams.set(
    "notice",
    `${decision.intent === "verify" ? "verified" : "rejected"}:${decision.id}`,
  );
  return redirect(`${url.pathname}?${url.searchParams}`);
}

function RejectOrganizationForm({
  id,
  name,
  lastResult,
}: {
  id: number;
  name: string;
  lastResult?: SubmissionResult;
}) {
  const [form, fields] = useForm({
    id: `reject-organization-${id}`,
    lastResult,
    defaultNoValidate: false,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decisionSchema }),
  });
  return (
    <details open={Boolean(lastResult)} className="inline-block align-top">
      <summary
        className={`${dangerButtonClass} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
        aria-label={`驳回：${name}`}
      >
        驳回
      </summary>
      <Form
        method="post"
        {...getFormProps(form)}
        aria-label={`驳回“${name}”的认证`}
        className="mt-2 w-64 max-w-[80vw] space-y-2 rounded-md border border-slate-200 bg-white p-3 shadow-sm"
      >
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="id" value={id} />
        <label htmlFor={fields.reason.id} className="block text-xs font-medium text-slate-700">
          驳回理由（机构会看到）
        </label>
        <textarea
          {...getTextareaProps(fields.reason)}
          key={fields.reason.key}
          required
          minLength={2}
          maxLength={MAX_REJECTION_REASON_LENGTH}
          rows={3}
          placeholder="如：统一社会信用代码与营业执照不一致"
          className={inputClass}
        />
        <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
        <FieldErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className={`${dangerButtonClass} w-full`}>
          确认驳回
        </button>
      </Form>
    </details>
  );
}

function noticeText(notice: string) {
  const [what, id] = notice.split(":");
  return what === "verified"
    ? `编号 ${id} 的机构已认证通过。`
    : `已驳回编号 ${id} 的机构的认证申请。`;
}

export default function OrganizationQueue() {
  const { filters, queue } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { pathname, search } = useLocation();
  const replyTo = (intent: string, id: number) =>
    lastResult?.initialValue?.intent === intent && lastResult.initialValue.id === String(id)
      ? lastResult
      : undefined;
  const statusTab = (status: VerificationStatus) => ({
    label: VERIFICATION_STATUS_LABELS[status],
    count: queue.statusCounts[status],
    href: `${pathname}${withParams(search, { status: status === "pending" ? null : status })}`,
    active: filters.status === status,
  });
  const pending = filters.status === "pending";
  const orphanError =
    lastResult?.error?.[""] && !queue.rows.some((r) => String(r.id) === lastResult.initialValue?.id)
      ? lastResult.error[""]
      : null;

  return (
    <div>
      <PageHeader
        title="机构认证"
        description="核对注册机构的名称、统一社会信用代码和所在地区；认证通过后，机构才能发布成果和需求。"
      />
      {filters.notice ? <Notice tone="success">{noticeText(filters.notice)}</Notice> : null}
      {orphanError ? <Notice tone="error">{orphanError.join("；")}</Notice> : null}
      <CountTabs
        label="认证状态"
        tabs={[statusTab("pending"), statusTab("verified"), statusTab("rejected")]}
      />
      <Form
        method="get"
        aria-label="筛选"
        className="mb-3 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4"
      >
        {filters.status !== "pending" ? (
          <input type="hidden" name="status" value={filters.status} />
        ) : null}
        <label className="col-span-2 text-xs text-slate-600 sm:col-span-1">
          名称或信用代码
          <input type="search" name="q" defaultValue={filters.q ?? ""} className={inputClass} />
        </label>
        <label className="text-xs text-slate-600">
          机构类型
          <select name="kind" defaultValue={filters.kind ?? ""} className={inputClass}>
            <option value="">全部</option>
            {MEMBER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {ORGANIZATION_KINDS[kind]}（{queue.kindCounts[kind] ?? 0}）
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          所在地区
          <select name="region" defaultValue={filters.region ?? ""} className={inputClass}>
            <option value="">全部</option>
            {queue.regionOptions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}（{r.count}）
              </option>
            ))}
          </select>
        </label>
        <div className="col-span-2 flex items-end gap-2 sm:col-span-1">
          <button type="submit" className={buttonClass}>
            筛选
          </button>
          <Link to={pathname} className={secondaryButtonClass}>
            清除
          </Link>
        </div>
      </Form>

      <p className="mb-2 text-sm text-slate-600">
        共 <strong className="tabular-nums text-slate-900">{queue.total}</strong> 个机构
      </p>
      {queue.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          没有符合条件的机构。
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} aria-label="机构列表">
            <thead>
              <tr>
                <th className={`${thClass} hidden md:table-cell`}>注册时间</th>
                <th className={thClass}>机构名称</th>
                <th className={`${thClass} hidden md:table-cell`}>类型 / 性质</th>
                <th className={`${thClass} hidden md:table-cell`}>所在地区</th>
                <th className={`${thClass} hidden md:table-cell`}>联系人</th>
                <th className={thClass}>{pending ? "操作" : "审核"}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queue.rows.map((org) => {
                const rejectReply = replyTo("reject", org.id);
                const verifyErrors = replyTo("verify", org.id)?.error?.[""];
                return (
                  <tr key={org.id} className="hover:bg-slate-50">
                    <td
                      className={`${tdClass} hidden whitespace-nowrap tabular-nums md:table-cell`}
                    >
                      {formatDateTime(org.createdAt)}
                    </td>
                    <td className={`${tdClass} min-w-44`}>
                      <span className="font-medium text-slate-900">{org.name}</span>
                      <span className="block font-mono text-xs text-slate-500">
                        {org.uscc ?? "（未填统一社会信用代码）"}
                      </span>
                      {/* Phones: the hidden columns, under the name. */}
                      <span className="block text-xs text-slate-600 md:hidden">
                        {labelOf(ORGANIZATION_KINDS, org.kind)} · {org.regionName} · 注册于{" "}
                        {formatDateTime(org.createdAt)}
                        {org.contact ? ` · ${org.contact.displayName} ${org.contact.email}` : ""}
                      </span>
                      {org.intro ? (
                        <details className="text-xs text-slate-600">
                          <summary className="cursor-pointer">简介</summary>
                          <p className="mt-1 max-w-md whitespace-pre-line">{org.intro}</p>
                        </details>
                      ) : null}
                    </td>
                    <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                      {labelOf(ORGANIZATION_KINDS, org.kind)}
                      <span className="block text-xs text-slate-500">
                        {labelOf(PARTY_TYPES, org.partyType)}
                      </span>
                    </td>
                    <td className={`${tdClass} hidden md:table-cell`}>{org.regionName}</td>
                    <td className={`${tdClass} hidden md:table-cell`}>
                      {org.contact ? (
                        <>
                          {org.contact.displayName}
                          <span className="block text-xs text-slate-500">{org.contact.email}</span>
                        </>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                      <span className="block text-xs text-slate-500">账号 {org.userCount} 个</span>
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>
                      {org.status !== "pending" ? (
                        <p className="mb-1 text-xs text-slate-600">
                          {VERIFICATION_STATUS_LABELS[org.status]}
                          {org.reviewedAt ? ` · ${formatDateTime(org.reviewedAt)}` : ""}
                          {org.reviewerName ? ` · ${org.reviewerName}` : ""}
                          {org.rejectionReason ? (
                            <span className="block max-w-xs whitespace-normal text-red-700">
                              理由：{org.rejectionReason}
                            </span>
                          ) : null}
                        </p>
                      ) : null}
                      <div className="flex flex-col items-stretch gap-1 sm:flex-row sm:items-start">
                        {org.status !== "verified" ? (
                          <Form method="post" className="inline-block">
                            <input type="hidden" name="intent" value="verify" />
                            <input type="hidden" name="id" value={org.id} />
                            <button
                              type="submit"
                              className={buttonClass}
                              aria-label={`认证通过：${org.name}`}
                            >
                              通过
                            </button>
                            <FieldErrors errors={verifyErrors ?? undefined} />
                          </Form>
                        ) : null}
                        {org.status === "pending" ? (
                          <RejectOrganizationForm
                            id={org.id}
                            name={org.name}
                            lastResult={rejectReply}
                          />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks
        pathname={pathname}
        search={search}
        page={filters.page}
        pageSize={PAGE_SIZE}
        total={queue.total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

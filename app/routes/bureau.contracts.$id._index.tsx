/**
 * A technology contract (/bureau/contracts/:id): its facts, deadline,
 * status, amendment history, transitions and tax hints, with the
 * registrar's actions as small no-JS forms: 登记 (final 技术交易额 and
 * category), 不予登记 (reason + note), 注销 and 撤销 (note); 变更 opens its
 * own page; registered output contracts link to their certificate.
 */
import {
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ContractStatusBadge } from "~/components/contract-status-badge";
import { Breadcrumb, FactList, Section } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TaxHints } from "~/components/tax-hints";
import {
  FieldErrors,
  Notice,
  buttonClass,
  dangerButtonClass,
  inputClass,
  secondaryButtonClass,
} from "~/components/work-queue";
import { roleCan } from "~/domain/accounts/permissions";
import { formatFenValue, formatYuanAndWan } from "~/domain/audit/audit-format";
import { auditActionLabel } from "~/domain/audit/audit-labels";
import { contractDetail } from "~/domain/contracts/contract-detail.server";
import { CONTRACT_FIELD_LABELS } from "~/domain/contracts/contract-input";
import { RULE_VERSION_LABELS } from "~/domain/contracts/contract-rules";
import {
  CONTRACT_DIRECTIONS,
  CONTRACT_SUBTYPES,
  CONTRACT_TYPES,
  type ContractType,
  REFUSAL_REASONS,
  type RefusalReason,
} from "~/domain/contracts/contract-taxonomy";
import {
  cancelContract,
  refuseContract,
  registerContract,
  revokeContract,
} from "~/domain/contracts/contract-workflow.server";
import { IP_TYPES, PARTY_TYPES, TECH_FIELDS, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { formatDateTime } from "~/utils/date-time";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { parseId } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { fenToYuanInput, parseYuan } from "~/utils/money-input";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data?.contract.contractName ?? "技术合同"} - ${siteNameOf(matches)}` },
];

const note = (what: string) =>
  z
    .string({ error: `请写明${what}原因` })
    .trim()
    .min(2, `请写明${what}原因（至少 2 个字）`)
    .max(500, "最多 500 个字");

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("register"),
      techTransactionAmount: z
        .string({ error: "请填写认定的技术交易额（元）" })
        .transform((v, ctx) => {
          const parsed = parseYuan(v);
          if (!parsed.ok) {
            ctx.addIssue({ code: "custom", message: parsed.message });
            return z.NEVER;
          }
          return parsed.fen;
        }),
      category: z.string({ error: "请选择合同类别" }).regex(/^[a-z]+:[a-z_]+$/, "请选择合同类别"),
    }),
    z.object({
      intent: z.literal("refuse"),
      reason: z.enum(Object.keys(REFUSAL_REASONS) as [RefusalReason, ...RefusalReason[]], {
        error: "请选择不予登记的理由",
      }),
      note: z.string().trim().max(500, "最多 500 个字").optional(),
    }),
    z.object({ intent: z.literal("cancel"), note: note("注销") }),
    z.object({ intent: z.literal("revoke"), note: note("撤销") }),
  ],
  { error: "未知的操作" },
);

const NOTICES: Record<string, string> = {
  submitted: "已受理。请在办理期限内登记或不予登记。",
  registered: "已登记，登记号已生成。",
  refused: "已作出不予登记决定。",
  cancelled: "已注销，该合同不再计入统计。",
  revoked: "已撤销登记，该合同不再计入统计。",
  amended: "已变更，统计按变更后的内容计算。",
  absorbed: "技术吸纳记录已录入。",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contracts.read");
  const id = parseId(params.id, "合同");
  const { db } = await services();
  const detail = await contractDetail(db, id, formatDate(Date.now()));
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    ...detail,
    notice: notice ? (NOTICES[notice] ?? null) : null,
    canRegister: roleCan(user.role, "contracts.register"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contracts.register");
  const id = parseId(params.id, "合同");
  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  const value = submission.value;
  try {
    switch (value.intent) {
      case "register": {
        const [type = "", subtype = ""] = value.category.split(":");
        await registerContract(
          db,
          id,
          {
            techTransactionAmountFen: value.techTransactionAmount,
            contractType: type as ContractType,
            contractSubtype: subtype,
          },
          actor,
        );
        return redirect(`/bureau/contracts/${id}?notice=registered`);
      }
      case "refuse":
        await refuseContract(db, id, { reason: value.reason, note: value.note }, actor);
        return redirect(`/bureau/contracts/${id}?notice=refused`);
      case "cancel":
        await cancelContract(db, id, value.note, actor);
        return redirect(`/bureau/contracts/${id}?notice=cancelled`);
      case "revoke":
        await revokeContract(db, id, value.note, actor);
        return redirect(`/bureau/contracts/${id}?notice=revoked`);
    }
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
}

const replyOf = (result: SubmissionResult | undefined, intent: string) =>
  result?.initialValue?.intent === intent ? result : undefined;

function RegisterForm({
  lastResult,
  techFen,
  type,
  subtype,
}: {
  lastResult?: SubmissionResult;
  techFen: number;
  type: string;
  subtype: string;
}) {
  const [form, fields] = useForm({
    id: "register",
    lastResult,
    defaultValue: {
      techTransactionAmount: fenToYuanInput(techFen),
      category: `${type}:${subtype}`,
    },
  });
  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-2 rounded-md border border-slate-200 p-3"
    >
      <input type="hidden" name="intent" value="register" />
      <p className="text-sm font-medium text-slate-900">登记</p>
      <div>
        <label htmlFor={fields.techTransactionAmount.id} className="block text-xs text-slate-600">
          认定的技术交易额（元）
        </label>
        <input
          {...getInputProps(fields.techTransactionAmount, { type: "text" })}
          key={fields.techTransactionAmount.key}
          inputMode="decimal"
          className={inputClass}
        />
        <FieldErrors
          id={fields.techTransactionAmount.errorId}
          errors={fields.techTransactionAmount.errors}
        />
      </div>
      <div>
        <label htmlFor={fields.category.id} className="block text-xs text-slate-600">
          认定的合同类别
        </label>
        <select
          {...getSelectProps(fields.category)}
          key={fields.category.key}
          className={inputClass}
        >
          {Object.entries(CONTRACT_SUBTYPES).map(([t, subtypes]) => (
            <optgroup key={t} label={CONTRACT_TYPES[t as ContractType]}>
              {Object.entries(subtypes).map(([code, name]) => (
                <option key={code} value={`${t}:${code}`}>
                  {CONTRACT_TYPES[t as ContractType]} · {name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <FieldErrors id={fields.category.errorId} errors={fields.category.errors} />
      </div>
      <FieldErrors id={form.errorId} errors={form.errors} />
      <button type="submit" className={`${buttonClass} w-full`}>
        登记并生成登记号
      </button>
    </Form>
  );
}

function RefuseForm({ lastResult }: { lastResult?: SubmissionResult }) {
  const [form, fields] = useForm<{ intent: string; reason: string; note: string }>({
    id: "refuse",
    lastResult,
  });
  return (
    <details open={Boolean(lastResult)} className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-red-700">不予登记…</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value="refuse" />
        <div>
          <label htmlFor={fields.reason.id} className="block text-xs text-slate-600">
            理由
          </label>
          <select {...getSelectProps(fields.reason)} key={fields.reason.key} className={inputClass}>
            <option value="">请选择…</option>
            {Object.entries(REFUSAL_REASONS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div>
          <label htmlFor={fields.note.id} className="block text-xs text-slate-600">
            说明（选“其他”时必填）
          </label>
          <textarea
            {...getTextareaProps(fields.note)}
            key={fields.note.key}
            rows={3}
            maxLength={500}
            className={inputClass}
          />
          <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className={`${dangerButtonClass} w-full`}>
          确认不予登记
        </button>
      </Form>
    </details>
  );
}

function EndForm({
  intent,
  lastResult,
}: {
  intent: "cancel" | "revoke";
  lastResult?: SubmissionResult;
}) {
  const [form, fields] = useForm<{ intent: string; note: string }>({ id: intent, lastResult });
  const what = intent === "cancel" ? "注销" : "撤销登记";
  return (
    <details open={Boolean(lastResult)} className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-red-700">{what}…</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 space-y-2">
        <input type="hidden" name="intent" value={intent} />
        <p className="text-xs text-slate-500">
          {intent === "cancel"
            ? "合同解除、终止等，经当事人申请注销。"
            : "登记有误或以虚假材料取得登记的，撤销登记。"}
          登记号保留不再使用，合同不再计入统计。
        </p>
        <label htmlFor={fields.note.id} className="block text-xs text-slate-600">
          原因
        </label>
        <textarea
          {...getTextareaProps(fields.note)}
          key={fields.note.key}
          rows={3}
          maxLength={500}
          className={inputClass}
        />
        <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        <FieldErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className={`${dangerButtonClass} w-full`}>
          确认{what}
        </button>
      </Form>
    </details>
  );
}

const fieldLabel = (key: string) =>
  key === "contractAmountFen"
    ? "成交额"
    : key === "techTransactionAmountFen"
      ? "技术交易额"
      : (CONTRACT_FIELD_LABELS[key as keyof typeof CONTRACT_FIELD_LABELS] ?? key);

/** Amounts in exact 元 ("12,345.67 元"); other values as recorded. */
const fieldValue = (key: string, value: unknown) =>
  formatFenValue(key, value) ??
  (typeof value === "string" || typeof value === "number" ? String(value) : "—");

/** "成交额：10,000.00 元 → 12,345.67 元" lines of one amendment. */
function FieldChanges({
  changes,
}: {
  changes: { field: string; before: unknown; after: unknown }[];
}) {
  return (
    <ul className="mt-1">
      {changes.map(({ field, before, after }) => (
        <li key={field}>
          {fieldLabel(field)}：
          <span className="text-slate-500 line-through">{fieldValue(field, before)}</span>
          <span aria-hidden="true"> → </span>
          <span className="sr-only">改为</span>
          {fieldValue(field, after)}
        </li>
      ))}
    </ul>
  );
}

export default function ContractPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const c = d.contract;
  const facts = [
    { label: "登记号", value: c.registrationNumber },
    { label: "外地登记号", value: c.externalRegistrationNumber },
    { label: "方向", value: CONTRACT_DIRECTIONS[c.direction] },
    {
      label: "合同类别",
      value: `${labelOf(CONTRACT_TYPES, c.contractType)} · ${labelOf(CONTRACT_SUBTYPES[c.contractType] ?? {}, c.contractSubtype)}`,
    },
    { label: "技术领域", value: labelOf(TECH_FIELDS, c.techField) },
    { label: "知识产权", value: labelOf(IP_TYPES, c.ipType) },
    { label: "成交额", value: formatYuanAndWan(c.contractAmountFen) },
    { label: "技术交易额", value: formatYuanAndWan(c.techTransactionAmountFen) },
    { label: "签订日期", value: c.signedOn },
    {
      label: "有效期",
      value: c.validFrom || c.validUntil ? `${c.validFrom ?? "—"} 至 ${c.validUntil ?? "—"}` : null,
    },
    { label: "受理时间", value: formatDateTime(c.acceptedAt) },
    {
      label: "办理期限",
      value: c.dueOn
        ? `${c.dueOn}（${d.workingDays} 个工作日）${d.deadlineEstimated ? "，该年节假日安排尚未收录，按周一至周五估算" : ""}${d.overdue ? " 已超期" : ""}`
        : null,
    },
    { label: "登记日期", value: c.registeredOn },
    { label: "登记人", value: d.registeredByName },
    { label: "登记站", value: d.station ? `${d.station.name}（${d.station.stationCode}）` : null },
    { label: "规则版本", value: RULE_VERSION_LABELS[c.ruleVersion] ?? c.ruleVersion },
    {
      label: "不予登记理由",
      value: c.refusalReason
        ? `${labelOf(REFUSAL_REASONS, c.refusalReason)}${c.refusalNote ? `：${c.refusalNote}` : ""}`
        : null,
    },
    {
      label: "注销/撤销原因",
      value: c.status === "cancelled" || c.status === "revoked" ? c.statusNote : null,
    },
    {
      label: "来源",
      value: [
        c.resultId ? `成果 #${c.resultId}` : "",
        c.demandId ? `需求 #${c.demandId}` : "",
        c.inquiryId ? `对接 #${c.inquiryId}` : "",
      ]
        .filter(Boolean)
        .join("、"),
    },
  ];
  return (
    <div>
      <Breadcrumb
        items={[{ label: "技术合同", to: "/bureau/contracts" }, { label: c.contractName }]}
      />
      {d.notice ? <Notice tone="success">{d.notice}</Notice> : null}
      {d.overdue ? <Notice tone="error">已超过办理期限（{c.dueOn}），请尽快处理。</Notice> : null}
      <header className="mb-4 space-y-2">
        <ContractStatusBadge status={c.status} overdue={d.overdue} />
        <h1 className="text-2xl font-bold text-slate-900">{c.contractName}</h1>
        {c.registrationNumber ? (
          <p className="text-sm text-slate-600">
            登记号{" "}
            <span data-testid="registration-number" className="font-mono text-base text-slate-900">
              {c.registrationNumber}
            </span>
          </p>
        ) : null}
      </header>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-6">
          <Section title="合同信息">
            <FactList facts={facts} />
          </Section>
          <Section title="当事人">
            <FactList
              facts={[
                { label: "卖方", value: c.sellerName },
                { label: "卖方信用代码", value: c.sellerUscc },
                { label: "卖方地区", value: d.sellerRegionName },
                { label: "卖方性质", value: labelOf(PARTY_TYPES, c.sellerPartyType) },
                { label: "买方", value: c.buyerName },
                { label: "买方信用代码", value: c.buyerUscc },
                { label: "买方地区", value: d.buyerRegionName },
                { label: "买方性质", value: labelOf(PARTY_TYPES, c.buyerPartyType) },
              ]}
            />
          </Section>
          {d.taxHints.length > 0 ? (
            <Section title="税收优惠提示">
              <TaxHints hints={d.taxHints} />
            </Section>
          ) : null}
          {d.amendments.length > 0 ? (
            <Section title="变更记录">
              <ol className="space-y-3 text-sm">
                {d.amendments.map((a) => (
                  <li key={a.id} className="rounded-md border border-slate-200 p-3">
                    <p className="text-slate-500">
                      {formatDateTime(a.amendedAt)} · {a.amendedByName ?? "—"} · 原因：{a.reason}
                    </p>
                    <FieldChanges
                      changes={Object.keys(a.after).map((field) => ({
                        field,
                        before: a.before[field],
                        after: a.after[field],
                      }))}
                    />
                  </li>
                ))}
              </ol>
            </Section>
          ) : null}
          <Section title="办理记录">
            {d.events.length === 0 ? (
              <p className="text-sm text-slate-500">暂无办理记录（示例数据或台账导入的合同）。</p>
            ) : null}
            <ol className="space-y-1 text-sm">
              {d.events.map((e, i) => (
                <li key={i}>
                  <span className="text-slate-500">{formatDateTime(e.at)}</span>{" "}
                  {auditActionLabel(e.action)}
                  {e.actorName ? ` · ${e.actorName}` : ""}
                  {e.note ? `：${e.note}` : ""}
                  {e.changes.length > 0 ? (
                    <div className="ml-4 text-slate-700">
                      <FieldChanges changes={e.changes} />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </Section>
        </div>
        <aside className="space-y-3 self-start">
          {c.status === "registered" && c.direction === "output" ? (
            <Link
              to={`/bureau/contracts/${c.id}/certificate`}
              className={`${secondaryButtonClass} w-full`}
            >
              登记证明（打印）
            </Link>
          ) : null}
          {d.canRegister && c.status === "submitted" ? (
            <>
              <RegisterForm
                lastResult={replyOf(lastResult, "register")}
                techFen={c.techTransactionAmountFen}
                type={c.contractType}
                subtype={c.contractSubtype}
              />
              <RefuseForm lastResult={replyOf(lastResult, "refuse")} />
            </>
          ) : null}
          {d.canRegister && c.status === "registered" ? (
            <>
              <Link
                to={`/bureau/contracts/${c.id}/amend`}
                className={`${secondaryButtonClass} w-full`}
              >
                变更…
              </Link>
              <EndForm intent="cancel" lastResult={replyOf(lastResult, "cancel")} />
              <EndForm intent="revoke" lastResult={replyOf(lastResult, "revoke")} />
            </>
          ) : null}
          {lastResult && !lastResult.initialValue?.intent ? (
            <FieldErrors errors={lastResult.error?.[""] ?? ["请选择要执行的操作"]} />
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

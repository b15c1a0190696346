/**
 * API tokens (/admin/api-tokens, "apiTokens.manage"): issue a named token for
 * the statistics API (shown once, on the answer to the form; only its
 * SHA-256 is kept) and revoke tokens. Plain POST forms.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  buttonClass,
  dangerButtonClass,
  inputClass,
  Notice,
  PageHeader,
  tableClass,
  tdClass,
  thClass,
} from "~/components/work-queue";
import { DomainError } from "~/domain/errors";
import {
  issueApiToken,
  listApiTokens,
  revokeApiToken,
} from "~/domain/statistics/api-tokens.server";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { parseId } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `接口令牌 - ${siteNameOf(matches)}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "apiTokens.manage");
  const { db } = await services();
  const tokens = await listApiTokens(db, user);
  return {
    tokens: tokens.map((t) => ({
      ...t,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
      revokedAt: t.revokedAt?.toISOString() ?? null,
    })),
  };
}

type ActionResult = { issued: string | null; error: string | null; notice: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "apiTokens.manage");
  const { db } = await services();
  const form = await request.formData();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = field("intent");
  const ip = knownClientIp(request);
  try {
    if (intent === "issue") {
      const { token } = await issueApiToken(db, user, field("name"), ip);
      // The token is on this response only: never cached.
      return data<ActionResult>(
        { issued: token, error: null, notice: null },
        { headers: { "Cache-Control": "no-store" } },
      );
    }
    if (intent === "revoke") {
      await revokeApiToken(db, user, parseId(field("id"), "令牌"), ip);
      return data<ActionResult>({ issued: null, error: null, notice: "令牌已撤销" });
    }
    return data<ActionResult>({ issued: null, error: "未知操作", notice: null }, { status: 400 });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data<ActionResult>(
      { issued: null, error: error.message, notice: null },
      { status: error.status },
    );
  }
}

export default function ApiTokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <PageHeader
        title="接口令牌"
        description="统计接口 GET /api/v1/stats/summary 的访问令牌。请求时放在 Authorization: Bearer 头中。令牌只在签发时显示一次，请妥善保存；不再使用的令牌请及时撤销。"
      />
      {result?.issued ? (
        <Notice tone="success">
          新令牌（只显示这一次）：
          <code className="mt-1 block select-all break-all rounded bg-white p-2 font-mono text-slate-900">
            {result.issued}
          </code>
        </Notice>
      ) : null}
      {result?.notice ? <Notice tone="success">{result.notice}</Notice> : null}
      {result?.error ? <Notice tone="error">{result.error}</Notice> : null}
      <Form
        method="post"
        className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3"
      >
        <input type="hidden" name="intent" value="issue" />
        <label className="text-xs text-slate-600">
          名称（用途）
          <input
            name="name"
            required
            maxLength={100}
            className={inputClass}
            placeholder="如：市政府数据平台"
          />
        </label>
        <button type="submit" className={buttonClass}>
          签发令牌
        </button>
      </Form>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={tableClass} aria-label="接口令牌">
          <thead>
            <tr>
              <th className={thClass}>名称</th>
              <th className={thClass}>前缀</th>
              <th className={thClass}>签发人</th>
              <th className={thClass}>签发时间</th>
              <th className={thClass}>最近使用</th>
              <th className={thClass}>状态</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.length === 0 ? (
              <tr>
                <td colSpan={6} className={`${tdClass} text-center text-slate-500`}>
                  尚未签发令牌。
                </td>
              </tr>
            ) : null}
            {tokens.map((t) => (
              <tr key={t.id}>
                <td className={tdClass}>{t.name}</td>
                <td className={`${tdClass} font-mono`}>{t.tokenPrefix}…</td>
                <td className={tdClass}>{t.createdBy ?? "—"}</td>
                <td className={`${tdClass} tabular-nums`}>{formatDateTime(t.createdAt)}</td>
                <td className={`${tdClass} tabular-nums`}>
                  {t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "从未"}
                </td>
                <td className={tdClass}>
                  {t.revokedAt ? (
                    <span className="text-slate-500">已撤销（{formatDateTime(t.revokedAt)}）</span>
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={t.id} />
                      <button type="submit" className={dangerButtonClass}>
                        撤销
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * User administration (/admin/users): every account, filtered in the URL
 * by text, role and status. Per row: change the role (within what the
 * account's organization allows), disable (ends its sessions at once) or
 * enable, and reset the password to a temporary one shown here once.
 */
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
import { ROLE_LABELS, type Role } from "~/domain/accounts/permissions";
import {
  changeUserRole,
  disableUser,
  enableUser,
  listUsers,
  resetUserPassword,
} from "~/domain/accounts/user-admin.server";
import { ORGANIZATION_KINDS, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { domainErrorResult } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `用户管理 - ${siteNameOf(matches)}` }];

const PAGE_SIZE = 50;
const ROLES = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "disabled"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  notice: z.enum(["role_changed", "disabled", "enabled"]).optional().catch(undefined),
});

const userId = z.string({ error: "缺少用户" }).min(1).max(64);

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("role"),
    userId,
    role: z.enum(ROLES, { error: "请选择角色" }),
  }),
  z.object({ intent: z.literal("disable"), userId }),
  z.object({ intent: z.literal("enable"), userId }),
  z.object({ intent: z.literal("reset-password"), userId }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "users.manage");
  const { db } = await services();
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const list = await listUsers(db, user, { ...filters, pageSize: PAGE_SIZE });
  return { filters, list, currentUserId: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "users.manage");
  const submission = parseWithZod(await request.formData(), { schema: actionSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), reset: null }, { status: 400 });
  }
  const { db } = await services();
  const actor = { ...user, ip: knownClientIp(request) };
  const input = submission.value;
  let notice: "role_changed" | "disabled" | "enabled";
  try {
    switch (input.intent) {
      case "reset-password": {
        const reset = await resetUserPassword(db, actor, input.userId);
        // Shown once, on this response only: never cached, never redirected to.
        return data(
          { result: submission.reply({ resetForm: true }), reset },
          { headers: { "Cache-Control": "no-store" } },
        );
      }
      case "role":
        await changeUserRole(db, actor, input.userId, input.role);
        notice = "role_changed";
        break;
      case "disable":
        await disableUser(db, actor, input.userId);
        notice = "disabled";
        break;
      case "enable":
        await enableUser(db, actor, input.userId);
        notice = "enabled";
        break;
    }
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error);
    return data({ result, reset: null }, { status });
  }
  const url = new URL(request.url);
  url.searchParams.set("notice", notice);
  return redirect(`${url.pathname}?${url.searchParams}`);
}

const NOTICES = {
  role_changed: "角色已更新。",
  disabled: "账号已停用，该用户的所有登录会话已结束。",
  enabled: "账号已启用。",
} as const;

export default function AdminUsers() {
  const { filters, list, currentUserId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname, search } = useLocation();
  const error = actionData?.result.error?.[""] ?? actionData?.result.error?.role;
  const roleTab = (role: Role | null) => ({
    label: role ? ROLE_LABELS[role] : "全部角色",
    count: role ? list.roleCounts[role] : Object.values(list.roleCounts).reduce((a, b) => a + b, 0),
    href: `${pathname}${withParams(search, { role })}`,
    active: (filters.role ?? null) === role,
  });

  return (
    <div>
      <PageHeader
        title="用户管理"
        actions={
          <Link to="/admin/users/new" className={buttonClass}>
            新建科技局账号
          </Link>
        }
      />
      {filters.notice ? <Notice tone="success">{NOTICES[filters.notice]}</Notice> : null}
      {error ? <Notice tone="error">{error.join("；")}</Notice> : null}
      {actionData?.reset ? (
        <Notice tone="info">
          <p>
            已为 <strong>{actionData.reset.email}</strong>{" "}
            重置密码，该用户的登录会话已全部结束。临时密码（只显示这一次，请当面或电话告知本人，并请其登录后修改）：
          </p>
          <p className="mt-2">
            <code
              data-testid="temporary-password"
              className="select-all rounded bg-white px-2 py-1 font-mono text-lg tracking-wider text-slate-900"
            >
              {actionData.reset.temporaryPassword}
            </code>
          </p>
        </Notice>
      ) : null}

      <CountTabs
        label="角色"
        tabs={[
          roleTab(null),
          roleTab("bureau_staff"),
          roleTab("admin"),
          roleTab("institution_member"),
          roleTab("enterprise_member"),
        ]}
      />
      <Form
        method="get"
        aria-label="筛选"
        className="mb-3 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4"
      >
        {filters.role ? <input type="hidden" name="role" value={filters.role} /> : null}
        <label className="col-span-2 text-xs text-slate-600">
          邮箱、姓名或机构
          <input type="search" name="q" defaultValue={filters.q ?? ""} className={inputClass} />
        </label>
        <label className="text-xs text-slate-600">
          账号状态
          <select name="status" defaultValue={filters.status ?? ""} className={inputClass}>
            <option value="">全部</option>
            <option value="active">正常（{list.statusCounts.active}）</option>
            <option value="disabled">已停用（{list.statusCounts.disabled}）</option>
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass}>
            筛选
          </button>
          <Link to={pathname} className={secondaryButtonClass}>
            清除
          </Link>
        </div>
      </Form>

      <p className="mb-2 text-sm text-slate-600">
        共 <strong className="tabular-nums text-slate-900">{list.total}</strong> 个账号
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className={tableClass} aria-label="用户列表">
          <thead>
            <tr>
              <th className={thClass}>用户</th>
              <th className={`${thClass} hidden md:table-cell`}>所属机构</th>
              <th className={thClass}>角色</th>
              <th className={`${thClass} hidden md:table-cell`}>状态</th>
              <th className={`${thClass} hidden lg:table-cell`}>注册时间</th>
              <th className={thClass}>操作</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.users.map((u) => {
              const self = u.id === currentUserId;
              return (
                <tr
                  key={u.id}
                  className={u.disabledAt ? "bg-slate-50 text-slate-500" : "hover:bg-slate-50"}
                >
                  <td className={`${tdClass} min-w-40`}>
                    <span className="font-medium">{u.displayName}</span>
                    {self ? <span className="ml-1 text-xs text-blue-700">（当前账号）</span> : null}
                    <span className="block text-xs text-slate-500">{u.email}</span>
                    <span className="block text-xs text-slate-500 md:hidden">
                      {u.organization.name} · {u.disabledAt ? "已停用" : "正常"}
                    </span>
                  </td>
                  <td className={`${tdClass} hidden min-w-40 md:table-cell`}>
                    {u.organization.name}
                    <span className="block text-xs text-slate-500">
                      {labelOf(ORGANIZATION_KINDS, u.organization.kind)}
                      {u.isOrgAdmin ? " · 机构管理员" : ""}
                    </span>
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {u.allowedRoles.length > 1 && !self ? (
                      <Form
                        method="post"
                        className="flex gap-1"
                        aria-label={`修改角色：${u.email}`}
                      >
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={u.id} />
                        <select
                          name="role"
                          defaultValue={u.role}
                          aria-label={`${u.email} 的角色`}
                          className={`${inputClass} w-auto`}
                        >
                          {u.allowedRoles.map((role) => (
                            <option key={role} value={role}>
                              {ROLE_LABELS[role]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className={secondaryButtonClass}>
                          保存
                        </button>
                      </Form>
                    ) : (
                      ROLE_LABELS[u.role]
                    )}
                  </td>
                  <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                    {u.disabledAt ? `已停用（${formatDateTime(u.disabledAt)}）` : "正常"}
                  </td>
                  <td className={`${tdClass} hidden whitespace-nowrap tabular-nums lg:table-cell`}>
                    {formatDateTime(u.createdAt)}
                  </td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {self ? (
                      <span className="text-xs text-slate-400">—</span>
                    ) : (
                      <div className="flex flex-col gap-1 sm:flex-row">
                        <Form method="post">
                          <input
                            type="hidden"
                            name="intent"
                            value={u.disabledAt ? "enable" : "disable"}
                          />
                          <input type="hidden" name="userId" value={u.id} />
                          <button
                            type="submit"
                            className={u.disabledAt ? secondaryButtonClass : dangerButtonClass}
                            aria-label={`${u.disabledAt ? "启用" : "停用"}：${u.email}`}
                          >
                            {u.disabledAt ? "启用" : "停用"}
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value="reset-password" />
                          <input type="hidden" name="userId" value={u.id} />
                          <button
                            type="submit"
                            className={secondaryButtonClass}
                            aria-label={`重置密码：${u.email}`}
                          >
                            重置密码
                          </button>
                        </Form>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <PageLinks
        pathname={pathname}
        search={search}
        page={filters.page}
        pageSize={PAGE_SIZE}
        total={list.total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

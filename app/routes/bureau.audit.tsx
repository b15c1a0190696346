/**
 * The audit log browser (/bureau/audit): who did what to which record and
 * when, newest first, with the fields each change touched. Filters (actor,
 * record type and number, action, dates) live in the URL, so a search can
 * be bookmarked or sent to a colleague.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  buttonClass,
  inputClass,
  PageHeader,
  PageLinks,
  secondaryButtonClass,
  tableClass,
  tdClass,
  thClass,
  withParams,
} from "~/components/work-queue";
import { roleCan } from "~/domain/accounts/permissions";
import { AUDIT_ENTITY_LABELS } from "~/domain/audit/audit-labels";
import { type FieldChange, queryAuditLog } from "~/domain/audit/audit-log.server";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { siteNameOf } from "~/utils/meta";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `审计日志 - ${siteNameOf(matches)}` }];

const PAGE_SIZE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const filterSchema = z.object({
  actor: z.string().trim().max(100).optional().catch(undefined),
  entityType: z
    .enum(Object.keys(AUDIT_ENTITY_LABELS) as [string, ...string[]])
    .optional()
    .catch(undefined),
  entityId: z.string().trim().max(64).optional().catch(undefined),
  action: z
    .string()
    .regex(/^[a-z_]+\.(?:[a-z_]+)?$/)
    .optional()
    .catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "audit.read");
  const { db } = await services();
  const filters = filterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const log = await queryAuditLog(db, user, { ...filters, pageSize: PAGE_SIZE });
  const canReview = roleCan(user.role, "listings.review");
  const canManageUsers = roleCan(user.role, "users.manage");
  const history = (type: string, id: string) =>
    `/bureau/audit?${new URLSearchParams({ entityType: type, entityId: id })}`;
  /** Where the record itself can be seen by this user. */
  const hrefOf = (type: string, id: string, name: string | null): string | null => {
    if (type === "result" || type === "demand") {
      return canReview ? `/bureau/reviews/${type}s/${id}` : `/${type}s/${id}`;
    }
    if (type === "inquiry" && roleCan(user.role, "inquiries.broker")) return `/inquiries/${id}`;
    if (type === "contract" && roleCan(user.role, "contracts.read") && name) {
      return `/bureau/contracts/${id}`;
    }
    if (type === "contract_import_batch" && roleCan(user.role, "contracts.import") && name) {
      return `/bureau/contracts/import/${id}`;
    }
    if (type === "user" && canManageUsers && name) {
      return `/admin/users?${new URLSearchParams({ q: name })}`;
    }
    if (type === "organization" && name && roleCan(user.role, "organizations.verify")) {
      return `/bureau/organizations?${new URLSearchParams({ q: name, status: "verified" })}`;
    }
    return null;
  };
  return {
    filters,
    total: log.total,
    actions: log.actions,
    entries: log.entries.map((e) => ({
      ...e,
      entityHref: hrefOf(e.entityType, e.entityId, e.entityName),
      historyHref: history(e.entityType, e.entityId),
    })),
  };
}

const SHOWN_CHANGES = 4;

function Change({ change }: { change: FieldChange }) {
  return (
    <div>
      {change.label ? <dt className="font-medium text-slate-600">{change.label}</dt> : null}
      <dd className="break-all">
        {change.before === "—" ? null : (
          <>
            <del className="bg-red-50 text-red-800">{change.before}</del>
            <span aria-hidden="true"> → </span>
            <span className="sr-only">改为</span>
          </>
        )}
        <ins className="bg-emerald-50 text-emerald-800 no-underline">{change.after}</ins>
      </dd>
    </div>
  );
}

/** The changed fields; long lists (a record's creation) fold after the first few. */
function ChangeList({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <span className="text-slate-400">—</span>;
  const folded = changes.length > SHOWN_CHANGES + 1;
  const shown = folded ? changes.slice(0, SHOWN_CHANGES) : changes;
  return (
    <div className="space-y-1 text-xs">
      <dl className="space-y-1">
        {shown.map((c) => (
          <Change key={c.field} change={c} />
        ))}
      </dl>
      {folded ? (
        <details>
          <summary className="cursor-pointer text-blue-700">
            其余 {changes.length - SHOWN_CHANGES} 项
          </summary>
          <dl className="mt-1 space-y-1">
            {changes.slice(SHOWN_CHANGES).map((c) => (
              <Change key={c.field} change={c} />
            ))}
          </dl>
        </details>
      ) : null}
    </div>
  );
}

export default function AuditLog() {
  const { filters, total, actions, entries } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const prefixes = [...new Set(actions.map((a) => a.action.split(".")[0]!))];

  return (
    <div>
      <PageHeader
        title="审计日志"
        description="平台上每一次审核、认证、账号与信息变更的记录，按时间从新到旧排列。"
      />
      <Form
        method="get"
        aria-label="筛选"
        className="mb-3 grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-3 sm:grid-cols-4 lg:grid-cols-7"
      >
        <label className="col-span-2 text-xs text-slate-600 sm:col-span-1">
          操作人（邮箱或姓名）
          <input
            type="search"
            name="actor"
            defaultValue={filters.actor ?? ""}
            className={inputClass}
          />
        </label>
        <label className="text-xs text-slate-600">
          对象类型
          <select name="entityType" defaultValue={filters.entityType ?? ""} className={inputClass}>
            <option value="">全部</option>
            {Object.entries(AUDIT_ENTITY_LABELS).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          对象编号
          <input
            type="text"
            name="entityId"
            inputMode="numeric"
            defaultValue={filters.entityId ?? ""}
            className={inputClass}
          />
        </label>
        <label className="col-span-2 text-xs text-slate-600 sm:col-span-1">
          操作
          <select name="action" defaultValue={filters.action ?? ""} className={inputClass}>
            <option value="">全部</option>
            {prefixes.map((prefix) => (
              <optgroup key={prefix} label={AUDIT_ENTITY_LABELS[prefix] ?? prefix}>
                <option value={`${prefix}.`}>
                  全部{AUDIT_ENTITY_LABELS[prefix] ?? prefix}操作
                </option>
                {actions
                  .filter((a) => a.action.startsWith(`${prefix}.`))
                  .map((a) => (
                    <option key={a.action} value={a.action}>
                      {a.label}（{a.count}）
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="text-xs text-slate-600">
          日期从
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={inputClass} />
        </label>
        <label className="text-xs text-slate-600">
          至
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={inputClass} />
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
        共 <strong className="tabular-nums text-slate-900">{total}</strong> 条记录
      </p>
      {entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          没有符合条件的记录。
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className={tableClass} aria-label="审计记录">
            <thead>
              <tr>
                <th className={thClass}>时间</th>
                <th className={`${thClass} hidden md:table-cell`}>操作人</th>
                <th className={`${thClass} hidden md:table-cell`}>操作</th>
                <th className={thClass}>对象</th>
                <th className={`${thClass} hidden md:table-cell`}>变更内容</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((e) => {
                const actor = e.actor ? (
                  <Link
                    to={`${pathname}${withParams(search, { actor: e.actor.email })}`}
                    className="hover:underline"
                    title="只看此人的操作"
                  >
                    {e.actor.displayName}
                    <span className="block text-xs text-slate-500">{e.actor.email}</span>
                  </Link>
                ) : (
                  <span className="text-slate-500">系统</span>
                );
                return (
                  <tr key={e.id} className="hover:bg-slate-50">
                    <td className={`${tdClass} whitespace-nowrap tabular-nums`}>
                      {formatDateTime(e.createdAt)}
                      {e.ip ? <span className="block text-xs text-slate-400">{e.ip}</span> : null}
                      {/* Phones: actor and action under the time. */}
                      <div className="mt-1 whitespace-normal md:hidden">
                        <span className="block font-medium">{e.actionLabel}</span>
                        {actor}
                      </div>
                    </td>
                    <td className={`${tdClass} hidden md:table-cell`}>{actor}</td>
                    <td className={`${tdClass} hidden whitespace-nowrap md:table-cell`}>
                      {e.actionLabel}
                      <span className="block font-mono text-xs text-slate-400">{e.action}</span>
                    </td>
                    <td className={`${tdClass} min-w-40`}>
                      <span className="text-xs text-slate-500">
                        {AUDIT_ENTITY_LABELS[e.entityType] ?? e.entityType} #{e.entityId}
                      </span>
                      <span className="block">
                        {e.entityHref ? (
                          <Link to={e.entityHref} className="text-blue-800 hover:underline">
                            {e.entityName ?? "查看"}
                          </Link>
                        ) : (
                          (e.entityName ?? <span className="text-slate-400">（已不存在）</span>)
                        )}
                      </span>
                      <Link to={e.historyHref} className="text-xs text-blue-700 hover:underline">
                        该对象的全部记录
                      </Link>
                      <div className="mt-1 md:hidden">
                        <ChangeList changes={e.changes} />
                      </div>
                    </td>
                    <td className={`${tdClass} hidden min-w-64 md:table-cell`}>
                      <ChangeList changes={e.changes} />
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
        total={total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

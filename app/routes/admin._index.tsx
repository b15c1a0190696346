/** Admin overview (/admin): accounts per role and status, with links into the user list. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/work-queue";
import { ROLE_LABELS, type Role } from "~/domain/accounts/permissions";
import { userCounts } from "~/domain/accounts/user-admin.server";
import { services } from "~/services.server";
import { siteNameOf } from "~/utils/meta";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `系统管理 - ${siteNameOf(matches)}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "users.manage");
  const { db } = await services();
  return userCounts(db, user);
}

const ROLES: Role[] = ["bureau_staff", "admin", "institution_member", "enterprise_member"];

export default function AdminOverview() {
  const { roleCounts, statusCounts, total } = useLoaderData<typeof loader>();
  const card =
    "block rounded-lg border border-slate-200 bg-white p-4 hover:border-blue-300 hover:bg-blue-50";
  return (
    <div>
      <PageHeader
        title="系统管理"
        description={`平台共有 ${total} 个账号，其中 ${statusCounts.disabled} 个已停用。`}
        actions={
          <Link
            to="/admin/users/new"
            className="rounded-md bg-blue-700 px-3 py-1.5 text-sm text-white"
          >
            新建科技局账号
          </Link>
        }
      />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="账号统计">
        {ROLES.map((role) => (
          <li key={role}>
            <Link to={`/admin/users?role=${role}`} className={card}>
              <span className="block text-sm text-slate-600">{ROLE_LABELS[role]}</span>
              <span className="mt-1 block text-3xl font-bold tabular-nums">{roleCounts[role]}</span>
            </Link>
          </li>
        ))}
        <li>
          <Link to="/admin/users?status=disabled" className={card}>
            <span className="block text-sm text-slate-600">已停用账号</span>
            <span className="mt-1 block text-3xl font-bold tabular-nums">
              {statusCounts.disabled}
            </span>
          </Link>
        </li>
      </ul>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * System administration (/admin/*), for administrators (users.manage):
 * a tab bar over the pages. Anonymous visitors are sent to sign in; other
 * roles get a 403. Each page checks the permission again.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { requirePermission } from "~/utils/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users.manage");
  return null;
}

const TABS = [
  { to: "/admin", label: "概览", end: true },
  { to: "/admin/users", label: "用户管理", end: true },
  { to: "/admin/users/new", label: "新建科技局账号", end: true },
  { to: "/admin/search", label: "搜索同步", end: true },
  { to: "/admin/stations", label: "登记站", end: true },
  { to: "/admin/targets", label: "年度目标", end: true },
  { to: "/admin/api-tokens", label: "接口令牌", end: true },
  { to: "/bureau/stats", label: "统计分析", end: false },
  { to: "/bureau/audit", label: "审计日志", end: false },
];

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
    isActive ? "bg-blue-700 font-medium text-white" : "text-slate-700 hover:bg-slate-200"
  }`;

export default function AdminLayout() {
  return (
    <div>
      <nav
        aria-label="系统管理"
        className="-mx-4 mb-5 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 pb-2"
      >
        {TABS.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className={tabClass}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

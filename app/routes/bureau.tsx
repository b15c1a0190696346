/**
 * The bureau's work area (/bureau/*): a tab bar of the sections the
 * signed-in user may use. Anonymous visitors are sent to sign in; accounts
 * without any bureau permission get a 403. Each page checks its own
 * permission again in its loader and action.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { type Permission, roleCan } from "~/domain/accounts/permissions";
import { requireUser } from "~/utils/session.server";

const SECTIONS: { to: string; label: string; permission: Permission; end?: boolean }[] = [
  { to: "/bureau", label: "工作台", permission: "listings.review", end: true },
  { to: "/bureau/reviews", label: "发布审核", permission: "listings.review" },
  { to: "/bureau/matches", label: "撮合机会", permission: "matches.market" },
  { to: "/bureau/organizations", label: "机构认证", permission: "organizations.verify" },
  { to: "/bureau/contracts", label: "技术合同", permission: "contracts.read" },
  { to: "/bureau/stats", label: "统计分析", permission: "stats.read" },
  { to: "/bureau/inquiries", label: "对接管理", permission: "inquiries.broker" },
  { to: "/bureau/audit", label: "审计日志", permission: "audit.read" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sections = SECTIONS.filter((s) => roleCan(user.role, s.permission)).map(
    ({ to, label, end }) => ({ to, label, end: end ?? false }),
  );
  if (sections.length === 0) {
    throw Response.json(
      {
        code: "forbidden",
        message: "科技局工作区仅对科技局工作人员开放（管理员可查看统计与审计日志）",
      },
      { status: 403 },
    );
  }
  return { sections, canManageUsers: roleCan(user.role, "users.manage") };
}

const tabClass = ({ isActive }: { isActive: boolean }) =>
  `whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
    isActive ? "bg-blue-700 font-medium text-white" : "text-slate-700 hover:bg-slate-200"
  }`;

export default function BureauLayout() {
  const { sections, canManageUsers } = useLoaderData<typeof loader>();
  return (
    <div>
      <nav
        aria-label="科技局工作区"
        className="-mx-4 mb-5 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 pb-2 print:hidden"
      >
        {sections.map((s) => (
          <NavLink key={s.to} to={s.to} end={s.end} className={tabClass}>
            {s.label}
          </NavLink>
        ))}
        {canManageUsers ? (
          <NavLink to="/admin" className={tabClass}>
            系统管理
          </NavLink>
        ) : null}
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

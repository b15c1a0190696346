import {
  data,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { publicConfig } from "./config.server";
import { roleCan } from "./domain/accounts/permissions";
import { WORKBENCH_PATHS } from "./domain/accounts/workbench";
import { unreadNotificationCount } from "./domain/notifications/notification-list.server";
import { services } from "./services.server";
import stylesheet from "./styles/tailwind.css";
import { useNonce } from "./utils/nonce";
import { getRequestSession } from "./utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "科技成果对接平台" }];

/**
 * The header's view of the signed-in user and their unread notification
 * count (one indexed count); refreshes the cookie when Lucia extended the session.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user, setCookie } = await getRequestSession(request);
  const unreadNotifications = user
    ? await unreadNotificationCount((await services()).db, user.id)
    : 0;
  return data(
    {
      site: publicConfig(),
      user: user && {
        id: user.id,
        displayName: user.displayName,
        role: user.role,
        organizationName: user.organizationName,
        organizationStatus: user.organizationStatus,
        unreadNotifications,
        inquiriesPath: roleCan(user.role, "inquiries.participate")
          ? "/inquiries"
          : roleCan(user.role, "inquiries.broker")
            ? "/bureau/inquiries"
            : null,
      },
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

function AccountMenu({ className }: { className: string }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { pathname, search } = useLocation();
  const user = data?.user;
  const link = "rounded-md px-2 py-1.5 text-sm font-medium text-blue-50 hover:bg-blue-600";
  if (!user) {
    const here = `${pathname}${search}`;
    const query = ["/", "/login", "/signup"].includes(pathname)
      ? ""
      : `?${new URLSearchParams({ redirectTo: here })}`;
    return (
      <nav aria-label="账号" className={`flex items-center gap-1 ${className}`}>
        <Link to={`/login${query}`} className={link}>
          登录
        </Link>
        <Link
          to="/signup"
          className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50"
        >
          注册
        </Link>
      </nav>
    );
  }
  return (
    <nav aria-label="账号" className={`flex flex-wrap items-center gap-1 ${className}`}>
      <Link to={WORKBENCH_PATHS[user.role]} className={link}>
        我的工作台
      </Link>
      {user.inquiriesPath ? (
        <Link to={user.inquiriesPath} className={link}>
          对接
        </Link>
      ) : null}
      <Link
        to="/notifications"
        className={`${link} inline-flex items-center gap-1`}
        aria-label={
          user.unreadNotifications > 0
            ? `消息通知（${user.unreadNotifications} 条未读）`
            : "消息通知"
        }
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M10 2a5 5 0 0 0-5 5v2.6L3.3 13a1 1 0 0 0 .9 1.5h11.6a1 1 0 0 0 .9-1.5L15 9.6V7a5 5 0 0 0-5-5Zm0 16a2.5 2.5 0 0 1-2.4-2h4.8a2.5 2.5 0 0 1-2.4 2Z" />
        </svg>
        <span>通知</span>
        {user.unreadNotifications > 0 ? (
          <span
            data-testid="unread-notifications"
            className="min-w-[1.25rem] rounded-full bg-red-600 px-1.5 text-center text-xs font-semibold tabular-nums text-white"
          >
            {user.unreadNotifications > 99 ? "99+" : user.unreadNotifications}
          </span>
        ) : null}
      </Link>
      <Link
        to="/account"
        className={`${link} max-w-[10rem] truncate`}
        title={user.organizationName}
      >
        {user.displayName}
      </Link>
      <Form method="post" action="/logout">
        <button type="submit" className={link}>
          退出
        </button>
      </Form>
    </nav>
  );
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-blue-800 text-white" : "text-blue-50 hover:bg-blue-600"}`;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const siteName = data?.site.siteName ?? "科技成果对接平台";
  // Pages with their own search box do not repeat it in the header.
  const { pathname } = useLocation();
  const headerSearch = !["/", "/results", "/demands"].includes(pathname);
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col bg-slate-50 font-sans text-slate-800 antialiased">
        <header className="bg-blue-700 text-white shadow print:hidden">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
            <Link to="/" className="text-lg font-bold tracking-wide">
              {siteName}
            </Link>
            <nav aria-label="主导航" className="flex gap-1">
              <NavLink to="/results" className={navClass}>
                科技成果
              </NavLink>
              <NavLink to="/demands" className={navClass}>
                技术需求
              </NavLink>
            </nav>
            {headerSearch ? (
              <Form
                method="get"
                action="/results"
                className="hidden sm:ml-auto sm:block"
                role="search"
              >
                <label htmlFor="site-search" className="sr-only">
                  站内搜索
                </label>
                <input
                  id="site-search"
                  name="q"
                  type="search"
                  placeholder="搜索科技成果…"
                  className="w-56 rounded-md border-0 px-3 py-1.5 text-sm text-slate-900"
                />
              </Form>
            ) : null}
            <AccountMenu className={headerSearch ? "ml-auto sm:ml-0" : "ml-auto"} />
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
        <footer className="border-t border-slate-200 bg-white py-6 text-center text-sm text-slate-500 print:hidden">
          {siteName} · 科技成果转化与技术需求对接 ·{" "}
          <a href="/api/v1/openapi.json" className="underline">
            开放接口
          </a>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

import type { LinksFunction, MetaFunction } from "@remix-run/node";
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
import stylesheet from "./styles/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "科技成果对接平台" }];

export function loader() {
  return { site: publicConfig() };
}

const navClass = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-3 py-2 text-sm font-medium ${isActive ? "bg-blue-800 text-white" : "text-blue-50 hover:bg-blue-600"}`;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
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
        <header className="bg-blue-700 text-white shadow">
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
                className="ml-auto hidden sm:block"
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
          </div>
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
        <footer className="border-t border-slate-200 bg-white py-6 text-center text-sm text-slate-500">
          {siteName} · 科技成果转化与技术需求对接 ·{" "}
          <a href="/api/v1/openapi.json" className="underline">
            开放接口
          </a>
        </footer>
        <ScrollRestoration />
        <Scripts />
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

/**
 * 消息通知 (/notifications): the signed-in user's notifications, newest
 * first, unread ones marked; 查看 marks one read and opens what it is
 * about, 标为已读 marks one read, 全部标为已读 all of them. Plain POST
 * forms, so it works without JavaScript.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  Notice,
  PageHeader,
  PageLinks,
  buttonClass,
  secondaryButtonClass,
} from "~/components/work-queue";
import {
  NOTIFICATION_PAGE_SIZE,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from "~/domain/notifications/notification-list.server";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { siteNameOf } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";
import { requireUser } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `消息通知 - ${siteNameOf(matches)}` }];

const schema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read"), id: z.coerce.number().int().positive() }),
  z.object({ intent: z.literal("read-all") }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get("page")) || 1));
  const unreadOnly = url.searchParams.get("unread") === "1";
  const { db } = await services();
  return {
    page,
    pageSize: NOTIFICATION_PAGE_SIZE,
    unreadOnly,
    ...(await listNotifications(db, user.id, { page, unreadOnly })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { db } = await services();
  const value = submission.value;
  if (value.intent === "read-all") {
    const n = await markAllNotificationsRead(db, user.id);
    return redirect(`/notifications?done=${n}`);
  }
  const marked = await markNotificationRead(db, user.id, value.id);
  if (!marked)
    throw Response.json(
      { code: "notification_not_found", message: "未找到该通知" },
      { status: 404 },
    );
  if (value.intent === "open" && marked.link)
    return redirect(safeRedirect(marked.link, "/notifications"));
  return redirect("/notifications");
}

export default function Notifications() {
  const { items, total, unread, page, pageSize, unreadOnly } = useLoaderData<typeof loader>();
  const { pathname, search } = useLocation();
  const done = new URLSearchParams(search).get("done");
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title="消息通知"
        description={
          unreadOnly ? `共 ${unread} 条未读通知` : `共 ${total} 条通知，未读 ${unread} 条`
        }
        actions={
          <>
            <a
              href={unreadOnly ? "/notifications" : "/notifications?unread=1"}
              className={secondaryButtonClass}
            >
              {unreadOnly ? "显示全部" : "只看未读"}
            </a>
            {unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="read-all" />
                <button type="submit" className={buttonClass}>
                  全部标为已读
                </button>
              </Form>
            ) : null}
          </>
        }
      />
      {done !== null ? <Notice tone="success">已将 {done} 条通知标为已读。</Notice> : null}
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-600">
          暂无通知。
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white"
          aria-label="通知列表"
        >
          {items.map((n) => (
            <li
              key={n.id}
              className={`flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start ${n.read ? "" : "bg-blue-50/60"}`}
            >
              <div className="min-w-0 flex-1">
                <p
                  className={`break-words ${n.read ? "text-slate-700" : "font-semibold text-slate-900"}`}
                >
                  {n.read ? null : <span className="sr-only">未读：</span>}
                  {n.title}
                </p>
                {n.body ? (
                  <p className="mt-0.5 line-clamp-2 break-words text-sm text-slate-600">{n.body}</p>
                ) : null}
                <time dateTime={n.createdAt} className="text-xs tabular-nums text-slate-500">
                  {formatDateTime(n.createdAt)}
                </time>
              </div>
              <div className="flex shrink-0 gap-2">
                {n.link ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="open" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className={buttonClass} aria-label={`查看：${n.title}`}>
                      查看
                    </button>
                  </Form>
                ) : null}
                {n.read ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button
                      type="submit"
                      className={secondaryButtonClass}
                      aria-label={`标为已读：${n.title}`}
                    >
                      标为已读
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <PageLinks
        pathname={pathname}
        search={search}
        page={page}
        pageSize={pageSize}
        total={total}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

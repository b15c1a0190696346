/**
 * One inquiry 对接 (/inquiries/:id), for the two organizations and bureau
 * staff (everyone else: 404): the listings, the conversation, each side's
 * deal confirmation, and the forms — message, 进入洽谈, 确认签约 (and
 * withdraw), 终止 with a reason; bureau staff also post as broker and keep
 * broker notes. Every form posts here and redirects back (PRG); errors
 * re-render with the input kept. Opening the page marks it read.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumb, Section } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  CloseForm,
  ConfirmedAction,
  DealConfirmations,
  InquiryStatusBadge,
  MessageThread,
} from "~/components/inquiry-parts";
import {
  FieldErrors,
  Notice,
  buttonClass,
  inputClass,
  secondaryButtonClass,
} from "~/components/work-queue";
import {
  addBrokerNote,
  closeInquiry,
  confirmDeal,
  postMessage,
  startNegotiation,
  withdrawDealConfirmation,
} from "~/domain/inquiries/inquiry-actions.server";
import { MESSAGE_MAX_LENGTH, inquiryActionSchema } from "~/domain/inquiries/inquiry-labels";
import { roleCan } from "~/domain/accounts/permissions";
import { contractPathForDeal } from "~/domain/contracts/deal-prefill.server";
import { getInquiryView } from "~/domain/inquiries/inquiry-view.server";
import { NotFoundError } from "~/domain/errors";
import { services } from "~/services.server";
import { formatDateTime } from "~/utils/date-time";
import { domainErrorResult } from "~/utils/form-reply.server";
import { domainErrorToResponse, parseId } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requireUser } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? `对接 #${data.inquiry.id}` : "对接"} - ${siteNameOf(matches)}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await services();
  try {
    const inquiry = await getInquiryView(db, parseId(params.id, "对接"), user);
    // A deal goes on to 技术合同认定登记 (issue #6): registrars get a link.
    const contractPath =
      inquiry.status === "deal" && roleCan(user.role, "contracts.register")
        ? await contractPathForDeal(db, inquiry.id)
        : null;
    return { inquiry, contractPath };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

const NOTICES: Record<string, string> = {
  started: "对接已发起，对方会收到通知。",
  message: "留言已发送。",
  negotiate: "对接已进入洽谈。",
  "confirm-deal": "已确认签约。",
  "withdraw-confirmation": "已撤回签约确认。",
  close: "对接已终止。",
  note: "撮合备注已保存。",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await services();
  let id: number;
  try {
    id = parseId(params.id, "对接");
  } catch (error) {
    domainErrorToResponse(error);
  }
  const submission = parseWithZod(await request.formData(), { schema: inquiryActionSchema });
  if (submission.status !== "success") {
    // Not visible: 404 before telling anything about the form.
    try {
      await getInquiryView(db, id, user, { markRead: false });
    } catch (error) {
      domainErrorToResponse(error);
    }
    return data(submission.reply(), { status: 400 });
  }
  const actor = { ...user, ip: knownClientIp(request) };
  const value = submission.value;
  try {
    switch (value.intent) {
      case "message":
        await postMessage(db, actor, id, value.body);
        break;
      case "negotiate":
        await startNegotiation(db, actor, id);
        break;
      case "confirm-deal":
        await confirmDeal(db, actor, id);
        break;
      case "withdraw-confirmation":
        await withdrawDealConfirmation(db, actor, id);
        break;
      case "close":
        await closeInquiry(db, actor, id, value);
        break;
      case "note":
        await addBrokerNote(db, actor, id, value.body);
        break;
    }
  } catch (error) {
    if (error instanceof NotFoundError) domainErrorToResponse(error);
    const { result, status } = domainErrorResult(submission, error);
    return data(result, { status });
  }
  return redirect(
    `/inquiries/${id}?notice=${value.intent}#${value.intent === "note" ? "notes" : "thread"}`,
  );
}

export default function InquiryPage() {
  const { inquiry, contractPath } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = NOTICES[params.get("notice") ?? ""];
  const failedIntent = lastResult?.initialValue?.intent;
  const errorsOf = (intent: string, field: string) =>
    failedIntent === intent ? (lastResult?.error?.[field] ?? undefined) : undefined;
  const keptBody = (intent: string) =>
    failedIntent === intent && typeof lastResult?.initialValue?.body === "string"
      ? lastResult.initialValue.body
      : "";
  const isSide = inquiry.viewerRole !== "broker";
  const mine = inquiry.viewerRole === "initiator" ? inquiry.initiator : inquiry.counterpart;
  const theirs = inquiry.viewerRole === "initiator" ? inquiry.counterpart : inquiry.initiator;
  const formErrors = failedIntent && failedIntent !== "close" ? lastResult?.error?.[""] : undefined;

  return (
    <div className="space-y-4">
      <Breadcrumb
        items={[
          isSide
            ? { label: "我的对接", to: "/inquiries" }
            : { label: "对接管理", to: "/bureau/inquiries" },
          { label: `对接 #${inquiry.id}` },
        ]}
      />
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-bold text-slate-900">对接 #{inquiry.id}</h1>
          <InquiryStatusBadge status={inquiry.status} />
        </div>
        <dl className="grid gap-x-6 gap-y-1 text-sm text-slate-700 sm:grid-cols-2">
          {inquiry.result ? (
            <div>
              <dt className="inline text-slate-500">科技成果：</dt>
              <dd className="inline">
                <Link to={`/results/${inquiry.result.id}`} className="text-blue-800 underline">
                  {inquiry.result.title}
                </Link>
                （{inquiry.result.organizationName}）
              </dd>
            </div>
          ) : null}
          {inquiry.demand ? (
            <div>
              <dt className="inline text-slate-500">技术需求：</dt>
              <dd className="inline">
                <Link to={`/demands/${inquiry.demand.id}`} className="text-blue-800 underline">
                  {inquiry.demand.title}
                </Link>
                （{inquiry.demand.organizationName}）
              </dd>
            </div>
          ) : null}
          <div>
            <dt className="inline text-slate-500">发起方：</dt>
            <dd className="inline">{inquiry.initiator.name}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">对方：</dt>
            <dd className="inline">{inquiry.counterpart.name}</dd>
          </div>
          <div>
            <dt className="inline text-slate-500">发起时间：</dt>
            <dd className="inline tabular-nums">{formatDateTime(inquiry.createdAt)}</dd>
          </div>
        </dl>
      </header>

      {notice ? <Notice tone="success">{notice}</Notice> : null}
      {formErrors ? <Notice tone="error">{formErrors.join("；")}</Notice> : null}
      {inquiry.status === "deal" && inquiry.dealAt ? (
        <Notice tone="success">
          双方已确认签约（{formatDateTime(inquiry.dealAt)}）。
          {contractPath ? (
            <Link to={contractPath} className="ml-2 font-medium underline">
              {contractPath.includes("/absorption/new?")
                ? "录入技术吸纳"
                : contractPath.includes("/new?")
                  ? "登记技术合同"
                  : "查看已登记的技术合同"}
            </Link>
          ) : null}
        </Notice>
      ) : null}
      {inquiry.status === "closed" ? (
        <Notice tone="info">
          对接已终止{inquiry.closedAt ? `（${formatDateTime(inquiry.closedAt)}）` : ""}：
          {inquiry.closeReason}
          {inquiry.closeNote ? `——${inquiry.closeNote}` : ""}
        </Notice>
      ) : null}
      {isSide && inquiry.status === "negotiating" && theirs.confirmedAt && !mine.confirmedAt ? (
        <Notice tone="info">{theirs.name}已确认签约，等待贵方确认。</Notice>
      ) : null}
      {isSide && inquiry.status === "negotiating" && mine.confirmedAt && !theirs.confirmedAt ? (
        <Notice tone="info">贵方已确认签约，等待{theirs.name}确认。</Notice>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="min-w-0 space-y-4">
          <Section title="沟通记录">
            <div id="thread">
              <MessageThread messages={inquiry.messages} />
            </div>
            {inquiry.can.message ? (
              // Keyed by the thread's length: a sent message clears the box after the redirect.
              <Form
                key={inquiry.messages.length}
                method="post"
                className="mt-4 space-y-2"
                aria-label="发送留言"
              >
                <input type="hidden" name="intent" value="message" />
                <label htmlFor="message-body" className="block text-sm font-medium text-slate-700">
                  {isSide ? "留言" : "以平台撮合身份留言（双方可见）"}
                </label>
                <textarea
                  id="message-body"
                  name="body"
                  rows={4}
                  required
                  maxLength={MESSAGE_MAX_LENGTH}
                  defaultValue={keptBody("message")}
                  className={inputClass}
                />
                <FieldErrors errors={errorsOf("message", "body")} />
                <button type="submit" className={buttonClass}>
                  发送留言
                </button>
              </Form>
            ) : null}
          </Section>

          {inquiry.can.note ? (
            <Section title="撮合备注（仅科技局可见）">
              <div id="notes" className="space-y-2">
                {inquiry.brokerNotes.length === 0 ? (
                  <p className="text-sm text-slate-500">暂无备注。</p>
                ) : (
                  <ol className="space-y-2" aria-label="撮合备注">
                    {inquiry.brokerNotes.map((n) => (
                      <li
                        key={n.id}
                        className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm"
                      >
                        <p className="text-xs text-slate-500">
                          {n.authorName} · {formatDateTime(n.createdAt)}
                        </p>
                        <p className="whitespace-pre-line break-words">{n.body}</p>
                      </li>
                    ))}
                  </ol>
                )}
                <Form
                  key={inquiry.brokerNotes.length}
                  method="post"
                  className="space-y-2"
                  aria-label="添加撮合备注"
                >
                  <input type="hidden" name="intent" value="note" />
                  <label htmlFor="note-body" className="block text-sm font-medium text-slate-700">
                    添加备注
                  </label>
                  <textarea
                    id="note-body"
                    name="body"
                    rows={3}
                    required
                    maxLength={1000}
                    defaultValue={keptBody("note")}
                    className={inputClass}
                  />
                  <FieldErrors errors={errorsOf("note", "body")} />
                  <button type="submit" className={secondaryButtonClass}>
                    保存备注
                  </button>
                </Form>
              </div>
            </Section>
          ) : null}
        </div>

        <aside className="space-y-3" aria-label="对接操作">
          {inquiry.status === "closed" ? null : (
            <Section title="签约确认">
              <DealConfirmations
                status={inquiry.status}
                parties={[
                  { label: "发起方", party: inquiry.initiator },
                  { label: "对方", party: inquiry.counterpart },
                ]}
              />
              {inquiry.status === "deal" ? null : (
                <p className="mt-2 text-xs text-slate-500">双方都确认后，对接状态变为“签约”。</p>
              )}
            </Section>
          )}
          {inquiry.can.negotiate ? (
            <ConfirmedAction
              intent="negotiate"
              label="进入洽谈"
              confirmLabel="确认进入洽谈"
              explanation="双方已开始实质性沟通时进入洽谈；对方首次回复留言时也会自动进入洽谈。"
            />
          ) : null}
          {inquiry.can.confirmDeal ? (
            <ConfirmedAction
              intent="confirm-deal"
              label="确认签约"
              confirmLabel="确认双方已达成签约"
              explanation={
                theirs.confirmedAt
                  ? `${theirs.name}已确认签约。贵方确认后，对接状态变为“签约”，不能再更改。`
                  : "贵方确认后，将通知对方确认；双方都确认后对接状态变为“签约”。"
              }
            />
          ) : null}
          {inquiry.can.withdrawConfirmation ? (
            <ConfirmedAction
              intent="withdraw-confirmation"
              label="撤回签约确认"
              confirmLabel="确认撤回"
              tone="secondary"
              explanation="对方确认之前，可以撤回贵方的签约确认。"
            />
          ) : null}
          {inquiry.can.close ? (
            <CloseForm
              open={failedIntent === "close"}
              errors={
                failedIntent === "close"
                  ? {
                      reason: errorsOf("close", "reason"),
                      note: errorsOf("close", "note"),
                      form: lastResult?.error?.[""] ?? undefined,
                    }
                  : undefined
              }
            />
          ) : null}
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

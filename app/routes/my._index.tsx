/**
 * 我的发布: the member's organization's 科技成果 (institutions) or 技术需求
 * (enterprises) in every status, with review outcomes, expiry and the
 * actions each allows (编辑 / 提交审核 / 撤回 / 续期) as small POST forms.
 */
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormAlert } from "~/components/form-fields";
import { ListingStatusBadge } from "~/components/listing-status-badge";
import { DomainError } from "~/domain/errors";
import { REJECTION_REASONS } from "~/domain/listings/listing-input";
import type { ListingKind } from "~/domain/listings/listing-types";
import {
  renewListing,
  submitForReview,
  withdrawListing,
} from "~/domain/listings/listing-workflow.server";
import { type OwnListingSummary, listOwnListings } from "~/domain/listings/my-listings.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { siteNameOf } from "~/utils/meta";
import { requireMember } from "~/utils/my-listings.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `我的发布 - ${siteNameOf(matches)}` }];

const actionSchema = z.object({
  intent: z.enum(["submit", "withdraw", "renew"]),
  id: z.coerce.number().int().min(1).max(999_999_999),
});

const NOTICES: Record<string, string> = {
  saved: "草稿已保存。",
  submitted: "已提交审核，科技局审核通过后即对外发布。",
  revision_submitted: "修改已提交审核；审核通过前，公众看到的仍是原已发布的内容。",
  withdrawn: "已撤回，该信息不再对外显示。",
  resubmitted: "已重新提交审核。",
  extended: "已续期。",
};

const KIND_TEXT: Record<ListingKind, { noun: string; create: string; path: string }> = {
  results: { noun: "科技成果", create: "发布科技成果", path: "/my/results" },
  demands: { noun: "技术需求", create: "发布技术需求", path: "/my/demands" },
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, actor, kind } = await requireMember(request);
  const { db } = await services();
  const notice = new URL(request.url).searchParams.get("notice") ?? "";
  return {
    kind,
    items: await listOwnListings(db, kind, actor),
    organization: { name: user.organizationName, status: user.organizationStatus },
    notice: NOTICES[notice] ?? null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, kind } = await requireMember(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    return data({ id: null, message: "请求有误，请刷新页面后重试" }, { status: 400 });
  }
  const { db } = await services();
  const { intent, id } = parsed.data;
  let notice: string;
  try {
    if (intent === "submit") {
      await submitForReview(db, kind, id, actor);
      notice = "submitted";
    } else if (intent === "withdraw") {
      await withdrawListing(db, kind, id, actor);
      notice = "withdrawn";
    } else {
      notice = await renewListing(db, kind, id, actor);
    }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return data({ id, message: error.message }, { status: error.status });
  }
  return redirect(`/my?${new URLSearchParams({ notice })}`);
}

export default function MyListings() {
  const { kind, items, organization, notice } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const text = KIND_TEXT[kind];

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-slate-900">我的发布</h1>
          <p className="mt-1 text-sm text-slate-600">
            {organization.name} · {text.noun}
          </p>
        </div>
        <Link
          to={`${text.path}/new`}
          className="rounded-md bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800"
        >
          {text.create}
        </Link>
      </header>

      {organization.status !== "verified" ? (
        <FormAlert tone="info">
          {organization.status === "rejected"
            ? "机构认证未通过，暂不能提交发布；可以先保存草稿。请在账号页面修改机构信息后重新申请认证。"
            : "机构认证审核中。认证通过前可以保存草稿，通过后方可提交发布。"}
        </FormAlert>
      ) : null}
      {notice ? <FormAlert tone="success">{notice}</FormAlert> : null}
      {failure ? <FormAlert>{failure.message}</FormAlert> : null}

      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          还没有{text.noun}。
          <Link to={`${text.path}/new`} className="text-blue-700 underline">
            {text.create}
          </Link>
        </p>
      ) : (
        <ul aria-label={`我的${text.noun}`} className="space-y-3">
          {items.map((item) => (
            <ListingRow key={item.id} item={item} path={text.path} />
          ))}
        </ul>
      )}
    </div>
  );
}

const actionButton =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";

function ListingRow({ item, path }: { item: OwnListingSummary; path: string }) {
  const reason = item.rejectionReason ? REJECTION_REASONS[item.rejectionReason] : null;
  const facts = [
    { label: "更新", value: formatDate(item.updatedAt) },
    item.submittedAt && item.status === "pending_review"
      ? { label: "提交", value: formatDate(item.submittedAt) }
      : null,
    item.publishedAt && item.status === "published"
      ? { label: "发布", value: formatDate(item.publishedAt) }
      : null,
    item.expiresAt && (item.status === "published" || item.status === "expired")
      ? {
          label: item.status === "expired" ? "过期日期" : "有效期至",
          value: formatDate(item.expiresAt),
        }
      : null,
  ].filter((f) => f !== null);

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-start justify-between gap-3">
        <h2 className="min-w-0 text-base font-semibold text-slate-900">
          <Link
            to={`${path}/${item.id}`}
            className="break-words hover:text-blue-700 hover:underline"
          >
            {item.title}
          </Link>
        </h2>
        <ListingStatusBadge status={item.status} />
      </div>
      <p className="mt-1 flex flex-wrap gap-x-4 text-sm text-slate-500">
        {facts.map((f) => (
          <span key={f.label}>
            {f.label} {f.value}
          </span>
        ))}
      </p>
      {item.status === "rejected" && reason ? (
        <p className="mt-2 text-sm text-red-800">
          未通过原因：{reason}
          {item.rejectionNote ? `（${item.rejectionNote}）` : ""}
        </p>
      ) : null}
      {item.status === "published" && item.revisionSubmittedAt ? (
        <p className="mt-2 text-sm text-amber-800">
          修改待审核（{formatDate(item.revisionSubmittedAt)} 提交）；审核通过前仍显示已发布的内容。
        </p>
      ) : null}
      {item.status === "published" && !item.revisionSubmittedAt && reason ? (
        <p className="mt-2 text-sm text-red-800">
          最近一次修改未通过：{reason}
          {item.rejectionNote ? `（${item.rejectionNote}）` : ""}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {item.status === "published" ? (
          <Link to={`/${item.kind}/${item.id}`} className={actionButton}>
            查看
          </Link>
        ) : null}
        {item.actions.includes("edit") ? (
          <Link to={`${path}/${item.id}/edit`} className={actionButton}>
            编辑
          </Link>
        ) : null}
        {item.actions.includes("submit") ? (
          <ActionForm
            id={item.id}
            intent="submit"
            label={item.status === "draft" ? "提交审核" : "重新提交"}
          />
        ) : null}
        {item.actions.includes("withdraw") ? (
          <ActionForm id={item.id} intent="withdraw" label="撤回" />
        ) : null}
        {item.actions.includes("renew") ? (
          <ActionForm id={item.id} intent="renew" label="续期" />
        ) : null}
      </div>
    </li>
  );
}

function ActionForm({ id, intent, label }: { id: number; intent: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="id" value={id} />
      <button type="submit" name="intent" value={intent} className={actionButton}>
        {label}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

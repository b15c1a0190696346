/**
 * 不相关 (issue #5 item 4): the recommendation panels' small form posts
 * here; the mark hides the match from this user and is counted per feature
 * for tuning. On success the user goes back to the page they came from
 * (`redirectTo`), where the match no longer shows. A refused submission
 * renders this page with the form, the errors and the user's input, naming
 * the recommendation (demand and result titles) with a link back, so it
 * all works without JavaScript; the panel's fetcher reads the same answer
 * (`result`) to show the errors inline. Only those who may see the listing's
 * recommendations may mark them (permission "matches.view").
 */
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  data,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/form-fields";
import {
  type MatchViewer,
  feedbackSubjectFor,
  markIrrelevantAs,
} from "~/domain/matching/match-access.server";
import { FEEDBACK_REASONS, type FeedbackReason } from "~/domain/matching/match-feedback.server";
import { services } from "~/services.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { feedbackReasonOptions } from "~/utils/match-panel.server";
import { siteNameOf } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";
import { requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `标记推荐不相关 - ${siteNameOf(matches)}` },
];

const listingId = z.coerce.number({ error: "缺少信息编号" }).int().positive().max(2_147_483_647);

/**
 * The form's schema for the given reason keys. A function, not a constant
 * over FEEDBACK_REASONS: this module also runs in the browser, where a
 * `.server` import is empty — evaluating it at module level broke loading
 * this route on the client (Remix then reloads the page, losing the form).
 * The action passes the server's reasons, the form those of the loader.
 */
function feedbackSchema<R extends string>(reasons: readonly [R, ...R[]]) {
  return z.object({
    demandId: listingId,
    resultId: listingId,
    side: z.enum(["demand", "result"], { error: "缺少推荐所在的页面" }),
    reason: z.enum(reasons, { error: "请选择不相关的原因" }),
    note: z.string().trim().max(500, "补充说明不超过 500 字").optional(),
    redirectTo: z.string().max(500).optional(),
  });
}

/** What the submission is about (titles the viewer may see) and where 返回 leads. */
async function subjectOf(
  viewer: MatchViewer,
  values: { demandId: unknown; resultId: unknown; side: unknown; redirectTo: unknown },
) {
  const id = (value: unknown) =>
    typeof value === "string" && /^\d{1,10}$/.test(value) ? Number(value) : null;
  const demandId = id(values.demandId);
  const resultId = id(values.resultId);
  const { db } = await services();
  const subject = await feedbackSubjectFor(db, viewer, { demandId, resultId });
  const fallback =
    values.side === "result" && resultId
      ? `/results/${resultId}`
      : demandId
        ? `/demands/${demandId}`
        : "/";
  const redirectTo = typeof values.redirectTo === "string" ? values.redirectTo : undefined;
  const back = safeRedirect(redirectTo, fallback).split("#")[0]!;
  return { ...subject, backTo: back === "/" ? back : `${back}#matches` };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "matches.view");
  const params = new URL(request.url).searchParams;
  return {
    subject: await subjectOf(user, {
      demandId: params.get("demandId"),
      resultId: params.get("resultId"),
      side: params.get("side"),
      redirectTo: params.get("redirectTo"),
    }),
    reasons: feedbackReasonOptions(),
    defaults: {
      demandId: params.get("demandId") ?? "",
      resultId: params.get("resultId") ?? "",
      side: params.get("side") ?? "",
      redirectTo: params.get("redirectTo") ?? "",
      reason: "",
      note: "",
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "matches.view");
  const formData = await request.formData();
  const reasons = Object.keys(FEEDBACK_REASONS) as [FeedbackReason, ...FeedbackReason[]];
  const submission = parseWithZod(formData, { schema: feedbackSchema(reasons) });
  const subject = () =>
    subjectOf(user, {
      demandId: formData.get("demandId"),
      resultId: formData.get("resultId"),
      side: formData.get("side"),
      redirectTo: formData.get("redirectTo"),
    });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), subject: await subject() }, { status: 400 });
  }
  const { db } = await services();
  const { redirectTo, ...input } = submission.value;
  try {
    await markIrrelevantAs(db, user, { ...input, note: input.note || undefined });
  } catch (error) {
    const reply = replyWithDomainError(submission, error);
    return data({ result: reply.data, subject: await subject() }, reply.init ?? undefined);
  }
  const fallback =
    input.side === "demand" ? `/demands/${input.demandId}` : `/results/${input.resultId}`;
  return redirect(`${safeRedirect(redirectTo, fallback).split("#")[0]}#matches`, 303);
}

export default function MatchFeedback() {
  const loaded = useLoaderData<typeof loader>();
  const { reasons, defaults } = loaded;
  const actionData = useActionData<typeof action>();
  const subject = actionData?.subject ?? loaded.subject;
  const [form, fields] = useForm({
    id: "match-feedback",
    lastResult: actionData?.result,
    defaultValue: defaults,
    onValidate: ({ formData }) =>
      parseWithZod(formData, {
        schema: feedbackSchema(reasons.map((r) => r.value) as [string, ...string[]]),
      }),
    shouldValidate: "onSubmit",
  });
  const hidden = (name: "demandId" | "resultId" | "side" | "redirectTo") => (
    <input type="hidden" name={name} value={String(fields[name].initialValue ?? "")} />
  );
  const { key, ...reasonProps } = getSelectProps(fields.reason);
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">标记推荐不相关</h1>
      {subject.demand || subject.result ? (
        <dl
          data-testid="feedback-subject"
          className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-lg bg-white p-4 text-sm shadow-sm"
        >
          {subject.demand ? (
            <>
              <dt className="text-slate-500">技术需求</dt>
              <dd>
                <Link
                  to={`/demands/${subject.demand.id}`}
                  className="text-blue-800 hover:underline"
                >
                  {subject.demand.title}
                </Link>
              </dd>
            </>
          ) : null}
          {subject.result ? (
            <>
              <dt className="text-slate-500">科技成果</dt>
              <dd>
                <Link
                  to={`/results/${subject.result.id}`}
                  className="text-blue-800 hover:underline"
                >
                  {subject.result.title}
                </Link>
              </dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="text-sm text-slate-600">标记后这条推荐不再向您显示，平台据此改进推荐。</p>
      {form.errors?.length ? (
        <FormAlert id={form.errorId}>
          <ErrorList errors={form.errors} />
        </FormAlert>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-lg bg-white p-4 shadow-sm"
      >
        {hidden("demandId")}
        {hidden("resultId")}
        {hidden("side")}
        {hidden("redirectTo")}
        <ErrorList errors={[...(fields.demandId.errors ?? []), ...(fields.side.errors ?? [])]} />
        <div>
          <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-700">
            原因
          </label>
          <select
            key={key}
            {...reasonProps}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          >
            <option value="">请选择</option>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div>
          <label htmlFor={fields.note.id} className="block text-sm font-medium text-slate-700">
            补充说明（选填）
          </label>
          <input
            id={fields.note.id}
            name={fields.note.name}
            defaultValue={String(fields.note.initialValue ?? "")}
            maxLength={500}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2"
          />
          <ErrorList id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <SubmitButton>标记为不相关</SubmitButton>
          <Link to={subject.backTo} className="text-sm text-blue-700 hover:underline">
            返回推荐列表
          </Link>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

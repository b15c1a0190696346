/**
 * 不相关 (issue #5 item 4): the recommendation panels' small form posts
 * here; the mark hides the match from this user and is counted per feature
 * for tuning. On success the user goes back to the page they came from
 * (`redirectTo`), where the match no longer shows. A refused submission
 * renders this page with the form, the errors and the user's input, so it
 * all works without JavaScript. Only those who may see the listing's
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
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/form-fields";
import { markIrrelevantAs } from "~/domain/matching/match-access.server";
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

const REASONS = Object.keys(FEEDBACK_REASONS) as [FeedbackReason, ...FeedbackReason[]];
const listingId = z.coerce.number({ error: "缺少信息编号" }).int().positive().max(2_147_483_647);

const feedbackSchema = z.object({
  demandId: listingId,
  resultId: listingId,
  side: z.enum(["demand", "result"], { error: "缺少推荐所在的页面" }),
  reason: z.enum(REASONS, { error: "请选择不相关的原因" }),
  note: z.string().trim().max(500, "补充说明不超过 500 字").optional(),
  redirectTo: z.string().max(500).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "matches.view");
  const params = new URL(request.url).searchParams;
  return {
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
  const submission = parseWithZod(await request.formData(), { schema: feedbackSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { db } = await services();
  const { redirectTo, ...input } = submission.value;
  try {
    await markIrrelevantAs(db, user, { ...input, note: input.note || undefined });
  } catch (error) {
    return replyWithDomainError(submission, error);
  }
  const fallback =
    input.side === "demand" ? `/demands/${input.demandId}` : `/results/${input.resultId}`;
  return redirect(`${safeRedirect(redirectTo, fallback).split("#")[0]}#matches`, 303);
}

export default function MatchFeedback() {
  const { reasons, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "match-feedback",
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: feedbackSchema }),
    shouldValidate: "onSubmit",
  });
  const hidden = (name: "demandId" | "resultId" | "side" | "redirectTo") => (
    <input type="hidden" name={name} value={String(fields[name].initialValue ?? "")} />
  );
  const { key, ...reasonProps } = getSelectProps(fields.reason);
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">标记推荐不相关</h1>
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
        <SubmitButton>标记为不相关</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

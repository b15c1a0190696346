/**
 * Approve and reject controls of a listing under review, used in the queue
 * table (one per row) and on the review page. Each is its own small POST
 * form to the page's route; rejecting folds open in a <details> with the
 * reason list and a note, so it works without JavaScript.
 */
import {
  getFormProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { rejectDecisionSchema } from "~/domain/bureau/review-decision";
import { REJECTION_REASONS } from "~/domain/listings/listing-input";
import { buttonClass, dangerButtonClass, FieldErrors, inputClass } from "./work-queue";

/** The submitted values of a reply, when it answers the form for `intent` on `item`. */
export function replyFor(
  result: SubmissionResult | undefined,
  intent: string,
  item: string,
): SubmissionResult | undefined {
  const value = result?.initialValue;
  return value && value.intent === intent && value.item === item ? result : undefined;
}

export function ApproveForm({
  item,
  title,
  lastResult,
  label = "通过",
}: {
  item: string;
  title: string;
  lastResult?: SubmissionResult;
  label?: string;
}) {
  const errors = lastResult?.error?.[""];
  return (
    <Form method="post" className="inline-block">
      <input type="hidden" name="intent" value="approve" />
      <input type="hidden" name="item" value={item} />
      <button type="submit" className={buttonClass} aria-label={`${label}：${title}`}>
        {label}
      </button>
      <FieldErrors errors={errors ?? undefined} />
    </Form>
  );
}

export function RejectForm({
  item,
  title,
  lastResult,
  open = false,
}: {
  item: string;
  title: string;
  lastResult?: SubmissionResult;
  /** Unfolded from the start (the review page). */
  open?: boolean;
}) {
  const [form, fields] = useForm({
    id: `reject-${item.replace(":", "-")}`,
    lastResult,
    defaultNoValidate: false,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rejectDecisionSchema }),
  });
  return (
    <details open={open || Boolean(lastResult)} className="group inline-block align-top">
      <summary
        className={`${dangerButtonClass} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
        aria-label={`驳回：${title}`}
      >
        驳回
      </summary>
      <Form
        method="post"
        {...getFormProps(form)}
        aria-label={`驳回“${title}”`}
        className="mt-2 w-64 max-w-[80vw] space-y-2 rounded-md border border-slate-200 bg-white p-3 text-left shadow-sm"
      >
        <input type="hidden" name="intent" value="reject" />
        <input type="hidden" name="item" value={item} />
        <div>
          <label htmlFor={fields.reason.id} className="block text-xs font-medium text-slate-700">
            驳回原因
          </label>
          <select
            {...getSelectProps(fields.reason)}
            key={fields.reason.key}
            required
            className={inputClass}
          >
            <option value="">请选择…</option>
            {Object.entries(REJECTION_REASONS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.reason.errorId} errors={fields.reason.errors} />
        </div>
        <div>
          <label htmlFor={fields.note.id} className="block text-xs font-medium text-slate-700">
            说明（选“其他”时必填）
          </label>
          <textarea
            {...getTextareaProps(fields.note)}
            key={fields.note.key}
            rows={3}
            maxLength={500}
            className={inputClass}
          />
          <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
        </div>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <button type="submit" className={`${dangerButtonClass} w-full`}>
          确认驳回
        </button>
      </Form>
    </details>
  );
}

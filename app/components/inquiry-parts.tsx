/**
 * Pieces of the inquiry (对接) pages: the status badge, the conversation
 * thread, each side's deal confirmation, and the status action forms.
 * Every action is its own small POST form; actions that cannot be undone
 * fold open in a <details> with a second, explicit confirm button, so
 * they work without JavaScript and are not triggered by one stray tap.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { InquiryStatus } from "~/domain/inquiries/inquiry-labels";
import { CLOSE_REASONS, INQUIRY_STATUSES } from "~/domain/inquiries/inquiry-labels";
import type { InquiryMessageView, InquiryPartyView } from "~/domain/inquiries/inquiry-view.server";
import { formatDateTime } from "~/utils/date-time";
import {
  FieldErrors,
  buttonClass,
  dangerButtonClass,
  inputClass,
  secondaryButtonClass,
} from "./work-queue";

const STATUS_TONES: Record<InquiryStatus, string> = {
  open: "bg-sky-100 text-sky-800",
  negotiating: "bg-amber-100 text-amber-800",
  deal: "bg-emerald-100 text-emerald-800",
  closed: "bg-slate-200 text-slate-700",
};

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONES[status]}`}
      data-status={status}
    >
      {INQUIRY_STATUSES[status]}
    </span>
  );
}

const FROM_TONES = {
  initiator: "border-blue-200 bg-blue-50",
  counterpart: "border-slate-200 bg-white",
  broker: "border-amber-200 bg-amber-50",
} as const;

export function MessageThread({ messages }: { messages: InquiryMessageView[] }) {
  if (messages.length === 0) return <p className="text-sm text-slate-500">还没有留言。</p>;
  return (
    <ol className="space-y-3" aria-label="对接留言">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`rounded-lg border p-3 ${FROM_TONES[m.from]} ${m.mine ? "sm:ml-12" : "sm:mr-12"}`}
        >
          <p className="mb-1 flex flex-wrap items-baseline gap-x-2 text-xs text-slate-500">
            <span className="font-medium text-slate-800">{m.organizationName}</span>
            <span>{m.authorName}</span>
            {m.from === "broker" ? <span className="text-amber-700">（平台撮合）</span> : null}
            <time dateTime={m.createdAt} className="tabular-nums">
              {formatDateTime(m.createdAt)}
            </time>
          </p>
          <p className="whitespace-pre-line break-words text-sm text-slate-800">{m.body}</p>
        </li>
      ))}
    </ol>
  );
}

/** Each side's 签约 confirmation: who confirmed and when, or still waiting. */
export function DealConfirmations({
  parties,
  status,
}: {
  parties: { label: string; party: InquiryPartyView }[];
  status: InquiryStatus;
}) {
  return (
    <ul className="space-y-1 text-sm" aria-label="签约确认">
      {parties.map(({ label, party }) => (
        <li key={label} className="flex flex-wrap gap-x-2">
          <span className="text-slate-500">{label}</span>
          <span className="font-medium">{party.name}</span>
          {party.confirmedAt ? (
            <span className="text-emerald-700">
              已确认签约（{party.confirmedBy ?? ""} {formatDateTime(party.confirmedAt)}）
            </span>
          ) : status === "negotiating" ? (
            <span className="text-slate-500">尚未确认签约</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A one-button POST form for `intent`, folded behind a confirmation step. */
export function ConfirmedAction({
  intent,
  label,
  confirmLabel,
  explanation,
  tone = "primary",
}: {
  intent: string;
  label: string;
  confirmLabel: string;
  explanation: ReactNode;
  tone?: "primary" | "secondary";
}) {
  return (
    <details className="rounded-md border border-slate-200 bg-white">
      <summary
        className={`${tone === "primary" ? buttonClass : secondaryButtonClass} m-0 w-full cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
      >
        {label}
      </summary>
      <Form method="post" className="space-y-2 p-3 text-sm">
        <input type="hidden" name="intent" value={intent} />
        <p className="text-slate-700">{explanation}</p>
        <button type="submit" className={`${buttonClass} w-full`}>
          {confirmLabel}
        </button>
      </Form>
    </details>
  );
}

/** 终止对接: reason from the fixed list and a note (required for 其他), behind a fold. */
export function CloseForm({
  errors,
  open,
}: {
  errors?: { reason?: string[]; note?: string[]; form?: string[] };
  open: boolean;
}) {
  return (
    <details open={open} className="rounded-md border border-slate-200 bg-white">
      <summary
        className={`${dangerButtonClass} m-0 w-full cursor-pointer list-none [&::-webkit-details-marker]:hidden`}
      >
        终止对接
      </summary>
      <Form method="post" className="space-y-2 p-3 text-sm" aria-label="终止对接">
        <input type="hidden" name="intent" value="close" />
        <div>
          <label htmlFor="close-reason" className="block text-xs font-medium text-slate-700">
            终止原因
          </label>
          <select id="close-reason" name="reason" required className={inputClass} defaultValue="">
            <option value="">请选择…</option>
            {Object.entries(CLOSE_REASONS).map(([code, label]) => (
              <option key={code} value={code}>
                {label}
              </option>
            ))}
          </select>
          <FieldErrors errors={errors?.reason} />
        </div>
        <div>
          <label htmlFor="close-note" className="block text-xs font-medium text-slate-700">
            说明（选“其他”时必填）
          </label>
          <textarea id="close-note" name="note" rows={3} maxLength={500} className={inputClass} />
          <FieldErrors errors={errors?.note} />
        </div>
        <FieldErrors errors={errors?.form} />
        <p className="text-xs text-slate-500">终止后不能再留言或恢复，对方会收到通知。</p>
        <button type="submit" className={`${dangerButtonClass} w-full`}>
          确认终止
        </button>
      </Form>
    </details>
  );
}

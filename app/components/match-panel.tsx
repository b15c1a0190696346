/**
 * The recommendations panel of a listing (issue #5): 推荐成果 on a 技术需求,
 * 潜在需求 on a 科技成果. Each match shows its title (link), organization,
 * score 0–100 as a bar, the one-line reason, a per-feature breakdown that
 * folds open (<details>), a 发起对接 link — replaced, while the viewer's
 * organization has an active inquiry about that pair, by its status and a
 * link to it (after 签约 or 终止 both show: a new inquiry may start) — and a 不相关 form (reason + note) posting to
 * /matches/feedback — all without JavaScript, and stacked on phones. With
 * JavaScript the 不相关 form posts through a fetcher, so a refused
 * submission shows its errors in the open form and keeps what was typed.
 */
import { Link, useFetcher } from "@remix-run/react";
import { ErrorList } from "~/components/form-fields";
import { secondaryButtonClass } from "~/components/work-queue";
import type { InquiryStatus } from "~/domain/inquiries/inquiry-labels";

/** One match as the panel shows it (the matcher's Match). */
export interface PanelMatch {
  id: number;
  title: string;
  organizationName: string;
  score: number;
  breakdown: Record<string, number>;
  reason: string;
  /** The inquiry 对接 about this pair the viewer can open (their organization's; any for staff). */
  inquiry?: { id: number; status: InquiryStatus } | null;
}

/** What the loader hands the panel (null when the viewer may not see it). */
export type MatchPanelData = { state: "unpublished" } | { state: "ok"; matches: PanelMatch[] };

/** zh-CN names of the matcher's features, in the order the breakdown lists them. */
export const MATCH_FEATURE_LABELS: Record<string, string> = {
  text: "内容相关度",
  field: "技术领域",
  maturity: "成熟度",
  price: "价格与预算",
  mode: "合作方式",
  region: "来源地区",
  freshness: "发布时间",
};

/** The inquiry start route (built by the inquiry feature) for a demand–result pair. */
export function inquiryStartHref(demandId: number, resultId: number): string {
  return `/inquiries/new?${new URLSearchParams({ demandId: String(demandId), resultId: String(resultId) })}`;
}

/** How a match's existing inquiry reads in the panel. */
export const MATCH_INQUIRY_LABELS: Record<InquiryStatus, string> = {
  open: "已在对接（意向）",
  negotiating: "已在对接（洽谈中）",
  deal: "已签约",
  closed: "对接已终止",
};

/** The answer of /matches/feedback to a refused submission (as fetcher data). */
interface FeedbackReply {
  result?: { error?: Record<string, string[] | null> | null } | null;
}

function InquiryLink({ inquiry }: { inquiry: { id: number; status: InquiryStatus } }) {
  const active = inquiry.status !== "closed";
  return (
    <Link
      to={`/inquiries/${inquiry.id}`}
      data-testid="match-inquiry"
      className={
        active
          ? "inline-flex items-center rounded-md border border-emerald-300 bg-emerald-50 px-3 py-1.5 text-sm font-medium text-emerald-800 hover:bg-emerald-100"
          : "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
      }
    >
      {MATCH_INQUIRY_LABELS[inquiry.status]} · 查看对接
    </Link>
  );
}

/**
 * Score 0–100 as a native <meter> (no inline style: the CSP forbids it),
 * green from 75, amber from 50, red below, and the number beside it.
 */
export function ScoreBar({ score }: { score: number }) {
  return (
    <div className="flex items-center gap-2" title={`匹配度 ${score}/100`}>
      <meter
        min={0}
        max={100}
        low={50}
        high={75}
        optimum={100}
        value={score}
        aria-label="匹配度"
        className="h-3 w-20"
      />
      <span className="text-sm font-semibold tabular-nums text-slate-800">{score}</span>
    </div>
  );
}

function Breakdown({ breakdown }: { breakdown: Record<string, number> }) {
  const features = [
    ...Object.keys(MATCH_FEATURE_LABELS).filter((f) => f in breakdown),
    ...Object.keys(breakdown).filter((f) => !(f in MATCH_FEATURE_LABELS)),
  ];
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-blue-700 hover:underline">评分明细</summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-3">
        {features.map((feature) => (
          <div key={feature} className="contents">
            <dt className="text-slate-600">{MATCH_FEATURE_LABELS[feature] ?? feature}</dt>
            <dd className="tabular-nums text-slate-900">
              {Math.round((breakdown[feature] ?? 0) * 10) / 10} 分
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function IrrelevantForm({
  demandId,
  resultId,
  side,
  reasons,
  redirectTo,
}: {
  demandId: number;
  resultId: number;
  side: "demand" | "result";
  reasons: { value: string; label: string }[];
  redirectTo: string;
}) {
  const id = `irrelevant-${demandId}-${resultId}`;
  const fetcher = useFetcher<FeedbackReply>();
  const errors = fetcher.state === "idle" ? (fetcher.data?.result?.error ?? null) : null;
  const reasonErrors = errors?.reason ?? null;
  const noteErrors = errors?.note ?? null;
  const otherErrors = errors
    ? Object.entries(errors)
        .filter(([field]) => field !== "reason" && field !== "note")
        .flatMap(([, messages]) => messages ?? [])
    : [];
  return (
    <details className="text-sm open:w-full">
      <summary className={`${secondaryButtonClass} cursor-pointer list-none`}>不相关</summary>
      <fetcher.Form
        method="post"
        action="/matches/feedback"
        preventScrollReset
        className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
      >
        <input type="hidden" name="demandId" value={demandId} />
        <input type="hidden" name="resultId" value={resultId} />
        <input type="hidden" name="side" value={side} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {otherErrors.length ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-2 py-1">
            <ErrorList errors={otherErrors} />
          </div>
        ) : null}
        <div>
          <label htmlFor={`${id}-reason`} className="block text-slate-700">
            原因
          </label>
          <select
            id={`${id}-reason`}
            name="reason"
            required
            defaultValue=""
            aria-invalid={reasonErrors?.length ? true : undefined}
            aria-describedby={reasonErrors?.length ? `${id}-reason-error` : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-500"
          >
            <option value="" disabled>
              请选择
            </option>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <ErrorList id={`${id}-reason-error`} errors={reasonErrors} />
        </div>
        <div>
          <label htmlFor={`${id}-note`} className="block text-slate-700">
            补充说明（选填）
          </label>
          <input
            id={`${id}-note`}
            name="note"
            maxLength={500}
            aria-invalid={noteErrors?.length ? true : undefined}
            aria-describedby={noteErrors?.length ? `${id}-note-error` : undefined}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 aria-[invalid=true]:border-red-500"
          />
          <ErrorList id={`${id}-note-error`} errors={noteErrors} />
        </div>
        <button
          type="submit"
          disabled={fetcher.state !== "idle"}
          className="rounded-md bg-slate-700 px-3 py-1.5 font-medium text-white hover:bg-slate-800"
        >
          标记为不相关
        </button>
        <p className="text-xs text-slate-500">标记后这条推荐不再向您显示。</p>
      </fetcher.Form>
    </details>
  );
}

/**
 * The panel for a listing of `kind` ("demands": it lists results; "results":
 * it lists demands). `redirectTo` is where a 不相关 mark returns to.
 */
export function MatchPanel({
  kind,
  listingId,
  data,
  reasons,
  redirectTo,
  canStartInquiry = true,
}: {
  kind: "results" | "demands";
  listingId: number;
  data: MatchPanelData;
  reasons: { value: string; label: string }[];
  redirectTo: string;
  /** Show 发起对接 (members); bureau staff broker from /bureau/matches. */
  canStartInquiry?: boolean;
}) {
  const heading = kind === "demands" ? "推荐成果" : "潜在需求";
  const matchedPath = kind === "demands" ? "/results" : "/demands";
  return (
    <section
      id="matches"
      aria-labelledby="matches-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5"
    >
      <h2 id="matches-heading" className="mb-1 text-lg font-semibold text-slate-900">
        {heading}
      </h2>
      {data.state === "unpublished" ? (
        <p className="text-sm text-slate-600">
          {kind === "demands" ? "需求" : "成果"}审核通过并发布后，这里会显示平台为您推荐的
          {kind === "demands" ? "科技成果" : "技术需求"}。
        </p>
      ) : data.matches.length === 0 ? (
        <p className="text-sm text-slate-600">暂时没有合适的推荐。新信息发布后会再次匹配。</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-500">
            按匹配度从高到低排列，仅本单位成员和科技局工作人员可见。
          </p>
          <ol className="divide-y divide-slate-100">
            {data.matches.map((match) => {
              const demandId = kind === "demands" ? listingId : match.id;
              const resultId = kind === "demands" ? match.id : listingId;
              return (
                <li key={match.id} className="space-y-2 py-3" data-testid="match">
                  <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
                    <div className="min-w-0">
                      <Link
                        to={`${matchedPath}/${match.id}`}
                        className="font-medium text-blue-800 hover:underline"
                      >
                        {match.title}
                      </Link>
                      <p className="text-sm text-slate-600">{match.organizationName}</p>
                    </div>
                    <ScoreBar score={match.score} />
                  </div>
                  {match.reason ? (
                    <p className="text-sm text-slate-800">
                      <span className="text-slate-500">推荐理由：</span>
                      {match.reason}
                    </p>
                  ) : null}
                  <Breakdown breakdown={match.breakdown} />
                  <div className="flex flex-wrap items-start gap-2">
                    {match.inquiry ? <InquiryLink inquiry={match.inquiry} /> : null}
                    {canStartInquiry &&
                    (!match.inquiry ||
                      match.inquiry.status === "closed" ||
                      match.inquiry.status === "deal") ? (
                      <Link
                        to={inquiryStartHref(demandId, resultId)}
                        className="inline-flex items-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800"
                      >
                        发起对接
                      </Link>
                    ) : null}
                    <IrrelevantForm
                      demandId={demandId}
                      resultId={resultId}
                      side={kind === "demands" ? "demand" : "result"}
                      reasons={reasons}
                      redirectTo={redirectTo}
                    />
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

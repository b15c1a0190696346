/** One published 科技成果, every field with its zh-CN label. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Chip } from "~/components/chip";
import {
  Breadcrumb,
  DetailLayout,
  FactList,
  KeywordLinks,
  InquiryEntryBlock,
  Paragraphs,
  Section,
} from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MatchPanel } from "~/components/match-panel";
import { getResult } from "~/domain/listings/results.server";
import {
  IP_TYPES,
  MATURITY_STAGES,
  ORGANIZATION_KINDS,
  TECH_FIELDS,
  TRANSFER_MODES,
  labelOf,
} from "~/domain/taxonomy/taxonomy";
import { inquiryEntryFor } from "~/domain/inquiries/inquiry-entry.server";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { domainErrorToResponse, parseId } from "~/utils/http.server";
import { matchPanelFor } from "~/utils/match-panel.server";
import { siteNameOf } from "~/utils/meta";
import { getUser } from "~/utils/session.server";
import { formatWan } from "~/utils/money";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: `${data.result.title} - 科技成果 - ${siteNameOf(matches)}` },
        { name: "description", content: data.result.summary },
      ]
    : [{ title: `未找到科技成果 - ${siteNameOf(matches)}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await services();
  try {
    const result = await getResult(db, parseId(params.id, "科技成果"), { publishedOnly: true });
    const user = await getUser(request);
    const inquiry = await inquiryEntryFor(db, user, "results", result.id, result.organization.id);
    // 潜在需求: for the owning organization's members and bureau staff only.
    return { result, inquiry, matches: await matchPanelFor(user, "results", result.id) };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export default function ResultDetail() {
  const { result, inquiry, matches } = useLoaderData<typeof loader>();
  const org = result.organization;
  const maturity = labelOf(MATURITY_STAGES, result.maturity);
  const modes = result.transferModes.map((m) => labelOf(TRANSFER_MODES, m));

  return (
    <div>
      <Breadcrumb
        items={[
          { label: "首页", to: "/" },
          { label: "科技成果", to: "/results" },
          { label: result.title },
        ]}
      />
      <DetailLayout
        title={result.title}
        badges={
          <>
            <Chip tone="field">{labelOf(TECH_FIELDS, result.techField)}</Chip>
            <Chip tone="maturity">{maturity}</Chip>
          </>
        }
        subtitle={
          <>
            <span className="font-medium text-slate-800">{org.name}</span>
            <span className="text-slate-400">
              {" "}
              · {labelOf(ORGANIZATION_KINDS, org.kind)} · {org.regionName}
            </span>
          </>
        }
        facts={
          <Section title="成果信息">
            <FactList
              facts={[
                {
                  label: "参考价格",
                  value: (
                    <span className="font-semibold text-orange-700">
                      {formatWan(result.askingPriceFen)}
                    </span>
                  ),
                },
                { label: "技术领域", value: labelOf(TECH_FIELDS, result.techField) },
                {
                  label: "成熟度",
                  value: result.trl ? `${maturity}（技术就绪度 TRL ${result.trl}）` : maturity,
                },
                { label: "知识产权", value: labelOf(IP_TYPES, result.ipType) },
                {
                  label: "专利号",
                  value: result.patentNumbers.length ? (
                    <ul className="space-y-0.5 font-mono text-xs">
                      {result.patentNumbers.map((n) => (
                        <li key={n}>{n}</li>
                      ))}
                    </ul>
                  ) : null,
                },
                { label: "转化方式", value: modes.join("、") },
                { label: "持有单位", value: org.name },
                { label: "单位类型", value: labelOf(ORGANIZATION_KINDS, org.kind) },
                { label: "所在地区", value: org.regionName },
                {
                  label: "发布日期",
                  value: result.publishedAt ? formatDate(result.publishedAt) : null,
                },
                {
                  label: "有效期至",
                  value: result.expiresAt ? formatDate(result.expiresAt) : null,
                },
              ]}
            />
          </Section>
        }
        main={
          <>
            {result.summary ? (
              <Section title="成果简介">
                <Paragraphs text={result.summary} />
              </Section>
            ) : null}
            <Section title="详细介绍">
              <Paragraphs text={result.description} />
            </Section>
            {result.keywords.length > 0 ? (
              <Section title="关键词">
                <KeywordLinks keywords={result.keywords} searchPath="/results" />
              </Section>
            ) : null}
            {matches ? (
              <MatchPanel
                kind="results"
                listingId={result.id}
                data={matches.panel}
                reasons={matches.reasons}
                canStartInquiry={matches.canStartInquiry}
                redirectTo={`/results/${result.id}`}
              />
            ) : null}
          </>
        }
        actions={
          <InquiryEntryBlock
            entry={inquiry}
            explanation="对这项成果感兴趣？可向持有单位发起对接，表达转让、许可或合作意向，平台工作人员将协助洽谈。"
          />
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

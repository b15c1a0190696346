/** One published 技术需求, every field with its zh-CN label. */
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
import { getDemand } from "~/domain/listings/demands.server";
import {
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
import { formatBudget } from "~/utils/money";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        { title: `${data.demand.title} - 技术需求 - ${siteNameOf(matches)}` },
        { name: "description", content: data.demand.description.slice(0, 120) },
      ]
    : [{ title: `未找到技术需求 - ${siteNameOf(matches)}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await services();
  try {
    const demand = await getDemand(db, parseId(params.id, "技术需求"), { publishedOnly: true });
    // Decided here, not while rendering, so server and browser agree.
    const deadlinePassed = demand.deadline !== null && demand.deadline < formatDate(Date.now());
    const user = await getUser(request);
    const inquiry = await inquiryEntryFor(db, user, "demands", demand.id, demand.organization.id);
    // 推荐成果: for the owning organization's members and bureau staff only.
    const matches = await matchPanelFor(user, "demands", demand.id);
    return { demand, deadlinePassed, inquiry, matches };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export default function DemandDetail() {
  const { demand, deadlinePassed, inquiry, matches } = useLoaderData<typeof loader>();
  const org = demand.organization;
  const modes = demand.desiredModes.map((m) => labelOf(TRANSFER_MODES, m));

  return (
    <div>
      <Breadcrumb
        items={[
          { label: "首页", to: "/" },
          { label: "技术需求", to: "/demands" },
          { label: demand.title },
        ]}
      />
      <DetailLayout
        title={demand.title}
        badges={
          <>
            <Chip tone="field">{labelOf(TECH_FIELDS, demand.techField)}</Chip>
            {modes.map((mode) => (
              <Chip key={mode} tone="mode">
                {mode}
              </Chip>
            ))}
          </>
        }
        subtitle={
          <>
            <span className="font-medium text-slate-800">{org.name}</span>
            <span className="text-slate-400">
              {" "}
              · {labelOf(ORGANIZATION_KINDS, org.kind)} · {demand.regionName}
            </span>
          </>
        }
        facts={
          <Section title="需求信息">
            <FactList
              facts={[
                {
                  label: "预算",
                  value: (
                    <span className="font-semibold text-orange-700">
                      {formatBudget(demand.budgetMinFen, demand.budgetMaxFen)}
                    </span>
                  ),
                },
                { label: "技术领域", value: labelOf(TECH_FIELDS, demand.techField) },
                { label: "期望合作方式", value: modes.join("、") },
                {
                  label: "截止日期",
                  value: demand.deadline ? (
                    <>
                      {demand.deadline}
                      {deadlinePassed ? (
                        <span className="ml-2 text-xs text-red-700">（已截止）</span>
                      ) : null}
                    </>
                  ) : (
                    "长期有效"
                  ),
                },
                { label: "所在县区", value: demand.regionName },
                { label: "需求单位", value: org.name },
                { label: "单位类型", value: labelOf(ORGANIZATION_KINDS, org.kind) },
                { label: "单位所在地", value: org.regionName },
                {
                  label: "发布日期",
                  value: demand.publishedAt ? formatDate(demand.publishedAt) : null,
                },
              ]}
            />
          </Section>
        }
        main={
          <>
            <Section title="需求描述">
              <Paragraphs text={demand.description} />
            </Section>
            {demand.keywords.length > 0 ? (
              <Section title="关键词">
                <KeywordLinks keywords={demand.keywords} searchPath="/demands" />
              </Section>
            ) : null}
            {matches ? (
              <MatchPanel
                kind="demands"
                listingId={demand.id}
                data={matches.panel}
                reasons={matches.reasons}
                canStartInquiry={matches.canStartInquiry}
                redirectTo={`/demands/${demand.id}`}
              />
            ) : null}
          </>
        }
        actions={
          <InquiryEntryBlock
            entry={inquiry}
            explanation="能解决这项需求？可向需求单位提交对接意向，介绍您的技术方案或相关成果，平台工作人员将协助洽谈。"
          />
        }
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

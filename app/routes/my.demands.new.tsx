/** 发布技术需求: a new demand, saved as a draft or sent for review. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/detail-layout";
import { DemandForm } from "~/components/demand-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { siteNameOf } from "~/utils/meta";
import { countyOptions, listingFormAction, requireMember } from "~/utils/my-listings.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `发布技术需求 - ${siteNameOf(matches)}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request, "demands");
  return { counties: await countyOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  return listingFormAction(request, "demands", null);
}

export default function NewDemand() {
  const { counties } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "我的发布", to: "/my" }, { label: "发布技术需求" }]} />
      <h1 className="text-2xl font-semibold text-slate-900">发布技术需求</h1>
      <DemandForm lastResult={lastResult} counties={counties} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

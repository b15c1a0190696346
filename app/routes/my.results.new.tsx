/** 发布科技成果: a new result, saved as a draft or sent for review. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { Breadcrumb } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ResultForm } from "~/components/result-form";
import { siteNameOf } from "~/utils/meta";
import { listingFormAction, requireMember } from "~/utils/my-listings.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: `发布科技成果 - ${siteNameOf(matches)}` },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireMember(request, "results");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  return listingFormAction(request, "results", null);
}

export default function NewResult() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "我的发布", to: "/my" }, { label: "发布科技成果" }]} />
      <h1 className="text-2xl font-semibold text-slate-900">发布科技成果</h1>
      <ResultForm lastResult={lastResult} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

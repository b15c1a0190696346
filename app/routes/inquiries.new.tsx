/**
 * 发起对接 (/inquiries/new?resultId=&demandId=): shows the listing(s) and a
 * form for the first message; POST starts the inquiry and opens it. An
 * enterprise member may attach one of its published demands, an
 * institution member one of its published results. When an active
 * inquiry about the same pair exists, the page links to it instead.
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
import { Breadcrumb, Section } from "~/components/detail-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton } from "~/components/form-fields";
import { TextAreaField } from "~/components/listing-form-fields";
import { inquiryStartView } from "~/domain/inquiries/inquiry-start-view.server";
import { MESSAGE_MAX_LENGTH, startInquirySchema } from "~/domain/inquiries/inquiry-labels";
import { InquiryExistsError, startInquiry } from "~/domain/inquiries/start-inquiry.server";
import { services } from "~/services.server";
import { domainErrorResult } from "~/utils/form-reply.server";
import { domainErrorToResponse } from "~/utils/http.server";
import { siteNameOf } from "~/utils/meta";
import { knownClientIp, requirePermission } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `发起对接 - ${siteNameOf(matches)}` }];

function idParam(url: URL, name: string): number | null {
  const raw = url.searchParams.get(name);
  return raw && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "inquiries.start");
  const url = new URL(request.url);
  const { db } = await services();
  try {
    return {
      view: await inquiryStartView(db, user, {
        resultId: idParam(url, "resultId"),
        demandId: idParam(url, "demandId"),
      }),
    };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "inquiries.start");
  const submission = parseWithZod(await request.formData(), { schema: startInquirySchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), existingId: null }, { status: 400 });
  }
  const { db } = await services();
  try {
    const { id } = await startInquiry(
      db,
      { ...user, ip: knownClientIp(request) },
      submission.value,
    );
    return redirect(`/inquiries/${id}?notice=started`);
  } catch (error) {
    const { result, status } = domainErrorResult(submission, error);
    const existingId = error instanceof InquiryExistsError ? error.existingId : null;
    return data({ result, existingId }, { status });
  }
}

export default function NewInquiry() {
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "start-inquiry",
    lastResult: actionData?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startInquirySchema }),
  });
  const existingId = actionData?.existingId ?? view.existingInquiryId;
  const ownField = fields[view.ownField];

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Breadcrumb items={[{ label: "我的对接", to: "/inquiries" }, { label: "发起对接" }]} />
      <h1 className="text-2xl font-semibold text-slate-900">发起对接</h1>
      <Section title="对接对象">
        <dl className="space-y-2 text-sm">
          <div>
            <dt className="text-slate-500">
              {view.other.kind === "results" ? "科技成果" : "技术需求"}
            </dt>
            <dd>
              <Link to={view.other.href} className="font-medium text-blue-800 underline">
                {view.other.title}
              </Link>
              <span className="text-slate-600">（{view.other.organizationName}）</span>
            </dd>
          </div>
          {view.own ? (
            <div>
              <dt className="text-slate-500">本单位{view.ownKindLabel}</dt>
              <dd>
                <Link to={view.own.href} className="font-medium text-blue-800 underline">
                  {view.own.title}
                </Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </Section>

      {existingId ? (
        <FormAlert tone="info">
          与对方就此已有进行中的对接。
          <Link to={`/inquiries/${existingId}`} className="font-medium underline">
            打开已有对接（编号 {existingId}）
          </Link>
        </FormAlert>
      ) : null}

      <Form
        method="post"
        {...getFormProps(form)}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-5"
      >
        <input
          type="hidden"
          name={view.other.kind === "results" ? "resultId" : "demandId"}
          value={view.other.id}
        />
        {view.own ? (
          <input type="hidden" name={view.ownField} value={view.own.id} />
        ) : view.ownOptions.length > 0 ? (
          <div>
            <label htmlFor={ownField.id} className="block text-sm font-medium text-slate-700">
              关联本单位的{view.ownKindLabel}（可选）
            </label>
            <select
              {...getSelectProps(ownField)}
              key={ownField.key}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base"
            >
              <option value="">不关联</option>
              {view.ownOptions.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </select>
            <ErrorList id={ownField.errorId} errors={ownField.errors} />
          </div>
        ) : null}
        <TextAreaField
          meta={fields.message}
          label="留言"
          rows={6}
          hint={`介绍贵单位的意向与问题，对方会收到通知（最多 ${MESSAGE_MAX_LENGTH} 个字）`}
        />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SubmitButton>发起对接</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

/**
 * 接受邀请: an invitation link from an organization admin; the invitee
 * creates an account in that organization and is signed in. Unknown,
 * expired, used or revoked links say so (404).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useRouteError,
} from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorList, FormAlert, SubmitButton, TextField } from "~/components/form-fields";
import {
  displayNameField,
  emailField,
  newPasswordField,
  withPasswordConfirmation,
} from "~/domain/accounts/account-fields";
import { acceptInvitation, findOpenInvitation } from "~/domain/accounts/invitations.server";
import { ROLE_LABELS } from "~/domain/accounts/permissions";
import { NotFoundError } from "~/domain/errors";
import { ORGANIZATION_KINDS, labelOf } from "~/domain/taxonomy/taxonomy";
import { services } from "~/services.server";
import { formatDate } from "~/utils/date";
import { domainErrorToResponse } from "~/utils/http.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { getUser, knownClientIp } from "~/utils/session.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  {
    title: `${data ? `加入${data.invitation.organization.name}` : "邀请链接"} - ${siteNameOf(matches)}`,
  },
  // The token is a credential: keep the page out of indexes.
  { name: "robots", content: "noindex" },
];

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

const schema = withPasswordConfirmation(
  z.object({
    displayName: displayNameField,
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string({ error: "请再次输入密码" }),
  }),
);
const PASSWORDS = ["password", "confirmPassword"];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await services();
  const user = await getUser(request);
  try {
    const invitation = await findOpenInvitation(db, params.token ?? "");
    return {
      invitation,
      signedInAs: user
        ? { displayName: user.displayName, organizationName: user.organizationName }
        : null,
    };
  } catch (error) {
    domainErrorToResponse(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: PASSWORDS }), { status: 400 });
  }
  const { db, auth } = await services();
  let accepted;
  try {
    accepted = await acceptInvitation(db, {
      token: params.token ?? "",
      ...submission.value,
      ip: knownClientIp(request),
    });
  } catch (error) {
    // A link that stopped working meanwhile shows the invitation error page.
    if (error instanceof NotFoundError) domainErrorToResponse(error);
    return replyWithDomainError(submission, error, { hideFields: PASSWORDS });
  }
  return redirect("/org", {
    headers: { "Set-Cookie": auth.createSessionCookie(accepted.session.id).serialize() },
  });
}

export default function AcceptInvitation() {
  const { invitation, signedInAs } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { email: invitation.email ?? undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const org = invitation.organization;

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-slate-900">加入 {org.name}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {labelOf(ORGANIZATION_KINDS, org.kind)}的管理员邀请您注册账号（
        {ROLE_LABELS[invitation.role]}）。邀请有效期至 {formatDate(invitation.expiresAt)}。
      </p>
      {signedInAs ? (
        <div className="mt-4">
          <FormAlert tone="info">
            您当前已登录为 {signedInAs.displayName}（{signedInAs.organizationName}
            ）。接受邀请将创建一个新账号；如需使用新账号，请先退出当前账号。
          </FormAlert>
        </div>
      ) : null}
      <Form
        method="post"
        {...getFormProps(form)}
        className="mt-6 space-y-4 rounded-lg bg-white p-6 shadow-sm"
      >
        {form.errors?.length ? (
          <FormAlert id={form.errorId}>
            <ErrorList errors={form.errors} />
          </FormAlert>
        ) : null}
        <TextField meta={fields.displayName} label="姓名" autoComplete="name" />
        <TextField
          meta={fields.email}
          label="邮箱（登录名）"
          type="email"
          inputMode="email"
          autoComplete="email"
          readOnly={Boolean(invitation.email)}
          hint={invitation.email ? "此邀请仅限该邮箱使用" : undefined}
        />
        <TextField
          meta={fields.password}
          label="密码"
          type="password"
          autoComplete="new-password"
          hint="至少 10 位"
        />
        <TextField
          meta={fields.confirmPassword}
          label="确认密码"
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton className="w-full">注册并加入</SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    const data: unknown = error.data;
    const message =
      data && typeof data === "object" && "message" in data && typeof data.message === "string"
        ? data.message
        : "邀请链接无效。";
    return (
      <div className="mx-auto max-w-xl py-16 text-center" role="alert">
        <h1 className="text-2xl font-semibold text-slate-900">邀请链接不可用</h1>
        <p className="mt-3 text-slate-600">{message}</p>
        <div className="mt-8 flex flex-wrap justify-center gap-3">
          <Link
            to="/signup"
            className="rounded-md bg-blue-700 px-4 py-2 text-white hover:bg-blue-800"
          >
            注册新机构
          </Link>
          <Link
            to="/login"
            className="rounded-md border border-slate-300 px-4 py-2 hover:bg-slate-50"
          >
            登录
          </Link>
        </div>
      </div>
    );
  }
  return <GeneralErrorBoundary />;
}

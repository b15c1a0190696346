/** 登录: e-mail and password; throttled per account and per IP (HTTP 429 with the wait). */
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
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorList, FormAlert, SubmitButton, TextField } from "~/components/form-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { emailField, passwordField } from "~/domain/accounts/account-fields";
import { demoAccountHint } from "~/domain/accounts/demo-accounts.server";
import { ROLE_LABELS } from "~/domain/accounts/permissions";
import { signIn } from "~/domain/accounts/sign-in.server";
import { WORKBENCH_PATHS } from "~/domain/accounts/workbench";
import { services } from "~/services.server";
import { replyWithDomainError } from "~/utils/form-reply.server";
import { siteNameOf } from "~/utils/meta";
import { safeRedirect } from "~/utils/safe-redirect";
import { getUser, knownClientIp } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: `登录 - ${siteNameOf(matches)}` }];

/** A throttled attempt's Retry-After (Remix passes only cookies on without this). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const schema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  const user = await getUser(request);
  if (user) throw redirect(redirectTo || WORKBENCH_PATHS[user.role]);
  const { db, config, database } = await services();
  // The same rule that creates them (services.server.ts): never advertised on a production server.
  const demoAccounts = config.DEMO_ACCOUNTS ?? database.dialect === "pglite";
  return { redirectTo, demo: demoAccounts ? await demoAccountHint(db) : null };
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { db, auth } = await services();
  const { email, password, redirectTo } = submission.value;
  let signedIn;
  try {
    signedIn = await signIn(db, { email, password, ip: knownClientIp(request) });
  } catch (error) {
    return replyWithDomainError(submission, error, { hideFields: ["password"] });
  }
  return redirect(safeRedirect(redirectTo, WORKBENCH_PATHS[signedIn.role]), {
    headers: { "Set-Cookie": auth.createSessionCookie(signedIn.session.id).serialize() },
  });
}

export default function Login() {
  const { redirectTo, demo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });

  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold text-slate-900">登录</h1>
      <p className="mt-1 text-sm text-slate-600">
        还没有账号？
        <Link to="/signup" className="text-blue-700 underline">
          注册机构账号
        </Link>
      </p>
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
        <TextField
          meta={fields.email}
          label="邮箱"
          type="email"
          autoComplete="username"
          inputMode="email"
        />
        <TextField
          meta={fields.password}
          label="密码"
          type="password"
          autoComplete="current-password"
        />
        <SubmitButton className="w-full">登录</SubmitButton>
        <input type="hidden" name="redirectTo" value={redirectTo} />
      </Form>
      {demo ? (
        <section
          aria-labelledby="demo-accounts"
          className="mt-6 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm"
        >
          <h2 id="demo-accounts" className="font-medium text-amber-900">
            演示账号（仅演示环境）
          </h2>
          <p className="mt-1 text-amber-900">
            密码均为 <code className="rounded bg-white px-1">{demo.password}</code>
          </p>
          <ul className="mt-2 space-y-1 text-amber-900">
            {demo.accounts.map((a) => (
              <li key={a.email}>
                <code className="rounded bg-white px-1">{a.email}</code> · {ROLE_LABELS[a.role]} ·{" "}
                {a.displayName}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

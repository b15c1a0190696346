/** 退出登录: POST only (a GET, e.g. a prefetch or an <img>, must not sign anyone out). */
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { signOut } from "~/domain/accounts/sign-in.server";
import { services } from "~/services.server";
import { getRequestSession, knownClientIp } from "~/utils/session.server";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const { db, auth } = await services();
  const { user, sessionId } = await getRequestSession(request);
  if (user && sessionId) {
    await signOut(db, { sessionId, userId: user.id, ip: knownClientIp(request) });
  }
  return redirect("/", {
    headers: { "Set-Cookie": auth.createBlankSessionCookie().serialize() },
  });
}

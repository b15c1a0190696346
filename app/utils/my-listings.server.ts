/**
 * Request glue shared by the 我的发布 routes (/my…): who may use them,
 * the listing kind of the member's role, and the form action that parses
 * a result or demand form, saves it through the workflow and answers with
 * field errors (400) or a redirect to the dashboard.
 */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import type { SessionUser } from "../domain/accounts/auth.server";
import type { Role } from "../domain/accounts/permissions";
import { WORKBENCH_PATHS } from "../domain/accounts/workbench";
import { DomainError, NotFoundError } from "../domain/errors";
import {
  type SubmitIntent,
  demandFormSchema,
  resultFormSchema,
  toDemandInput,
  toResultInput,
} from "../domain/listings/listing-form";
import type { ListingInputOf } from "../domain/listings/listing-rows.server";
import type { ListingKind } from "../domain/listings/listing-types";
import { type MemberActor, saveListing } from "../domain/listings/listing-workflow.server";
import { homeCounties } from "../domain/regions/regions.server";
import { services } from "../services.server";
import { domainErrorToResponse, parseId } from "./http.server";
import { knownClientIp, requireUser } from "./session.server";

/** What a member role publishes: institutions 科技成果, enterprises 技术需求. */
export function listingKindOf(role: Role): ListingKind | null {
  if (role === "institution_member") return "results";
  if (role === "enterprise_member") return "demands";
  return null;
}

/**
 * The signed-in member and the kind they publish. Anonymous users go to
 * sign-in, bureau staff and admins to their own workbench; a member asking
 * for the other kind's pages gets 403.
 */
export async function requireMember(
  request: Request,
  kind?: ListingKind,
): Promise<{ user: SessionUser; actor: MemberActor; kind: ListingKind }> {
  const user = await requireUser(request);
  const own = listingKindOf(user.role);
  if (!own) throw redirect(WORKBENCH_PATHS[user.role]);
  if (kind && kind !== own) {
    throw Response.json(
      {
        code: "forbidden",
        message:
          own === "demands"
            ? "企业用户发布技术需求；科技成果由高校、科研院所用户发布"
            : "高校院所用户发布科技成果；技术需求由企业用户发布",
      },
      { status: 403 },
    );
  }
  return { user, actor: { ...user, ip: knownClientIp(request) }, kind: own };
}

/** The listing id of a /my route, or a 404 Response for anything else ("abc", "-1"). */
export function routeListingId(raw: string | undefined, kind: ListingKind): number {
  try {
    return parseId(raw, kind === "results" ? "科技成果" : "技术需求");
  } catch (error) {
    domainErrorToResponse(error);
  }
}

/** The home city's counties for the demand form's select. */
export async function countyOptions(): Promise<{ code: string; name: string }[]> {
  const { db, config } = await services();
  const counties = await homeCounties(db, config.HOME_REGION_CODE);
  return counties.map((c) => ({ code: c.code, name: c.name }));
}

/** Domain detail keys (typed input) → the form's field names. */
const FORM_FIELDS: Record<string, string> = {
  askingPriceFen: "askingPrice",
  budgetMinFen: "budgetMin",
  budgetMaxFen: "budgetMax",
};

/**
 * The action of a result or demand form: parse, save (and submit, for
 * 提交审核) in one transaction, then redirect to /my with a notice. Invalid
 * input or a refused step re-renders the form with the user's input.
 */
export async function listingFormAction(request: Request, kind: ListingKind, id: number | null) {
  const { actor } = await requireMember(request, kind);
  const formData = await request.formData();
  if (kind === "results") {
    const submission = parseWithZod(formData, { schema: resultFormSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    return save(kind, id, actor, toResultInput(submission.value), submission.value.intent, (o) =>
      submission.reply(o),
    );
  }
  const counties = (await countyOptions()).map((c) => c.code);
  const submission = parseWithZod(formData, { schema: demandFormSchema(counties) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  return save(kind, id, actor, toDemandInput(submission.value), submission.value.intent, (o) =>
    submission.reply(o),
  );
}

async function save<K extends ListingKind>(
  kind: K,
  id: number | null,
  actor: MemberActor,
  input: ListingInputOf<K>,
  intent: SubmitIntent,
  reply: (options: {
    formErrors?: string[];
    fieldErrors?: Record<string, string[]>;
  }) => SubmissionResult<string[]>,
) {
  const { db } = await services();
  try {
    const saved = await saveListing(db, kind, id, actor, input, intent);
    return redirect(`/my?${new URLSearchParams({ notice: saved.outcome })}`);
  } catch (error) {
    if (error instanceof NotFoundError) domainErrorToResponse(error);
    if (!(error instanceof DomainError)) throw error;
    const fieldErrors = error.details
      ? Object.fromEntries(
          Object.entries(error.details).map(([field, message]) => [
            FORM_FIELDS[field] ?? field,
            [message],
          ]),
        )
      : undefined;
    return data(reply({ formErrors: fieldErrors ? undefined : [error.message], fieldErrors }), {
      status: error.status,
    });
  }
}

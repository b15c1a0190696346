/**
 * Who sees a listing's recommendations and may mark them 不相关
 * (app/domain/matching/match-access.server.ts), on every dialect: the
 * owning organization's members and bureau staff; not another
 * organization's member, an admin or an anonymous visitor. An unpublished
 * listing has no recommendations yet. Each match carries the inquiry 对接
 * about that pair the viewer can open (their organization's; any for staff).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveListing,
  createDemand,
  createResult,
  submitForReview,
} from "../../app/domain/listings/listing-workflow.server";
import {
  feedbackSubjectFor,
  listingMatchesFor,
  markIrrelevantAs,
} from "../../app/domain/matching/match-access.server";
import type { Database } from "../../db/database";
import { LISTING_INDEXES } from "../../search/index-definitions";
import { createPostgresSearchBackend } from "../../search/postgres-backend";
import type { SearchBackend } from "../../search/types";
import { testDialects } from "../support/databases";
import {
  type TestUser,
  createOrganization,
  createUser,
  demandInput,
  resultInput,
} from "../support/factories";

describe.each(testDialects())("recommendation access on $name", (dialect) => {
  let database: Database;
  let search: SearchBackend;
  let staff: TestUser;
  let admin: TestUser;
  let officer: TestUser;
  let engineer: TestUser;
  let colleague: TestUser;
  let stranger: TestUser;
  let demandId: number;
  let draftId: number;
  let resultId: number;
  let universityId: number;
  let enterpriseId: number;
  let otherId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await dialect.open();
    search = createPostgresSearchBackend(db(), LISTING_INDEXES);
    await search.ensureIndexes(LISTING_INDEXES);
    const bureau = await createOrganization(db(), { kind: "bureau", regionCode: "130900" });
    const university = await createOrganization(db(), { kind: "university" });
    const enterprise = await createOrganization(db(), { kind: "enterprise" });
    const other = await createOrganization(db(), { kind: "enterprise" });
    universityId = university.id;
    enterpriseId = enterprise.id;
    otherId = other.id;
    staff = await createUser(db(), bureau.id, "bureau_staff");
    admin = await createUser(db(), bureau.id, "admin");
    officer = await createUser(db(), university.id, "institution_member");
    engineer = await createUser(db(), enterprise.id, "enterprise_member");
    colleague = await createUser(db(), enterprise.id, "enterprise_member");
    stranger = await createUser(db(), other.id, "enterprise_member");
    resultId = await createResult(db(), officer, resultInput());
    await submitForReview(db(), "results", resultId, officer);
    await approveListing(db(), "results", resultId, staff);
    demandId = await createDemand(
      db(),
      engineer,
      demandInput({
        title: "燃气轮机叶片激光熔覆修复",
        techField: "advanced_manufacturing",
        keywords: ["激光熔覆", "叶片修复"],
      }),
    );
    await submitForReview(db(), "demands", demandId, engineer);
    await approveListing(db(), "demands", demandId, staff);
    draftId = await createDemand(db(), engineer, demandInput());
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("shows the owner's members and bureau staff the matches, best first", async () => {
    for (const viewer of [engineer, colleague, staff]) {
      const found = await listingMatchesFor(db(), search, viewer, "demands", demandId);
      expect(found.state).toBe("ok");
      if (found.state !== "ok") continue;
      expect(found.matches.map((m) => m.id)).toContain(resultId);
      expect(found.matches[0]!.reason).not.toBe("");
    }
    const reverse = await listingMatchesFor(db(), search, officer, "results", resultId);
    expect(reverse.state === "ok" && reverse.matches.map((m) => m.id)).toContain(demandId);
  });

  it("hides them from another organization's member, an admin and anonymous visitors", async () => {
    for (const viewer of [stranger, officer, admin, null]) {
      expect(await listingMatchesFor(db(), search, viewer, "demands", demandId)).toEqual({
        state: "hidden",
      });
    }
    await expect(
      listingMatchesFor(db(), search, engineer, "demands", 999_999),
    ).rejects.toMatchObject({ code: "listing_not_found" });
  });

  it("says 'unpublished' for a draft", async () => {
    expect(await listingMatchesFor(db(), search, engineer, "demands", draftId)).toEqual({
      state: "unpublished",
    });
  });

  it("lets only those who see the list mark a match 不相关, for themselves", async () => {
    const input = { demandId, resultId, side: "demand" as const, reason: "field" as const };
    await expect(markIrrelevantAs(db(), stranger, input)).rejects.toMatchObject({
      code: "matches_forbidden",
    });
    await expect(markIrrelevantAs(db(), admin, input)).rejects.toMatchObject({
      code: "matches_forbidden",
    });
    // The result's side is the university's list: not the enterprise's to mark.
    await expect(
      markIrrelevantAs(db(), engineer, { ...input, side: "result" }),
    ).rejects.toMatchObject({ code: "matches_forbidden" });

    await markIrrelevantAs(db(), engineer, { ...input, note: "不做叶片" });
    const mine = await listingMatchesFor(db(), search, engineer, "demands", demandId);
    expect(mine.state === "ok" && mine.matches.map((m) => m.id)).not.toContain(resultId);
    const colleagues = await listingMatchesFor(db(), search, colleague, "demands", demandId);
    expect(colleagues.state === "ok" && colleagues.matches.map((m) => m.id)).toContain(resultId);
  });

  it("names the inquiry each viewer can open about a matched pair, preferring an active one", async () => {
    const inquiryOf = async (viewer: TestUser, kind: "demands" | "results", id: number) => {
      const found = await listingMatchesFor(db(), search, viewer, kind, id);
      if (found.state !== "ok") throw new Error(`no matches for ${viewer.id}`);
      const other = kind === "demands" ? resultId : demandId;
      return found.matches.find((m) => m.id === other)?.inquiry;
    };
    expect(await inquiryOf(colleague, "demands", demandId)).toBeNull();
    const insert = async (initiator: number, status: "negotiating" | "deal" | "closed") =>
      (
        await db()
          .insertInto("inquiries")
          .values({
            result_id: resultId,
            demand_id: demandId,
            initiator_organization_id: initiator,
            counterpart_organization_id: universityId,
            status,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    // Another enterprise's deal about the same pair: not the colleague's to see; staff see it.
    const othersDeal = await insert(otherId, "deal");
    expect(await inquiryOf(colleague, "demands", demandId)).toBeNull();
    expect(await inquiryOf(staff, "demands", demandId)).toEqual({ id: othersDeal, status: "deal" });
    // The enterprise's own: a closed one and an active one; the active one wins, for everyone.
    await insert(enterpriseId, "closed");
    const active = await insert(enterpriseId, "negotiating");
    const expected = { id: active, status: "negotiating" };
    expect(await inquiryOf(colleague, "demands", demandId)).toEqual(expected);
    expect(await inquiryOf(staff, "demands", demandId)).toEqual(expected);
    expect(await inquiryOf(officer, "results", resultId)).toEqual(expected);
  });

  it("names a feedback submission's listings only to those who may see them", async () => {
    // The own draft and a published result: both named.
    const own = await feedbackSubjectFor(db(), engineer, { demandId: draftId, resultId });
    expect(own.demand?.id).toBe(draftId);
    expect(own.demand?.title).toBeTruthy();
    expect(own.result?.id).toBe(resultId);
    expect(own.result?.title).toBeTruthy();
    // Another organization's draft and a missing result: neither.
    expect(
      await feedbackSubjectFor(db(), stranger, { demandId: draftId, resultId: 999_999 }),
    ).toEqual({
      demand: null,
      result: null,
    });
  });
});

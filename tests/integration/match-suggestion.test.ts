/**
 * 推荐对接 by bureau staff (app/domain/matching/match-suggestion.server.ts)
 * on every dialect: both organizations' members are notified with a link
 * to the other side's listing, the suggestion is audited, only staff may
 * do it, and an unpublished listing cannot be suggested.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveListing,
  createDemand,
  createResult,
  submitForReview,
  withdrawListing,
} from "../../app/domain/listings/listing-workflow.server";
import type { ListingKind } from "../../app/domain/listings/listing-types";
import { suggestMatch } from "../../app/domain/matching/match-suggestion.server";
import type { Database } from "../../db/database";
import { testDialects } from "../support/databases";
import {
  type TestUser,
  createOrganization,
  createUser,
  demandInput,
  resultInput,
} from "../support/factories";

describe.each(testDialects())("推荐对接 on $name", (dialect) => {
  let database: Database;
  let staff: TestUser;
  let officer: TestUser;
  let engineer: TestUser;
  let colleague: TestUser;
  let demandId: number;
  let resultId: number;
  const db = () => database.db;

  async function publish(kind: ListingKind, id: number, owner: TestUser) {
    await submitForReview(db(), kind, id, owner);
    await approveListing(db(), kind, id, staff);
  }

  const notificationsOf = (user: TestUser) =>
    db()
      .selectFrom("notifications")
      .select(["kind", "title", "link"])
      .where("user_id", "=", user.id)
      .where("kind", "=", "match.suggested")
      .execute();

  beforeAll(async () => {
    database = await dialect.open();
    const bureau = await createOrganization(db(), { kind: "bureau", regionCode: "130900" });
    const university = await createOrganization(db(), { kind: "university" });
    const enterprise = await createOrganization(db(), { kind: "enterprise" });
    staff = await createUser(db(), bureau.id, "bureau_staff");
    officer = await createUser(db(), university.id, "institution_member");
    engineer = await createUser(db(), enterprise.id, "enterprise_member");
    colleague = await createUser(db(), enterprise.id, "enterprise_member");
    resultId = await createResult(db(), officer, resultInput());
    await publish("results", resultId, officer);
    demandId = await createDemand(db(), engineer, demandInput());
    await publish("demands", demandId, engineer);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("notifies every member of both organizations with a link to the other side's listing", async () => {
    const notified = await suggestMatch(db(), staff, {
      demandId,
      resultId,
      reason: "同属先进制造领域",
    });
    expect(notified).toBe(3);
    for (const member of [engineer, colleague]) {
      expect(await notificationsOf(member)).toEqual([
        expect.objectContaining({ link: `/results/${resultId}` }),
      ]);
    }
    const [toOfficer] = await notificationsOf(officer);
    expect(toOfficer?.link).toBe(`/demands/${demandId}`);
    expect(toOfficer?.title).toContain("科技局为您的成果");
    const audit = await db()
      .selectFrom("audit_log")
      .select(["actor_user_id", "entity_id"])
      .where("action", "=", "demand.suggest_match")
      .execute();
    expect(audit).toEqual([{ actor_user_id: staff.id, entity_id: String(demandId) }]);
  });

  it("is for bureau staff only", async () => {
    await expect(suggestMatch(db(), engineer, { demandId, resultId })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("refuses a listing that is no longer published, and notifies nobody", async () => {
    const before = (await notificationsOf(officer)).length;
    const withdrawn = await createResult(db(), officer, resultInput({ title: "已撤回的成果" }));
    await publish("results", withdrawn, officer);
    await withdrawListing(db(), "results", withdrawn, officer);
    await expect(
      suggestMatch(db(), staff, { demandId, resultId: withdrawn }),
    ).rejects.toMatchObject({ code: "listing_not_found" });
    expect(await notificationsOf(officer)).toHaveLength(before);
  });
});

/**
 * New-match alerts (issue #5 item 5) on every dialect, with the real
 * matcher and the Postgres search backend: publishing a listing (bureau
 * approval) queues it in the same transaction; processing the queue alerts
 * the members of other organizations whose published listings it matches
 * at or above the threshold — at once ('immediate'), in one daily digest
 * ('daily') or not at all ('off') — never the publishing organization
 * itself, and never twice for one pair.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  approveListing,
  createDemand,
  createResult,
  submitForReview,
  updateListing,
} from "../../app/domain/listings/listing-workflow.server";
import type { ListingKind } from "../../app/domain/listings/listing-types";
import { sendDailyDigests } from "../../app/domain/matching/match-alert-digest.server";
import { setMatchAlertFrequency } from "../../app/domain/matching/match-alert-settings.server";
import {
  MATCH_ALERT_THRESHOLD,
  processMatchAlertQueue,
} from "../../app/domain/matching/match-alerts.server";
import { matchDemandsForResult } from "../../app/domain/matching/matcher.server";
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

/** A demand the default resultInput() (激光熔覆 blade repair) fits well. */
const laserDemand = demandInput({
  title: "燃气轮机叶片磨损激光熔覆修复",
  description:
    "公司维修燃气轮机和压缩机的高温合金叶片，叶尖磨损与裂纹多，希望引进激光熔覆修复工艺和合金粉末，修复后性能接近新件，降低更换成本。",
  techField: "advanced_manufacturing",
  keywords: ["激光熔覆", "叶片修复", "高温合金"],
  desiredModes: ["license", "cooperation"],
  budgetMinFen: 20_000_000,
  budgetMaxFen: 60_000_000,
});

describe.each(testDialects())("new-match alerts on $name", (dialect) => {
  let database: Database;
  let search: SearchBackend;
  let staff: TestUser;
  let officer: TestUser;
  let universityEngineer: TestUser;
  let immediate: TestUser;
  let daily: TestUser;
  let off: TestUser;
  let otherEngineer: TestUser;
  let laserDemandId: number;
  let ownDemandId: number;
  let dustDemandId: number;
  const db = () => database.db;

  async function publish(kind: ListingKind, id: number, owner: TestUser) {
    await submitForReview(db(), kind, id, owner);
    await approveListing(db(), kind, id, staff);
  }

  async function notificationsOf(user: TestUser) {
    return db()
      .selectFrom("notifications")
      .select(["kind", "title", "body", "link"])
      .where("user_id", "=", user.id)
      .orderBy("id")
      .execute();
  }

  async function alertsOf(user: TestUser) {
    return db()
      .selectFrom("match_alerts")
      .selectAll()
      .where("user_id", "=", user.id)
      .orderBy("id")
      .execute();
  }

  beforeAll(async () => {
    database = await dialect.open();
    search = createPostgresSearchBackend(database.db, LISTING_INDEXES);
    await search.ensureIndexes(LISTING_INDEXES);
    const bureau = await createOrganization(db(), { kind: "bureau", regionCode: "130900" });
    const university = await createOrganization(db(), { kind: "university" });
    const enterprise = await createOrganization(db(), { kind: "enterprise" });
    const otherEnterprise = await createOrganization(db(), { kind: "enterprise" });
    staff = await createUser(db(), bureau.id, "bureau_staff");
    officer = await createUser(db(), university.id, "institution_member");
    // A member of the university's own organization who posts demands (to test "own organization").
    universityEngineer = await createUser(db(), university.id, "enterprise_member");
    immediate = await createUser(db(), enterprise.id, "enterprise_member");
    daily = await createUser(db(), enterprise.id, "enterprise_member");
    off = await createUser(db(), enterprise.id, "enterprise_member");
    otherEngineer = await createUser(db(), otherEnterprise.id, "enterprise_member");
    await setMatchAlertFrequency(db(), { userId: daily.id, frequency: "daily", ip: null });
    await setMatchAlertFrequency(db(), { userId: off.id, frequency: "off", ip: null });

    laserDemandId = await createDemand(db(), immediate, laserDemand);
    await publish("demands", laserDemandId, immediate);
    ownDemandId = await createDemand(db(), universityEngineer, laserDemand);
    await publish("demands", ownDemandId, universityEngineer);
    dustDemandId = await createDemand(db(), otherEngineer, demandInput());
    await publish("demands", dustDemandId, otherEngineer);
    // The demands' own queue rows: nothing published to match them yet.
    await processMatchAlertQueue(db(), search);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("queues a listing in the approval transaction, once per publication", async () => {
    const rows = await db()
      .selectFrom("match_alert_queue")
      .select(["listing_kind", "listing_id", "processed_at"])
      .orderBy("id")
      .execute();
    expect(rows.map((r) => [r.listing_kind, r.listing_id])).toEqual([
      ["demands", laserDemandId],
      ["demands", ownDemandId],
      ["demands", dustDemandId],
    ]);
    expect(rows.every((r) => r.processed_at !== null)).toBe(true);
    expect(await db().selectFrom("match_alerts").select("id").execute()).toEqual([]);
  });

  it("alerts immediate users at once, records daily ones for the digest, skips 'off' and the own organization", async () => {
    const resultId = await createResult(db(), officer, resultInput());
    await publish("results", resultId, officer);

    const matches = await matchDemandsForResult(db(), search, resultId, { limit: 50 });
    const laser = matches.find((m) => m.id === laserDemandId);
    expect(laser?.score, "the laser demand should match well").toBeGreaterThanOrEqual(
      MATCH_ALERT_THRESHOLD,
    );
    const dust = matches.find((m) => m.id === dustDemandId);
    expect(dust?.score ?? 0, "the dust demand should not reach the threshold").toBeLessThan(
      MATCH_ALERT_THRESHOLD,
    );

    const run = await processMatchAlertQueue(db(), search);
    expect(run).toMatchObject({ processed: 1, failed: 0, alerts: 2, notified: 1 });

    const [note, ...more] = await notificationsOf(immediate);
    expect(more).toEqual([]);
    expect(note).toMatchObject({
      kind: "match.alert",
      link: `/my/demands/${laserDemandId}#matches`,
    });
    expect(note!.title).toContain("高温合金叶片激光熔覆修复技术");
    expect(note!.body).toContain(`匹配度 ${laser!.score}`);
    const email = await db()
      .selectFrom("email_outbox")
      .select("to_address")
      .where("to_address", "=", `${immediate.id}@factory.test`)
      .execute();
    expect(email).toHaveLength(1);

    expect(await notificationsOf(daily)).toEqual([]);
    expect(await alertsOf(daily)).toMatchObject([
      { demand_id: laserDemandId, result_id: resultId, frequency: "daily", notified_at: null },
    ]);
    expect(await alertsOf(off)).toEqual([]);
    expect(await notificationsOf(off)).toEqual([]);
    // Same text as the laser demand, but the publishing university's own.
    expect(await alertsOf(universityEngineer)).toEqual([]);
    expect(await notificationsOf(universityEngineer)).toEqual([]);
    expect(await notificationsOf(officer)).toEqual([]);
    // Below the threshold.
    expect(await alertsOf(otherEngineer)).toEqual([]);
  });

  it("never announces a pair twice: a re-publication (approved edit) and a second run add nothing", async () => {
    const { id: resultId } = await db()
      .selectFrom("results")
      .select("id")
      .where("status", "=", "published")
      .executeTakeFirstOrThrow();
    await updateListing(
      db(),
      "results",
      resultId,
      officer,
      resultInput({ summary: "修订后的简介：激光熔覆修复高温合金叶片。" }),
    );
    await approveListing(db(), "results", resultId, staff);
    const run = await processMatchAlertQueue(db(), search);
    expect(run).toMatchObject({ processed: 1, alerts: 0, notified: 0 });
    expect(await processMatchAlertQueue(db(), search)).toMatchObject({ processed: 0 });
    expect(await notificationsOf(immediate)).toHaveLength(1);
    expect(await alertsOf(daily)).toHaveLength(1);
  });

  it("respects the threshold it is given", async () => {
    const resultId = await createResult(
      db(),
      officer,
      resultInput({ title: "叶片激光熔覆再制造成套工艺", keywords: ["激光熔覆", "再制造"] }),
    );
    await publish("results", resultId, officer);
    const matches = await matchDemandsForResult(db(), search, resultId, { limit: 50 });
    const score = matches.find((m) => m.id === laserDemandId)?.score ?? 0;
    expect(score).toBeGreaterThan(0);
    // Just above the score: nothing.
    expect(await processMatchAlertQueue(db(), search, { threshold: score + 1 })).toMatchObject({
      processed: 1,
      alerts: 0,
    });
    expect(await alertsOf(daily)).toHaveLength(1);
    // At the score (an approved edit publishes the listing again): alerted.
    await updateListing(
      db(),
      "results",
      resultId,
      officer,
      resultInput({ title: "叶片激光熔覆再制造成套工艺", keywords: ["激光熔覆", "再制造"] }),
    );
    await approveListing(db(), "results", resultId, staff);
    expect(await processMatchAlertQueue(db(), search, { threshold: score })).toMatchObject({
      processed: 1,
      alerts: 2,
      notified: 1,
    });
    expect(await alertsOf(daily)).toHaveLength(2);
  });

  it("sends one daily digest per day from 08:00 Beijing time, with every pending alert", async () => {
    const day = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
    expect(await sendDailyDigests(db(), { now: at("07:59") })).toBe(0);
    expect(await notificationsOf(daily)).toEqual([]);

    expect(await sendDailyDigests(db(), { now: at("08:00") })).toBe(1);
    const [digest, ...more] = await notificationsOf(daily);
    expect(more).toEqual([]);
    expect(digest).toMatchObject({
      kind: "match.alert",
      title: "今日新匹配：2 条",
      link: `/my/demands/${laserDemandId}#matches`,
    });
    expect(digest!.body.split("\n")).toHaveLength(2);
    const alerts = await alertsOf(daily);
    expect(alerts.every((a) => a.notified_at !== null && a.digest_date === day)).toBe(true);

    // Later the same day, even with a new pending alert: no second digest.
    await db()
      .updateTable("match_alerts")
      .set({ notified_at: null, digest_date: null })
      .where("id", "=", alerts[0]!.id)
      .execute();
    expect(await sendDailyDigests(db(), { now: at("18:00") })).toBe(0);
    expect(await notificationsOf(daily)).toHaveLength(1);
    // The next day it goes out.
    const next = new Date(at("09:00").getTime() + 24 * 3600 * 1000);
    expect(await sendDailyDigests(db(), { now: next })).toBe(1);
    expect(await notificationsOf(daily)).toHaveLength(2);
    // Immediate users have nothing pending: no digest for them.
    expect(await notificationsOf(immediate)).toHaveLength(2);
  });

  it("keeps a queue row whose matching failed (search down) and finishes it on a later run", async () => {
    const before = (await alertsOf(immediate)).length;
    const resultId = await createResult(
      db(),
      officer,
      resultInput({ title: "压缩机叶片激光熔覆强化修复", keywords: ["激光熔覆", "压缩机叶片"] }),
    );
    await publish("results", resultId, officer);
    // The search service is unreachable for this run (as Meilisearch can be).
    const down: SearchBackend = {
      ...search,
      search: () => Promise.reject(new Error("search backend unreachable")),
    };
    const logged: string[] = [];
    const failed = await processMatchAlertQueue(db(), down, { log: (m) => logged.push(m) });
    expect(failed).toMatchObject({ processed: 0, failed: 1, alerts: 0 });
    expect(logged.join("\n")).toContain("search backend unreachable");
    const row = await db()
      .selectFrom("match_alert_queue")
      .selectAll()
      .where("listing_kind", "=", "results")
      .where("listing_id", "=", resultId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ processed_at: null, attempts: 1 });
    expect(row.last_error).toContain("search backend unreachable");
    expect(row.available_at.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: a run right away leaves it alone.
    expect(await processMatchAlertQueue(db(), search)).toMatchObject({ processed: 0 });
    // Once due again (as after the backoff, or a restart), it is finished.
    await db()
      .updateTable("match_alert_queue")
      .set({ available_at: new Date(Date.now() - 1000) })
      .where("id", "=", row.id)
      .execute();
    const retried = await processMatchAlertQueue(db(), search);
    expect(retried).toMatchObject({ processed: 1, failed: 0 });
    expect((await alertsOf(immediate)).length).toBeGreaterThan(before);
  });

  it("stores the setting and audits the change", async () => {
    await setMatchAlertFrequency(db(), { userId: off.id, frequency: "daily", ip: "203.0.113.9" });
    await setMatchAlertFrequency(db(), { userId: off.id, frequency: "daily", ip: null });
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "after"])
      .where("entity_id", "=", off.id)
      .where("action", "=", "user.update_match_alerts")
      .execute();
    expect(audit).toHaveLength(2); // 'off' in beforeAll, 'daily' now; the no-op is not audited
    const row = await db()
      .selectFrom("users")
      .select("match_alert_frequency")
      .where("id", "=", off.id)
      .executeTakeFirstOrThrow();
    expect(row.match_alert_frequency).toBe("daily");
  });
});

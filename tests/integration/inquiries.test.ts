/**
 * Inquiries 对接 on both dialects: who may start one and about what, the
 * status machine (every allowed and refused transition, deal needs both
 * sides, close needs a reason), visibility (others get not-found), broker
 * messages and notes, audit entries, notifications with unread counts,
 * read markers, and the lists.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import {
  addBrokerNote,
  closeInquiry,
  confirmDeal,
  postMessage,
  startNegotiation,
  withdrawDealConfirmation,
} from "../../app/domain/inquiries/inquiry-actions.server";
import {
  listAllInquiries,
  listOrganizationInquiries,
} from "../../app/domain/inquiries/inquiry-lists.server";
import { inquiryEntryFor } from "../../app/domain/inquiries/inquiry-entry.server";
import { inquiryStartView } from "../../app/domain/inquiries/inquiry-start-view.server";
import { getInquiryView } from "../../app/domain/inquiries/inquiry-view.server";
import { startInquiry } from "../../app/domain/inquiries/start-inquiry.server";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadNotificationCount,
} from "../../app/domain/notifications/notification-list.server";
import { testDialects } from "../support/databases";
import { createOrganization, createUser } from "../support/factories";
import {
  type InquiryWorld,
  inquiryWorld,
  publishedDemand,
  publishedResult,
} from "../support/inquiry-fixtures";

const code = (c: string): unknown => expect.objectContaining({ code: c }) as unknown;
const anyNumber = expect.any(Number) as unknown;

describe.each(testDialects())("inquiries on $name", (dialect) => {
  let database: Database;
  let w: InquiryWorld;

  beforeAll(async () => {
    database = await dialect.open();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    w = await inquiryWorld(database.db);
  });

  const start = (extra: { resultId?: number; demandId?: number } = {}) =>
    startInquiry(database.db, w.engineer, {
      resultId: w.resultId,
      message: "我们对这项VOCs治理技术很感兴趣，想了解许可条件。",
      ...extra,
    });

  async function auditActions(id: number): Promise<string[]> {
    const rows = await database.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "inquiry")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    return rows.map((r) => r.action);
  }

  async function status(id: number) {
    const row = await database.db
      .selectFrom("inquiries")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    return row;
  }

  describe("starting", () => {
    it("an enterprise member starts one about a result; the university is the counterpart and is notified", async () => {
      const { id } = await start();
      const row = await status(id);
      expect(row).toMatchObject({
        status: "open",
        result_id: w.resultId,
        demand_id: null,
        initiator_organization_id: w.enterprise.id,
        counterpart_organization_id: w.university.id,
        initiated_by: w.engineer.id,
      });
      expect(await auditActions(id)).toEqual(["inquiry.start"]);
      expect(await unreadNotificationCount(database.db, w.officer.id)).toBe(1);
      expect(await unreadNotificationCount(database.db, w.engineer.id)).toBe(0);
      // The initiator's colleague hears nothing: the notice goes to the other side.
      expect(await unreadNotificationCount(database.db, w.engineer2.id)).toBe(0);
      const mails = await database.db
        .selectFrom("email_outbox")
        .innerJoin("users", "users.email", "email_outbox.to_address")
        .select("users.id")
        .execute();
      expect(mails.map((m) => m.id)).toEqual([w.officer.id]);
      const view = await getInquiryView(database.db, id, w.officer);
      expect(view.messages).toHaveLength(1);
      expect(view.messages[0]).toMatchObject({ from: "initiator", mine: false });
    });

    it("an institution member starts one about a demand, and a match carries both ids", async () => {
      const { id } = await startInquiry(database.db, w.officer, {
        demandId: w.demandId,
        resultId: w.resultId,
        message: "我校成果可解决贵公司的有机废气问题。",
      });
      expect(await status(id)).toMatchObject({
        result_id: w.resultId,
        demand_id: w.demandId,
        initiator_organization_id: w.university.id,
        counterpart_organization_id: w.enterprise.id,
      });
      expect(await unreadNotificationCount(database.db, w.engineer.id)).toBe(1);
      expect(await unreadNotificationCount(database.db, w.engineer2.id)).toBe(1);
    });

    it("refuses a second active inquiry for the same pair, naming the existing one, in either direction", async () => {
      const { id } = await start({ demandId: w.demandId });
      await expect(start({ demandId: w.demandId })).rejects.toMatchObject({
        code: "inquiry_exists",
        existingId: id,
      });
      await expect(
        startInquiry(database.db, w.officer, {
          resultId: w.resultId,
          demandId: w.demandId,
          message: "反向再发起一次",
        }),
      ).rejects.toMatchObject({ code: "inquiry_exists", existingId: id });
      // A different pair (without the demand) is another inquiry.
      await expect(start()).resolves.toMatchObject({ id: anyNumber });
      // Once closed, a new one may start.
      await closeInquiry(database.db, w.engineer, id, { reason: "need_changed" });
      await expect(start({ demandId: w.demandId })).resolves.toMatchObject({
        id: anyNumber,
      });
    });

    it("refuses unpublished listings, own listings, the wrong side and unverified organizations", async () => {
      const draft = await publishedResult(database.db, w.university.id, { status: "draft" });
      await expect(start({ resultId: draft })).rejects.toEqual(code("result_not_found"));
      await expect(start({ resultId: 99_999_999 })).rejects.toEqual(code("result_not_found"));
      await expect(
        startInquiry(database.db, w.engineer, { resultId: w.resultId, message: "   " }),
      ).rejects.toEqual(code("invalid_message"));
      const draftDemand = await publishedDemand(database.db, w.enterprise.id, { status: "draft" });
      await expect(start({ demandId: draftDemand })).rejects.toEqual(code("listing_not_published"));
      const othersDemand = await publishedDemand(database.db, w.other.id);
      await expect(start({ demandId: othersDemand })).rejects.toEqual(code("not_own_listing"));
      // An institution about its own result; an enterprise without a result.
      await expect(
        startInquiry(database.db, w.officer, {
          demandId: w.demandId,
          resultId: w.resultId,
          message: "x",
        }),
      ).resolves.toBeTruthy();
      const ownDemandOtherOrg = await publishedDemand(database.db, w.university.id);
      await expect(
        startInquiry(database.db, w.officer, { demandId: ownDemandOtherOrg, message: "x" }),
      ).rejects.toEqual(code("own_listing"));
      await expect(
        startInquiry(database.db, w.engineer, { demandId: w.demandId, message: "x" }),
      ).rejects.toEqual(code("inquiry_subject_missing"));
      await expect(
        startInquiry(database.db, w.staff, { resultId: w.resultId, message: "x" }),
      ).rejects.toEqual(code("forbidden"));
      const pending = await createOrganization(database.db, {
        kind: "enterprise",
        verification: "pending",
      });
      const newcomer = await createUser(database.db, pending.id, "enterprise_member");
      await expect(
        startInquiry(database.db, newcomer, { resultId: w.resultId, message: "x" }),
      ).rejects.toEqual(code("organization_not_verified"));
      const made = await database.db
        .selectFrom("inquiries")
        .select("id")
        .where("counterpart_organization_id", "in", [w.university.id, w.enterprise.id])
        .execute();
      expect(made).toHaveLength(1);
    });

    it("the start page view shows the listings, attachable own listings and an existing inquiry", async () => {
      const view = await inquiryStartView(database.db, w.engineer, { resultId: w.resultId });
      expect(view.other).toMatchObject({ kind: "results", id: w.resultId });
      expect(view.ownField).toBe("demandId");
      expect(view.ownOptions.map((o) => o.id)).toEqual([w.demandId]);
      expect(view.existingInquiryId).toBeNull();
      const { id } = await start();
      const again = await inquiryStartView(database.db, w.engineer, { resultId: w.resultId });
      expect(again.existingInquiryId).toBe(id);
      expect(
        await inquiryEntryFor(database.db, w.engineer, "results", w.resultId, w.university.id),
      ).toEqual({ kind: "open", href: `/inquiries/${id}` });
      expect(
        await inquiryEntryFor(database.db, w.outsider, "results", w.resultId, w.university.id),
      ).toEqual({ kind: "start", href: `/inquiries/new?resultId=${w.resultId}` });
      expect(
        await inquiryEntryFor(database.db, null, "results", w.resultId, w.university.id),
      ).toEqual({
        kind: "login",
        href: `/login?redirectTo=%2Finquiries%2Fnew%3FresultId%3D${w.resultId}`,
      });
      expect(
        (await inquiryEntryFor(database.db, w.officer, "results", w.resultId, w.university.id))
          .kind,
      ).toBe("none");
    });
  });

  describe("the status machine", () => {
    it("the counterpart's first reply moves open to negotiating; the initiator's does not", async () => {
      const { id } = await start();
      await postMessage(database.db, w.engineer, id, "补充：年处理风量约4万立方米每小时。");
      expect((await status(id)).status).toBe("open");
      const reply = await postMessage(database.db, w.officer, id, "可以，欢迎来校交流。");
      expect(reply.status).toBe("negotiating");
      expect(await auditActions(id)).toEqual(["inquiry.start", "inquiry.negotiate"]);
      await postMessage(database.db, w.officer, id, "附上技术资料。");
      expect(await auditActions(id)).toHaveLength(2);
    });

    it("either side may move open to negotiating explicitly, once", async () => {
      const { id } = await start();
      await expect(startNegotiation(database.db, w.staff, id)).rejects.toEqual(
        code("broker_not_a_side"),
      );
      await startNegotiation(database.db, w.engineer, id);
      expect((await status(id)).status).toBe("negotiating");
      await expect(startNegotiation(database.db, w.officer, id)).rejects.toEqual(
        code("invalid_transition"),
      );
    });

    it("a deal needs both sides' confirmation; the first is visible to the other side", async () => {
      const { id } = await start();
      await expect(confirmDeal(database.db, w.engineer, id)).rejects.toEqual(
        code("not_negotiating"),
      );
      await postMessage(database.db, w.officer, id, "欢迎洽谈。");
      await confirmDeal(database.db, w.engineer, id);
      let row = await status(id);
      expect(row.status).toBe("negotiating");
      expect(row.initiator_confirmed_by).toBe(w.engineer.id);
      expect(row.counterpart_confirmed_at).toBeNull();
      // A colleague of the same side cannot confirm a second time.
      await expect(confirmDeal(database.db, w.engineer2, id)).rejects.toEqual(
        code("already_confirmed"),
      );
      await expect(confirmDeal(database.db, w.staff, id)).rejects.toEqual(
        code("broker_not_a_side"),
      );
      const officerView = await getInquiryView(database.db, id, w.officer);
      expect(officerView.initiator.confirmedAt).not.toBeNull();
      expect(officerView.can).toMatchObject({ confirmDeal: true, withdrawConfirmation: false });
      const engineerView = await getInquiryView(database.db, id, w.engineer);
      expect(engineerView.can).toMatchObject({ confirmDeal: false, withdrawConfirmation: true });

      await confirmDeal(database.db, w.officer, id);
      row = await status(id);
      expect(row.status).toBe("deal");
      expect(row.deal_at).not.toBeNull();
      expect(row.counterpart_confirmed_by).toBe(w.officer.id);
      expect(await auditActions(id)).toEqual([
        "inquiry.start",
        "inquiry.negotiate",
        "inquiry.confirm_deal",
        "inquiry.deal",
      ]);
      // Nothing leaves deal.
      await expect(
        closeInquiry(database.db, w.engineer, id, { reason: "other", note: "反悔" }),
      ).rejects.toEqual(code("invalid_transition"));
      await expect(startNegotiation(database.db, w.engineer, id)).rejects.toEqual(
        code("invalid_transition"),
      );
      await expect(withdrawDealConfirmation(database.db, w.engineer, id)).rejects.toEqual(
        code("invalid_transition"),
      );
      await expect(confirmDeal(database.db, w.officer, id)).rejects.toEqual(
        code("invalid_transition"),
      );
      // Follow-up messages after the deal are still possible.
      await expect(
        postMessage(database.db, w.engineer, id, "合同文本已发送。"),
      ).resolves.toMatchObject({
        status: "deal",
      });
    });

    it("a side may withdraw its confirmation before the other confirms", async () => {
      const { id } = await start();
      await startNegotiation(database.db, w.officer, id);
      await expect(withdrawDealConfirmation(database.db, w.officer, id)).rejects.toEqual(
        code("not_confirmed"),
      );
      await confirmDeal(database.db, w.officer, id);
      await withdrawDealConfirmation(database.db, w.officer, id);
      await confirmDeal(database.db, w.engineer, id);
      expect((await status(id)).status).toBe("negotiating");
      expect(await auditActions(id)).toContain("inquiry.withdraw_confirmation");
    });

    it("closing needs a reason (and a note for 其他) and is final", async () => {
      const { id } = await start();
      await expect(
        closeInquiry(database.db, w.engineer, id, { reason: "nonsense" as "other" }),
      ).rejects.toEqual(code("invalid_reason"));
      await expect(
        closeInquiry(database.db, w.engineer, id, { reason: "other", note: "  " }),
      ).rejects.toEqual(code("note_required"));
      await expect(
        closeInquiry(database.db, w.staff, id, { reason: "tech_mismatch" }),
      ).rejects.toEqual(code("broker_not_a_side"));
      await closeInquiry(database.db, w.officer, id, {
        reason: "tech_mismatch",
        note: "工况不适用",
      });
      const row = await status(id);
      expect(row).toMatchObject({
        status: "closed",
        close_reason: "tech_mismatch",
        close_note: "工况不适用",
      });
      expect(row.closed_at).not.toBeNull();
      await expect(
        closeInquiry(database.db, w.engineer, id, { reason: "other", note: "再关" }),
      ).rejects.toEqual(code("invalid_transition"));
      await expect(postMessage(database.db, w.engineer, id, "还在吗？")).rejects.toEqual(
        code("invalid_transition"),
      );
      await expect(confirmDeal(database.db, w.engineer, id)).rejects.toEqual(
        code("invalid_transition"),
      );
      await expect(startNegotiation(database.db, w.engineer, id)).rejects.toEqual(
        code("invalid_transition"),
      );
      const notices = await listNotifications(database.db, w.engineer.id);
      expect(notices.items[0]).toMatchObject({
        kind: "inquiry.status",
        body: "原因：技术不匹配（工况不适用）",
      });
    });

    it("a negotiating inquiry may be closed too", async () => {
      const { id } = await start();
      await startNegotiation(database.db, w.engineer, id);
      await closeInquiry(database.db, w.engineer, id, { reason: "price_mismatch" });
      expect((await status(id)).status).toBe("closed");
    });
  });

  describe("visibility and the broker", () => {
    it("nobody but the two organizations and bureau staff sees or acts in an inquiry", async () => {
      const { id } = await start();
      for (const stranger of [w.outsider, w.admin]) {
        await expect(getInquiryView(database.db, id, stranger)).rejects.toEqual(
          code("inquiry_not_found"),
        );
        await expect(postMessage(database.db, stranger, id, "路过")).rejects.toEqual(
          code("inquiry_not_found"),
        );
        await expect(startNegotiation(database.db, stranger, id)).rejects.toEqual(
          code("inquiry_not_found"),
        );
        await expect(confirmDeal(database.db, stranger, id)).rejects.toEqual(
          code("inquiry_not_found"),
        );
        await expect(
          closeInquiry(database.db, stranger, id, { reason: "tech_mismatch" }),
        ).rejects.toEqual(code("inquiry_not_found"));
      }
      const outsiderList = await listOrganizationInquiries(database.db, w.outsider);
      expect(outsiderList.items).toEqual([]);
      await expect(getInquiryView(database.db, id, w.engineer2)).resolves.toMatchObject({
        viewerRole: "initiator",
      });
      await expect(getInquiryView(database.db, id, w.staff)).resolves.toMatchObject({
        viewerRole: "broker",
      });
    });

    it("bureau staff post as broker (both sides notified) and keep notes only staff see", async () => {
      const { id } = await start();
      await markAllNotificationsRead(database.db, w.officer.id);
      await postMessage(database.db, w.staff, id, "科技局可协助组织现场对接会。");
      expect((await status(id)).status).toBe("open");
      expect(await unreadNotificationCount(database.db, w.engineer.id)).toBe(1);
      expect(await unreadNotificationCount(database.db, w.officer.id)).toBe(1);
      await addBrokerNote(database.db, w.staff, id, "企业预算偏紧，建议许可方式。");
      await expect(addBrokerNote(database.db, w.engineer, id, "我也想写备注")).rejects.toEqual(
        code("forbidden"),
      );
      const staffView = await getInquiryView(database.db, id, w.staff);
      expect(staffView.brokerNotes.map((n) => n.body)).toEqual(["企业预算偏紧，建议许可方式。"]);
      expect(staffView.messages.at(-1)).toMatchObject({
        from: "broker",
        organizationName: "科技局",
      });
      const sideView = await getInquiryView(database.db, id, w.officer);
      expect(sideView.brokerNotes).toEqual([]);
      expect(sideView.can.note).toBe(false);
      const all = await listAllInquiries(database.db, w.staff, {});
      expect(all.items.find((i) => i.id === id)).toMatchObject({ brokerNotes: 1 });
      await expect(listAllInquiries(database.db, w.engineer, {})).rejects.toEqual(
        code("forbidden"),
      );
    });
  });

  describe("unread markers and notifications", () => {
    it("marks an inquiry unread for the other side until they open it, and opening reads its notifications", async () => {
      const { id } = await start();
      let officerList = await listOrganizationInquiries(database.db, w.officer);
      expect(officerList.items.find((i) => i.id === id)?.unread).toBe(true);
      const engineerList = await listOrganizationInquiries(database.db, w.engineer);
      expect(engineerList.items.find((i) => i.id === id)?.unread).toBe(false);
      expect(await unreadNotificationCount(database.db, w.officer.id)).toBe(1);
      await getInquiryView(database.db, id, w.officer);
      officerList = await listOrganizationInquiries(database.db, w.officer);
      expect(officerList.items.find((i) => i.id === id)?.unread).toBe(false);
      expect(await unreadNotificationCount(database.db, w.officer.id)).toBe(0);
      await postMessage(database.db, w.engineer, id, "再补充一点。");
      officerList = await listOrganizationInquiries(database.db, w.officer);
      expect(officerList.items.find((i) => i.id === id)?.unread).toBe(true);
    });

    it("marks one or all notifications read, only the user's own", async () => {
      const { id } = await start();
      await postMessage(database.db, w.engineer, id, "第二条");
      const { items, unread } = await listNotifications(database.db, w.officer.id);
      expect(unread).toBe(2);
      expect(items[0]).toMatchObject({
        kind: "inquiry.message",
        link: `/inquiries/${id}`,
        read: false,
      });
      expect(await markNotificationRead(database.db, w.outsider.id, items[0]!.id)).toBeNull();
      expect(await markNotificationRead(database.db, w.officer.id, items[0]!.id)).toEqual({
        link: `/inquiries/${id}`,
      });
      expect(await unreadNotificationCount(database.db, w.officer.id)).toBe(1);
      expect(await markAllNotificationsRead(database.db, w.officer.id)).toBe(1);
      expect(await unreadNotificationCount(database.db, w.officer.id)).toBe(0);
    });

    it("lists count the pipeline per status and filter by county and field", async () => {
      const a = await start();
      const b = await start({ demandId: w.demandId });
      await closeInquiry(database.db, w.engineer, b.id, { reason: "need_changed" });
      const mine = await listOrganizationInquiries(database.db, w.engineer);
      expect(mine.counts).toMatchObject({ open: 1, closed: 1 });
      expect(
        (await listOrganizationInquiries(database.db, w.engineer, { status: "closed" })).items.map(
          (i) => i.id,
        ),
      ).toEqual([b.id]);
      const bureau = await listAllInquiries(database.db, w.staff, { countyCode: "130903" });
      expect(bureau.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect(bureau.items[0]?.countyName).toBeTruthy();
      expect(
        (await listAllInquiries(database.db, w.staff, { countyCode: "130981" })).items.map(
          (i) => i.id,
        ),
      ).not.toContain(a.id);
      expect(
        (await listAllInquiries(database.db, w.staff, { techField: "agriculture" })).items.map(
          (i) => i.id,
        ),
      ).not.toContain(a.id);
      expect(
        (
          await listAllInquiries(database.db, w.staff, { techField: "environmental_protection" })
        ).items.map((i) => i.id),
      ).toContain(a.id);
    });
  });

  it("concurrent starts of the same inquiry make one and refuse the other", async () => {
    const attempts = await Promise.allSettled([start(), start(), start()]);
    const made = attempts.filter((a) => a.status === "fulfilled");
    expect(made).toHaveLength(1);
    for (const a of attempts) {
      if (a.status === "rejected") expect(a.reason).toMatchObject({ code: "inquiry_exists" });
    }
  });
});

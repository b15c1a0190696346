/**
 * Technology contract registration (issue #6 items 2–4) on every dialect:
 * gap-free numbers under concurrency, refusal and rollback consuming no
 * number, deadlines in working days, transitions, amendments, absorption.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { recordAbsorption } from "../../app/domain/contracts/absorption.server";
import {
  amendContract,
  listAmendments,
} from "../../app/domain/contracts/contract-amendment.server";
import { getContract } from "../../app/domain/contracts/contract-rows.server";
import {
  cancelContract,
  refuseContract,
  registerContract,
  revokeContract,
  submitContract,
} from "../../app/domain/contracts/contract-workflow.server";
import {
  contractQueueSummary,
  listContracts,
} from "../../app/domain/contracts/contract-list.server";
import { dealPrefill } from "../../app/domain/contracts/deal-prefill.server";
import { parseContractFields } from "../../app/domain/contracts/contract-input";
import { regionMap } from "../../app/domain/regions/regions.server";
import { fictionalUscc } from "../../app/domain/organizations/uscc";
import {
  createStation,
  ensureDefaultStation,
  listStations,
  renameStation,
  setStationActive,
} from "../../app/domain/contracts/stations.server";
import { ConflictError, ForbiddenError, ValidationError } from "../../app/domain/errors";
import { inTransaction } from "../../app/domain/in-transaction.server";
import { testDialects } from "../support/databases";
import {
  type TestUser,
  createOrganization,
  createUser,
  demandInput,
  resultInput,
} from "../support/factories";
import { createDemand, createResult } from "../../app/domain/listings/listing-workflow.server";
import { contractFields, createRegistrar } from "../support/contract-factories";

/** 2026-06-15 10:00 in Shanghai. */
const JUNE = new Date("2026-06-15T02:00:00Z");

describe.each(testDialects())("contracts on $name", (dialect) => {
  let database: Database;
  let staff: TestUser;

  beforeAll(async () => {
    database = await dialect.open();
    await ensureDefaultStation(database.db);
    staff = await createRegistrar(database.db);
  }, 60_000);

  afterAll(async () => {
    await database?.close();
  });

  const decision = {
    techTransactionAmountFen: 10_000_000,
    contractType: "development",
    contractSubtype: "commissioned",
  } as const;

  /** Sequences issued so far for station 01 in 2026. */
  async function lastSequence(): Promise<number> {
    const row = await database.db
      .selectFrom("registration_sequences")
      .select("last_sequence")
      .where("year", "=", 2026)
      .executeTakeFirst();
    return row?.last_sequence ?? 0;
  }

  it("issues 50 concurrent registrations without duplicates or gaps; refusal and rollback consume none", async () => {
    const db = database.db;
    const ids: number[] = [];
    for (let i = 0; i < 52; i++)
      ids.push(await submitContract(db, contractFields(), staff, { now: JUNE }));
    const refusedId = ids.pop()!;
    const rolledBackId = ids.pop()!;

    // A refusal between registrations consumes no number.
    await refuseContract(db, refusedId, { reason: "misnamed", note: "实为设备采购" }, staff);
    // A registration whose transaction rolls back returns its number.
    await expect(
      inTransaction(db, async (trx) => {
        await registerContract(trx, rolledBackId, decision, staff, { now: JUNE });
        throw new Error("rolled back on purpose");
      }),
    ).rejects.toThrow("rolled back on purpose");
    expect(await lastSequence()).toBe(0);
    expect((await getContract(db, rolledBackId)).status).toBe("submitted");

    // On the server the pool runs these concurrently; PGlite has one connection and queues them.
    const registered = await Promise.all(
      ids.map((id) => registerContract(db, id, decision, staff, { now: JUNE })),
    );
    const numbers = registered.map((c) => c.registrationNumber!).sort();
    expect(new Set(numbers).size).toBe(50);
    expect(numbers).toEqual(
      Array.from({ length: 50 }, (_, i) => `2026130901${String(i + 1).padStart(6, "0")}`),
    );
    expect(await lastSequence()).toBe(50);
    expect(registered.every((c) => c.registeredOn === "2026-06-15")).toBe(true);

    // The rolled-back one, registered now, gets the next number.
    const late = await registerContract(db, rolledBackId, decision, staff, { now: JUNE });
    expect(late.registrationNumber).toBe("2026130901000051");
    expect((await getContract(db, refusedId)).registrationNumber).toBeNull();
  }, 120_000);

  it("computes the deadline in working days: 15, or 30 from 500万元 of 技术交易额, skipping holidays", async () => {
    const db = database.db;
    // Accepted Thursday 2026-09-24 (Shanghai); 中秋 9-25..27 and 国庆 10-1..7 are off, Saturday 10-10 is worked.
    const accepted = new Date("2026-09-24T03:00:00Z");
    const small = await submitContract(
      db,
      contractFields({ contractAmountFen: 600_000_000, techTransactionAmountFen: 499_999_999 }),
      staff,
      { now: accepted },
    );
    const large = await submitContract(
      db,
      contractFields({ contractAmountFen: 600_000_000, techTransactionAmountFen: 500_000_000 }),
      staff,
      { now: accepted },
    );
    expect((await getContract(db, small)).dueOn).toBe("2026-10-22");
    expect((await getContract(db, large)).dueOn).toBe("2026-11-12");
    const stored = await getContract(db, small);
    expect(stored.ruleVersion).toBe("2026");
    expect(stored.acceptedAt).toBe(accepted.toISOString());
  });

  it("allows only the transitions of the workflow, each audited", async () => {
    const db = database.db;
    const id = await submitContract(db, contractFields(), staff, { now: JUNE });
    await expect(cancelContract(db, id, "双方解除", staff)).rejects.toBeInstanceOf(ConflictError);
    await expect(
      refuseContract(db, id, { reason: "other", note: " " }, staff),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      registerContract(db, id, { ...decision, techTransactionAmountFen: 12_345_679 }, staff),
    ).rejects.toMatchObject({ code: "tech_amount_too_high" });
    await expect(
      registerContract(db, id, { ...decision, contractSubtype: "patent_right" }, staff),
    ).rejects.toBeInstanceOf(ValidationError);

    const member = await createUser(
      db,
      (await createOrganization(db, { kind: "enterprise" })).id,
      "enterprise_member",
    );
    await expect(registerContract(db, id, decision, member)).rejects.toBeInstanceOf(ForbiddenError);

    const registered = await registerContract(
      db,
      id,
      { techTransactionAmountFen: 9_000_000, contractType: "service", contractSubtype: "service" },
      staff,
    );
    expect(registered).toMatchObject({
      status: "registered",
      techTransactionAmountFen: 9_000_000,
      contractType: "service",
    });
    await expect(refuseContract(db, id, { reason: "misnamed" }, staff)).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(registerContract(db, id, decision, staff)).rejects.toBeInstanceOf(ConflictError);
    await expect(revokeContract(db, id, "", staff)).rejects.toBeInstanceOf(ValidationError);
    const revoked = await revokeContract(db, id, "提供虚假材料", staff);
    expect(revoked).toMatchObject({
      status: "revoked",
      statusNote: "提供虚假材料",
      registrationNumber: registered.registrationNumber,
    });
    await expect(cancelContract(db, id, "再次注销", staff)).rejects.toBeInstanceOf(ConflictError);

    const other = await submitContract(db, contractFields(), staff);
    await registerContract(db, other, decision, staff);
    expect((await cancelContract(db, other, "双方协议解除", staff)).status).toBe("cancelled");

    const refused = await submitContract(db, contractFields(), staff);
    const r = await refuseContract(db, refused, { reason: "other", note: "合同未盖章" }, staff);
    expect(r).toMatchObject({
      status: "refused",
      refusalReason: "other",
      refusalNote: "合同未盖章",
      registrationNumber: null,
    });

    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "contract")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "contract.submit",
      "contract.register",
      "contract.revoke",
    ]);

    // Output contracts need a local seller.
    await expect(
      submitContract(db, contractFields({ sellerRegionCode: "110108" }), staff),
    ).rejects.toMatchObject({
      code: "seller_not_local",
    });
  });

  it("amends registered contracts, keeping history; statistics follow the new values", async () => {
    const db = database.db;
    const id = await submitContract(
      db,
      contractFields({ contractAmountFen: 1_000_000_00, techTransactionAmountFen: 80_000_000 }),
      staff,
    );
    const before = await registerContract(
      db,
      id,
      {
        techTransactionAmountFen: 80_000_000,
        contractType: "development",
        contractSubtype: "commissioned",
      },
      staff,
    );
    const fields = {
      ...before,
      contractAmountFen: 9_999_999_999,
      techTransactionAmountFen: 1,
      techField: "agriculture" as const,
    };
    await expect(
      amendContract(db, id, { fields: before, reason: "无变化" }, staff),
    ).rejects.toMatchObject({ code: "nothing_changed" });
    await expect(amendContract(db, id, { fields, reason: "" }, staff)).rejects.toBeInstanceOf(
      ValidationError,
    );
    const amended = await amendContract(db, id, { fields, reason: "补充协议增加价款" }, staff);
    expect(amended).toMatchObject({
      status: "registered",
      registrationNumber: before.registrationNumber,
      registeredOn: before.registeredOn,
      contractAmountFen: 9_999_999_999,
    });
    const history = await listAmendments(db, id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      reason: "补充协议增加价款",
      before: {
        contractAmountFen: 100_000_000,
        techTransactionAmountFen: 80_000_000,
        techField: "new_materials",
      },
      after: {
        contractAmountFen: 9_999_999_999,
        techTransactionAmountFen: 1,
        techField: "agriculture",
      },
    });
    const sum = await db
      .selectFrom("contracts")
      .select((eb) => eb.fn.sum<string>("contract_amount_fen").as("total"))
      .where("status", "=", "registered")
      .where("tech_field", "=", "agriculture")
      .executeTakeFirstOrThrow();
    expect(Number(sum.total)).toBe(9_999_999_999);

    const submitted = await submitContract(db, contractFields(), staff);
    await expect(
      amendContract(db, submitted, { fields, reason: "尚未登记" }, staff),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("records absorption with its external number, never a local one", async () => {
    const db = database.db;
    const sequenceBefore = await lastSequence();
    const fields = contractFields({
      sellerName: "天津某大学",
      sellerRegionCode: "120104",
      sellerPartyType: "022",
      buyerRegionCode: "130983",
    });
    const id = await recordAbsorption(
      db,
      { fields, externalRegistrationNumber: "2026120104000123", registeredOn: "2026-04-02" },
      staff,
      { now: JUNE },
    );
    const record = await getContract(db, id);
    expect(record).toMatchObject({
      direction: "absorption",
      status: "registered",
      registrationNumber: null,
      externalRegistrationNumber: "2026120104000123",
      registeredOn: "2026-04-02",
      stationId: null,
    });
    expect(await lastSequence()).toBe(sequenceBefore);
    await expect(
      recordAbsorption(
        db,
        { fields, externalRegistrationNumber: " 2026120104000123 ", registeredOn: "2026-04-02" },
        staff,
        { now: JUNE },
      ),
    ).rejects.toMatchObject({ code: "external_number_taken" });
    await expect(
      recordAbsorption(
        db,
        {
          fields: { ...fields, buyerRegionCode: "110108" },
          externalRegistrationNumber: "X-1234",
          registeredOn: "2026-04-02",
        },
        staff,
        { now: JUNE },
      ),
    ).rejects.toMatchObject({ details: { buyerRegionCode: "技术吸纳的买方须在本市" } });
    await expect(registerContract(db, id, decision, staff)).rejects.toBeInstanceOf(ConflictError);
    // Amending keeps it an absorption record without a local number.
    const amended = await amendContract(
      db,
      id,
      { fields: { ...fields, contractAmountFen: 20_000_000 }, reason: "更正金额" },
      staff,
    );
    expect(amended.registrationNumber).toBeNull();
  });

  it("lists contracts by the drill-down filters", async () => {
    const db = database.db;
    const jingjin = await recordAbsorption(
      db,
      {
        fields: contractFields({
          sellerRegionCode: "110108",
          buyerRegionCode: "130981",
          techField: "aerospace",
          contractType: "consulting",
          contractSubtype: "consulting",
        }),
        externalRegistrationNumber: "2026110108009999",
        registeredOn: "2026-03-10",
      },
      staff,
      { now: JUNE },
    );
    const overdueId = await submitContract(
      db,
      contractFields({ contractName: "超期未办的合同 XYZ" }),
      staff,
      { now: new Date("2026-01-05T02:00:00Z") },
    );
    const page = (filters: Parameters<typeof listContracts>[1]) =>
      listContracts(db, filters, { pageSize: 100, today: "2026-06-15" });
    const byJingjin = await page({ page: 1, jingjin: true, year: 2026, month: 3 });
    expect(byJingjin.items.map((c) => c.id)).toEqual([jingjin]);
    expect(byJingjin.contractAmountFen).toBe(12_345_678);
    const inbound = await page({ page: 1, direction: "inbound", field: "aerospace" });
    expect(inbound.items.map((c) => c.id)).toEqual([jingjin]);
    const overdue = await page({ page: 1, overdue: true, q: "XYZ" });
    expect(overdue.items).toMatchObject([{ id: overdueId, overdue: true }]);
    const output = await page({
      page: 1,
      direction: "output",
      buyerCounty: "130981",
      type: "consulting",
    });
    expect(output.total).toBe(0);
    const absorbed = await page({ page: 1, direction: "absorption", buyerCounty: "130981" });
    expect(absorbed.items.map((c) => c.id)).toContain(jingjin);
    expect((await page({ page: 1, q: "100%_" })).total).toBe(0);
    const queue = await contractQueueSummary(db, "2026-06-15");
    expect(queue.overdue).toBe(1);
    expect(queue.submitted).toBeGreaterThan(1);
    expect(queue.oldestSince).toBe("2026-01-05T02:00:00.000Z");
  });

  it("pre-fills the form from a deal and reuses the parser on it", async () => {
    const db = database.db;
    const university = await createOrganization(db, { kind: "university", regionCode: "120104" });
    const enterprise = await createOrganization(db, { kind: "enterprise", regionCode: "130983" });
    const officer = await createUser(db, university.id, "institution_member");
    const engineer = await createUser(db, enterprise.id, "enterprise_member");
    const resultId = await createResult(db, officer, resultInput({ transferModes: ["license"] }));
    const demandId = await createDemand(db, engineer, demandInput());
    const inquiry = await db
      .insertInto("inquiries")
      .values({
        result_id: resultId,
        demand_id: demandId,
        initiator_organization_id: enterprise.id,
        counterpart_organization_id: university.id,
        status: "deal",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const prefill = await dealPrefill(db, inquiry.id);
    expect(prefill.defaults).toMatchObject({
      sellerName: university.name,
      sellerRegionCode: "120104",
      sellerPartyType: "022",
      buyerName: enterprise.name,
      buyerRegionCode: "130983",
      contractType: "license",
      resultId: String(resultId),
      demandId: String(demandId),
      inquiryId: String(inquiry.id),
    });
    const parsed = parseContractFields(
      {
        ...prefill.defaults,
        contractSubtype: "patent_ordinary",
        contractAmount: "100000",
        techTransactionAmount: "100000",
        signedOn: "2026-05-01",
      },
      { regions: await regionMap(db) },
    );
    expect(parsed.errors).toEqual({});
    expect(parsed.value?.inquiryId).toBe(inquiry.id);

    // Recorded as absorption (seller in Tianjin), the parties link to their organizations by USCC.
    const uscc = fictionalUscc("91", "130983", 4242);
    await db.updateTable("organizations").set({ uscc }).where("id", "=", enterprise.id).execute();
    const recordId = await recordAbsorption(
      db,
      {
        fields: { ...parsed.value!, buyerUscc: uscc },
        externalRegistrationNumber: "2026120104004242",
        registeredOn: "2026-05-20",
      },
      staff,
      { now: JUNE },
    );
    expect(await getContract(db, recordId)).toMatchObject({
      buyerOrganizationId: enterprise.id,
      sellerOrganizationId: null,
      inquiryId: inquiry.id,
    });

    await db
      .updateTable("inquiries")
      .set({ status: "negotiating" })
      .where("id", "=", inquiry.id)
      .execute();
    await expect(dealPrefill(db, inquiry.id)).rejects.toMatchObject({ code: "inquiry_not_deal" });
    await expect(dealPrefill(db, 999_999)).rejects.toMatchObject({ code: "inquiry_not_found" });
  });

  it("lets admins add, rename and deactivate stations; codes are unique", async () => {
    const db = database.db;
    const admin = await createUser(
      db,
      (await createOrganization(db, { kind: "bureau" })).id,
      "admin",
    );
    await expect(
      createStation(db, { stationCode: "02", name: "任丘分站", regionCode: "130982" }, staff),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const id = await createStation(
      db,
      { stationCode: "02", name: "任丘分站", regionCode: "130982" },
      admin,
    );
    await expect(
      createStation(db, { stationCode: "02", name: "重复", regionCode: "130982" }, admin),
    ).rejects.toMatchObject({ code: "station_code_taken" });
    await renameStation(db, id, "任丘市技术合同登记分站", admin);
    await setStationActive(db, id, false, admin);
    expect((await listStations(db)).find((s) => s.id === id)).toMatchObject({
      name: "任丘市技术合同登记分站",
      active: false,
    });
    await expect(
      submitContract(db, contractFields(), staff, { stationId: id }),
    ).rejects.toMatchObject({ code: "station_inactive" });
  });
});

/**
 * Seed data on both dialects: the loader fills an empty database, a second
 * run changes nothing, and the data meets the coverage the market needs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/database";
import { getResult, newestResults } from "../../app/domain/listings/results.server";
import { listingCounts } from "../../app/domain/listings/demands.server";
import { isDatabaseEmpty, seedDatabase } from "../../seeds/seed";
import { TECH_FIELDS, MATURITY_STAGES } from "../../app/domain/taxonomy/taxonomy";
import { testDialects } from "../support/databases";

describe.each(testDialects())("seed data on $name", (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await dialect.open();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  });

  it("loads into an empty database and is idempotent", async () => {
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    const first = await seedDatabase(database.db);
    const counts = await listingCounts(database.db);
    expect(counts).toEqual({ results: first.results, demands: first.demands });
    expect(first.organizations).toBeGreaterThanOrEqual(40);
    expect(first.results).toBeGreaterThanOrEqual(200);
    expect(first.demands).toBeGreaterThanOrEqual(100);

    // A listing changed on the site keeps its changes through a re-run.
    const [changed] = await newestResults(database.db, 1);
    await database.db
      .updateTable("results")
      .set({ title: "站内已修改的标题", status: "withdrawn" })
      .where("id", "=", changed!.id)
      .execute();
    await seedDatabase(database.db);
    expect(await listingCounts(database.db)).toEqual({ ...counts, results: counts.results - 1 });
    const after = await database.db
      .selectFrom("results")
      .select(["title", "status"])
      .where("id", "=", changed!.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ title: "站内已修改的标题", status: "withdrawn" });
    await database.db
      .updateTable("results")
      .set({ status: "published" })
      .where("id", "=", changed!.id)
      .execute();
    const docs = await database.db
      .selectFrom("search_documents")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(docs.n)).toBe(counts.results + counts.demands);
  }, 120_000);

  it("covers every technology field and maturity stage", async () => {
    const rows = await database.db
      .selectFrom("results")
      .select(["tech_field", "maturity"])
      .execute();
    expect(new Set(rows.map((r) => r.tech_field))).toEqual(new Set(Object.keys(TECH_FIELDS)));
    expect(new Set(rows.map((r) => r.maturity))).toEqual(new Set(Object.keys(MATURITY_STAGES)));
    const counties = await database.db
      .selectFrom("demands")
      .select("region_code")
      .distinct()
      .execute();
    expect(counties.length).toBeGreaterThanOrEqual(16);
  });

  it("maps rows to domain objects with money in fen and 京津 owners", async () => {
    const newest = await newestResults(database.db, 50);
    expect(newest).toHaveLength(50);
    const result = await getResult(database.db, newest[0]!.id);
    expect(result.organization.name.length).toBeGreaterThan(1);
    expect(result.askingPriceFen === null || Number.isSafeInteger(result.askingPriceFen)).toBe(
      true,
    );
    const fromJingJin = newest.filter((r) => /^(11|12)/.test(r.organization.regionCode));
    expect(fromJingJin.length).toBeGreaterThan(25);
    await expect(getResult(database.db, 99_999_999)).rejects.toMatchObject({
      code: "result_not_found",
    });
  });
});

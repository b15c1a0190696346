/**
 * Inquiry and notification benchmark (`npm run bench:inquiries`) on the
 * PostgreSQL server: the queries every signed-in page or the inquiry pages
 * run, at a market of many organizations.
 *
 * Creates a fresh database `tb_bench_inquiries_<random>` (on
 * TEST_ADMIN_DATABASE_URL's server, or DATABASE_URL's), with BENCH_USERS
 * users (default 5,000) in 2,500 organizations, BENCH_INQUIRIES inquiries
 * (default 20,000) with 5 messages each and BENCH_NOTIFICATIONS
 * notifications (default 500,000, a third unread), then times, over 300
 * random users each:
 * - the header's unread notification count (root loader, every page);
 * - /inquiries: one page of the organization's inquiries with counts per
 *   status and unread markers;
 * - /bureau/inquiries: the unfiltered pipeline and a county filter.
 * Prints p50/p95 in ms and drops the database. Target: header count p95
 * ≤ 5 ms, list pages p95 ≤ 50 ms; exits 1 when missed.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import postgres from "postgres";
import { openDatabase } from "../../db/database";
import { migrateToLatest } from "../../db/migrate";
import {
  listAllInquiries,
  listOrganizationInquiries,
} from "../../app/domain/inquiries/inquiry-lists.server";
import { unreadNotificationCount } from "../../app/domain/notifications/notification-list.server";

const USERS = Number(process.env.BENCH_USERS ?? 5_000);
const INQUIRIES = Number(process.env.BENCH_INQUIRIES ?? 20_000);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 500_000);
const SAMPLES = 300;
const TARGET_COUNT_P95 = 5;
const TARGET_LIST_P95 = 50;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(label: string, runs: (() => Promise<unknown>)[]): Promise<number> {
  const ms: number[] = [];
  for (const run of runs) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  console.log(`${label.padEnd(44)} p50 ${p50.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`);
  return p95;
}

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? base;
  const name = `tb_bench_inquiries_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    const db = database.db;
    await migrateToLatest(db);
    const orgs = Math.max(2, Math.floor(USERS / 2));
    const t0 = performance.now();
    await sql`
      insert into organizations (kind, name, region_code, party_type, intro, verification_status)
      select case when g % 2 = 0 then 'enterprise' else 'university' end, 'org ' || g,
             case when g % 2 = 0 then '130903' else '120104' end, '170', '', 'verified'
      from generate_series(1, ${orgs}) g`.execute(db);
    await sql`
      insert into users (id, email, display_name, password_hash, role, organization_id)
      select 'u' || g, 'u' || g || '@bench.test', 'user ' || g, 'x',
             case when o.kind = 'enterprise' then 'enterprise_member' else 'institution_member' end, o.id
      from generate_series(1, ${USERS}) g
      join organizations o on o.id = (select min(id) from organizations) + (g % ${orgs})`.execute(
      db,
    );
    await sql`
      insert into demands (organization_id, title, description, tech_field, keywords, desired_modes,
                           region_code, status, published_at)
      select o.id, '需求 ' || o.id, '', 'advanced_manufacturing', '{}', '{}', '130903', 'published', now()
      from organizations o where o.kind = 'enterprise'`.execute(db);
    await sql`
      insert into results (organization_id, title, summary, description, tech_field, keywords, maturity,
                           ip_type, patent_numbers, transfer_modes, status, published_at)
      select o.id, '成果 ' || o.id, '', '', 'advanced_manufacturing', '{}', 'pilot', 'none', '{}', '{}',
             'published', now()
      from organizations o where o.kind = 'university'`.execute(db);
    await sql`
      with e as (select id, row_number() over (order by id) - 1 as n from demands),
           u as (select id, organization_id, row_number() over (order by id) - 1 as n from results),
           ec as (select count(*) c from e), uc as (select count(*) c from u)
      insert into inquiries (result_id, demand_id, initiator_organization_id, counterpart_organization_id,
                             status, updated_at)
      select u.id, e.id, d.organization_id, u.organization_id,
             (array['open','negotiating','deal','closed'])[1 + g % 4], now() - g * interval '1 minute'
      from generate_series(1, ${INQUIRIES}) g
      join e on e.n = g % (select c from ec)
      -- the k-th round over the demands shifts the result by k: no pair repeats
      join u on u.n = (g * 7 + g / (select c from ec)) % (select c from uc)
      join demands d on d.id = e.id`.execute(db);
    const inquiryCount = Number(
      (await sql<{ n: string }>`select count(*) n from inquiries`.execute(db)).rows[0]!.n,
    );
    await sql`
      insert into inquiry_messages (inquiry_id, author_organization_id, body)
      select i.id, i.initiator_organization_id, '留言 ' || k
      from inquiries i cross join generate_series(1, 5) k`.execute(db);
    await sql`
      insert into inquiry_reads (inquiry_id, user_id, read_at)
      select i.id, u.id, i.updated_at - interval '1 second' * (i.id % 2)
      from inquiries i join users u on u.organization_id = i.initiator_organization_id`.execute(db);
    await sql`
      insert into notifications (user_id, kind, title, link, read_at, created_at)
      select 'u' || (1 + g % ${USERS}), 'inquiry.message', '通知 ' || g, '/inquiries/1',
             case when g % 3 = 0 then null else now() end, now() - g * interval '1 second'
      from generate_series(1, ${NOTIFICATIONS}) g`.execute(db);
    await sql`analyze`.execute(db);
    console.log(
      `data: ${USERS} users, ${orgs} organizations, ${inquiryCount} inquiries (5 messages each), ` +
        `${NOTIFICATIONS} notifications — loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const users = (
      await sql<{ id: string; role: "enterprise_member"; organization_id: number }>`
        select id, role, organization_id from users order by random() limit ${SAMPLES}`.execute(db)
    ).rows;
    const staff = { id: "bench-staff", role: "bureau_staff" as const, organizationId: 1 };
    const countP95 = await time(
      "header unread notification count",
      users.map((u) => () => unreadNotificationCount(db, u.id)),
    );
    const listP95 = await time(
      "/inquiries (page 1, counts, unread markers)",
      users.map(
        (u) => () =>
          listOrganizationInquiries(db, {
            id: u.id,
            role: u.role,
            organizationId: u.organization_id,
          }),
      ),
    );
    const bureauP95 = await time(
      "/bureau/inquiries (all, page 1 of pipeline)",
      users.slice(0, 100).map(() => () => listAllInquiries(db, staff, {})),
    );
    const countyP95 = await time(
      "/bureau/inquiries?county=130903&status=open",
      users
        .slice(0, 100)
        .map(() => () => listAllInquiries(db, staff, { countyCode: "130903", status: "open" })),
    );
    const failed =
      countP95 > TARGET_COUNT_P95 || Math.max(listP95, bureauP95, countyP95) > TARGET_LIST_P95;
    console.log(
      failed
        ? `MISSED: targets header count p95 ≤ ${TARGET_COUNT_P95} ms, lists p95 ≤ ${TARGET_LIST_P95} ms`
        : `OK: header count p95 ≤ ${TARGET_COUNT_P95} ms, lists p95 ≤ ${TARGET_LIST_P95} ms`,
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await main();

/**
 * Inquiry lists: the own organization's (/inquiries, with unread markers)
 * and the bureau's whole pipeline (/bureau/inquiries, filtered by status,
 * county and 技术领域, with counts per status and broker-note counts).
 *
 * Unread: the inquiry changed (updated_at: a message or status change)
 * after the viewer's read marker, or they never opened it. A user's own
 * actions move their marker, so only others' activity reads as unread.
 * County of an inquiry: its demand's county, else the initiating
 * organization's region (an enterprise asking about a result).
 */
import { type Kysely, sql } from "kysely";
import type { DB, InquiryStatus } from "../../../db/schema";
import { assertCan } from "../accounts/actor";
import { regionMap, regionFullName } from "../regions/regions.server";
import { TECH_FIELDS, labelOf } from "../taxonomy/taxonomy";
import type { InquiryActor } from "./inquiry-access.server";
import { INQUIRY_STATUSES, INQUIRY_STATUS_ORDER } from "./inquiry-labels";

export const INQUIRY_PAGE_SIZE = 20;

export interface InquiryListItem {
  id: number;
  status: InquiryStatus;
  statusLabel: string;
  resultTitle: string | null;
  demandTitle: string | null;
  initiatorName: string;
  counterpartName: string;
  /** The organization on the other side from the viewer's (lists of a member). */
  otherName: string;
  countyName: string;
  techFieldLabel: string;
  updatedAt: string;
  unread: boolean;
  brokerNotes: number;
}

export interface InquiryListPage {
  items: InquiryListItem[];
  total: number;
  page: number;
  /** Count per status under the other filters (pipeline). */
  counts: Record<InquiryStatus, number>;
}

function detailQuery(db: Kysely<DB>) {
  return db
    .selectFrom("inquiries as i")
    .innerJoin("organizations as io", "io.id", "i.initiator_organization_id")
    .innerJoin("organizations as co", "co.id", "i.counterpart_organization_id")
    .leftJoin("results as r", "r.id", "i.result_id")
    .leftJoin("demands as d", "d.id", "i.demand_id");
}

/** Filters apply to `inquiries as i` alone (subqueries, no joins), so counting stays one scan. */
function filterQuery(db: Kysely<DB>) {
  return db.selectFrom("inquiries as i");
}
type Filter = (q: ReturnType<typeof filterQuery>) => ReturnType<typeof filterQuery>;

const countyOf = sql<string>`coalesce(
  (select d.region_code from demands d where d.id = i.demand_id),
  (select o.region_code from organizations o where o.id = i.initiator_organization_id))`;

async function listPage(
  db: Kysely<DB>,
  viewer: InquiryActor,
  where: Filter,
  status: InquiryStatus | undefined,
  page: number,
): Promise<InquiryListPage> {
  const countRows = await where(filterQuery(db))
    .select(["i.status", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("i.status")
    .execute();
  const counts = Object.fromEntries(INQUIRY_STATUS_ORDER.map((s) => [s, 0])) as Record<
    InquiryStatus,
    number
  >;
  for (const c of countRows) counts[c.status] = Number(c.n);
  const total = status ? counts[status] : Object.values(counts).reduce((sum, n) => sum + n, 0);
  let pageQuery = where(filterQuery(db));
  if (status) pageQuery = pageQuery.where("i.status", "=", status);
  const ids = (
    await pageQuery
      .select("i.id")
      .orderBy("i.updated_at", "desc")
      .orderBy("i.id", "desc")
      .limit(INQUIRY_PAGE_SIZE)
      .offset((page - 1) * INQUIRY_PAGE_SIZE)
      .execute()
  ).map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await detailQuery(db)
          .leftJoin("inquiry_reads as ir", (join) =>
            join.onRef("ir.inquiry_id", "=", "i.id").on("ir.user_id", "=", viewer.id),
          )
          .select([
            "i.id",
            "i.status",
            "i.updated_at",
            "i.initiator_organization_id",
            "io.name as initiator_name",
            "co.name as counterpart_name",
            "r.title as result_title",
            "d.title as demand_title",
            "r.tech_field as result_field",
            "d.tech_field as demand_field",
            sql<string>`coalesce(d.region_code, io.region_code)`.as("county_code"),
            sql<boolean>`ir.read_at is null or ir.read_at < i.updated_at`.as("unread"),
            (eb) =>
              eb
                .selectFrom("inquiry_broker_notes as n")
                .select(eb.fn.countAll<string>().as("c"))
                .whereRef("n.inquiry_id", "=", "i.id")
                .as("broker_notes"),
          ])
          .where("i.id", "in", ids)
          .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const regions = await regionMap(db);
  return {
    page,
    total,
    counts,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      statusLabel: INQUIRY_STATUSES[r.status],
      resultTitle: r.result_title,
      demandTitle: r.demand_title,
      initiatorName: r.initiator_name,
      counterpartName: r.counterpart_name,
      otherName:
        r.initiator_organization_id === viewer.organizationId
          ? r.counterpart_name
          : r.initiator_name,
      countyName: regionFullName(regions, r.county_code, false),
      techFieldLabel: labelOf(TECH_FIELDS, r.demand_field ?? r.result_field ?? ""),
      updatedAt: r.updated_at.toISOString(),
      unread: Boolean(r.unread),
      brokerNotes: Number(r.broker_notes ?? 0),
    })),
  };
}

/** The inquiries of the viewer's organization, newest activity first. */
export async function listOrganizationInquiries(
  db: Kysely<DB>,
  viewer: InquiryActor,
  { status, page = 1 }: { status?: InquiryStatus; page?: number } = {},
): Promise<InquiryListPage> {
  assertCan(viewer, "inquiries.participate");
  return listPage(
    db,
    viewer,
    (q) =>
      q.where((eb) =>
        eb.or([
          eb("i.initiator_organization_id", "=", viewer.organizationId),
          eb("i.counterpart_organization_id", "=", viewer.organizationId),
        ]),
      ),
    status,
    page,
  );
}

export interface BureauInquiryFilters {
  status?: InquiryStatus;
  /** GB/T 2260 county code (see the module comment). */
  countyCode?: string;
  /** TECH_FIELDS code, of the result or the demand. */
  techField?: string;
  page?: number;
}

/** Every inquiry for bureau staff (`inquiries.broker`), filtered. */
export async function listAllInquiries(
  db: Kysely<DB>,
  viewer: InquiryActor,
  { status, countyCode, techField, page = 1 }: BureauInquiryFilters = {},
): Promise<InquiryListPage> {
  assertCan(viewer, "inquiries.broker");
  return listPage(
    db,
    viewer,
    (q) => {
      let out = q;
      if (countyCode) out = out.where(countyOf, "=", countyCode);
      if (techField) {
        out = out.where(
          sql<boolean>`(exists (select 1 from results r where r.id = i.result_id and r.tech_field = ${techField})
            or exists (select 1 from demands d where d.id = i.demand_id and d.tech_field = ${techField}))`,
        );
      }
      return out;
    },
    status,
    page,
  );
}

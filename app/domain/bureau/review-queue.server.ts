/**
 * The review queue of bureau staff (待审核): research results and demands
 * that wait for a decision — new submissions (`pending_review`) and edits
 * of published listings (`pending_revision`) — oldest first, with the
 * filters and counts the queue page shows.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { shanghaiDayEnd, shanghaiDayStart } from "../../utils/date-time";
import type { ListingKind } from "../listings/listing-types";
import { type TechField, isCode, TECH_FIELDS } from "../taxonomy/taxonomy";
import type { ReviewType } from "./labels";

export interface ReviewQueueFilters {
  kind?: ListingKind;
  type?: ReviewType;
  techField?: TechField;
  organizationId?: number;
  /** Submitted on or after this day, "YYYY-MM-DD" in Asia/Shanghai. */
  from?: string;
  /** Submitted on or before this day, "YYYY-MM-DD" in Asia/Shanghai. */
  to?: string;
  page: number;
  pageSize: number;
}

export interface ReviewQueueItem {
  kind: ListingKind;
  id: number;
  title: string;
  techField: string;
  status: string;
  type: ReviewType;
  organization: { id: number; name: string; verificationStatus: string };
  /** When the submission (or the edit) was sent for review, ISO. */
  submittedAt: string;
  submittedBy: string | null;
}

export interface ReviewQueue {
  items: ReviewQueueItem[];
  /** Items matching every filter. */
  total: number;
  /** Per kind, under every other filter. */
  kindCounts: Record<ListingKind, number>;
  /** Per review type, under every other filter. */
  typeCounts: Record<ReviewType, number>;
  /** Per 技术领域, under every other filter. */
  techFieldCounts: Record<string, number>;
  /** Organizations with items in the queue (for the filter), under the kind filter only. */
  organizations: { id: number; name: string; count: number }[];
}

type QueueFilterSet = Omit<ReviewQueueFilters, "page" | "pageSize">;

function part(db: Kysely<DB>, kind: ListingKind) {
  // Results and demands share the review columns; one branch per table.
  const table = kind;
  return db
    .selectFrom(`${table} as l` as "results as l")
    .innerJoin("organizations as o", "o.id", "l.organization_id")
    .leftJoin("users as u", "u.id", "l.created_by")
    .where((eb) =>
      eb.or([eb("l.status", "=", "pending_review"), eb("l.pending_revision", "is not", null)]),
    )
    .select([
      sql<ListingKind>`${kind}::text`.as("kind"),
      "l.id",
      "l.title",
      "l.tech_field",
      "l.status",
      "o.id as organization_id",
      "o.name as organization_name",
      "o.verification_status as organization_status",
      "u.display_name as submitted_by",
      sql<ReviewType>`case when l.status = 'pending_review' then 'new' else 'revision' end`.as(
        "type",
      ),
      sql<Date>`case when l.status = 'pending_review'
        then coalesce(l.submitted_at, l.updated_at)
        else coalesce(l.revision_submitted_at, l.updated_at) end`.as("submitted_at"),
    ]);
}

function queue(db: Kysely<DB>, filters: QueueFilterSet) {
  const kinds: ListingKind[] = filters.kind ? [filters.kind] : ["results", "demands"];
  const [first, second] = kinds.map((k) => part(db, k));
  const union = second ? first!.unionAll(second) : first!;
  let query = db.selectFrom(union.as("q"));
  if (filters.type) query = query.where("q.type", "=", filters.type);
  if (filters.techField) query = query.where("q.tech_field", "=", filters.techField);
  if (filters.organizationId) query = query.where("q.organization_id", "=", filters.organizationId);
  if (filters.from) query = query.where("q.submitted_at", ">=", shanghaiDayStart(filters.from));
  if (filters.to) query = query.where("q.submitted_at", "<", shanghaiDayEnd(filters.to));
  return query;
}

async function countBy<K extends "kind" | "type" | "tech_field">(
  db: Kysely<DB>,
  filters: QueueFilterSet,
  key: K,
): Promise<Record<string, number>> {
  const column = `q.${key}` as const;
  const rows = await queue(db, filters)
    .select((eb) => [eb.ref(column).as("key"), eb.fn.countAll<number>().as("n")])
    .groupBy(column)
    .execute();
  return Object.fromEntries(rows.map((r) => [String(r.key), Number(r.n)]));
}

/** The queue page: items oldest first, with counts for each filter. */
export async function listReviewQueue(
  db: Kysely<DB>,
  filters: ReviewQueueFilters,
): Promise<ReviewQueue> {
  const { page, pageSize, ...set } = filters;
  const [rows, total, kinds, types, fields, organizations] = await Promise.all([
    queue(db, set)
      .selectAll("q")
      .orderBy("q.submitted_at")
      .orderBy("q.kind")
      .orderBy("q.id")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    queue(db, set)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    countBy(db, { ...set, kind: undefined }, "kind"),
    countBy(db, { ...set, type: undefined }, "type"),
    countBy(db, { ...set, techField: undefined }, "tech_field"),
    queue(db, { kind: set.kind })
      .select([
        "q.organization_id",
        "q.organization_name",
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      .groupBy(["q.organization_id", "q.organization_name"])
      .orderBy("q.organization_name")
      .execute(),
  ]);
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      techField: r.tech_field,
      status: r.status,
      type: r.type,
      organization: {
        id: r.organization_id,
        name: r.organization_name,
        verificationStatus: r.organization_status,
      },
      submittedAt: new Date(r.submitted_at).toISOString(),
      submittedBy: r.submitted_by,
    })),
    total: Number(total.n),
    kindCounts: { results: kinds.results ?? 0, demands: kinds.demands ?? 0 },
    typeCounts: { new: types.new ?? 0, revision: types.revision ?? 0 },
    techFieldCounts: Object.fromEntries(
      Object.entries(fields).filter(([code]) => isCode(TECH_FIELDS, code)),
    ),
    organizations: organizations.map((o) => ({
      id: o.organization_id,
      name: o.organization_name,
      count: Number(o.n),
    })),
  };
}

export interface QueueSummary {
  kind: ListingKind;
  type: ReviewType;
  count: number;
  /** When the oldest item was submitted, ISO; null for an empty queue. */
  oldestSince: string | null;
}

/** Count and oldest item of each queue (kind × type), for the bureau dashboard. */
export async function reviewQueueSummary(db: Kysely<DB>): Promise<QueueSummary[]> {
  const rows = await queue(db, {})
    .select([
      "q.kind",
      "q.type",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.min("q.submitted_at").as("oldest"),
    ])
    .groupBy(["q.kind", "q.type"])
    .execute();
  const summaries: QueueSummary[] = [];
  for (const kind of ["results", "demands"] as const) {
    for (const type of ["new", "revision"] as const) {
      const row = rows.find((r) => r.kind === kind && r.type === type);
      summaries.push({
        kind,
        type,
        count: Number(row?.n ?? 0),
        oldestSince: row?.oldest ? new Date(row.oldest).toISOString() : null,
      });
    }
  }
  return summaries;
}

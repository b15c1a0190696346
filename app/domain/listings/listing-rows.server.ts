/**
 * Row-level helpers of the listing workflow: locking a listing row, writing
 * workflow columns and content, and mapping between stored rows and the
 * typed input (ResultInput / DemandInput). Results and demands share the
 * workflow columns, so one code path serves both; content differs by kind.
 */
import { type Kysely, sql } from "kysely";
import type { DB, DemandRow, ResultRow, ResultUpdate } from "../../../db/schema";
import { ValidationError } from "../errors";
import type { IpType, Maturity, TechField, TransferMode } from "../taxonomy/taxonomy";
import type { DemandInput, ResultInput } from "./listing-input";
import type { ListingKind } from "./listing-types";

export type ListingRow = ResultRow | DemandRow;
export type ListingInputOf<K extends ListingKind> = K extends "results" ? ResultInput : DemandInput;

/** The workflow columns results and demands have in common. */
export type WorkflowUpdate = Pick<
  ResultUpdate,
  | "status"
  | "published_at"
  | "expires_at"
  | "submitted_at"
  | "reviewed_by"
  | "reviewed_at"
  | "rejection_reason"
  | "rejection_note"
  | "pending_revision"
  | "revision_submitted_at"
>;

/** Entity name of the audit log ("result", "demand"). */
export const entityOf = (kind: ListingKind) => (kind === "results" ? "result" : "demand");

/** The row `id` of `kind`, locked FOR UPDATE until the transaction ends (unless `lock` is false). */
export async function lockListing(
  trx: Kysely<DB>,
  kind: ListingKind,
  id: number,
  lock = true,
): Promise<ListingRow | undefined> {
  const query = trx.selectFrom(kind).selectAll().where("id", "=", id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

function resultContent(input: ResultInput) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    tech_field: input.techField,
    keywords: input.keywords,
    maturity: input.maturity,
    trl: input.trl,
    ip_type: input.ipType,
    patent_numbers: input.patentNumbers,
    transfer_modes: input.transferModes,
    asking_price_fen: input.askingPriceFen,
  };
}

function demandContent(input: DemandInput) {
  return {
    title: input.title,
    description: input.description,
    tech_field: input.techField,
    keywords: input.keywords,
    budget_min_fen: input.budgetMinFen,
    budget_max_fen: input.budgetMaxFen,
    desired_modes: input.desiredModes,
    deadline: input.deadline,
    region_code: input.regionCode,
  };
}

/** Inserts a draft owned by `organizationId`; returns the new row. */
export async function insertListing<K extends ListingKind>(
  trx: Kysely<DB>,
  kind: K,
  input: ListingInputOf<K>,
  owner: { organizationId: number; userId: string },
): Promise<ListingRow> {
  const common = {
    organization_id: owner.organizationId,
    created_by: owner.userId,
    status: "draft",
  };
  return kind === "results"
    ? trx
        .insertInto("results")
        .values({ ...common, ...resultContent(input as ResultInput) })
        .returningAll()
        .executeTakeFirstOrThrow()
    : trx
        .insertInto("demands")
        .values({ ...common, ...demandContent(input as DemandInput) })
        .returningAll()
        .executeTakeFirstOrThrow();
}

/**
 * Updates workflow columns and, when `input` is given, the content of the
 * listing row; returns the row after the change.
 */
export async function writeListing<K extends ListingKind>(
  trx: Kysely<DB>,
  kind: K,
  id: number,
  set: WorkflowUpdate,
  input?: ListingInputOf<K>,
): Promise<ListingRow> {
  const { pending_revision: revision, ...columns } = set;
  const workflow = {
    ...columns,
    // JSON text cast in SQL: postgres.js would encode a string bound to jsonb once more.
    ...(revision === undefined
      ? {}
      : { pending_revision: revision === null ? null : sql<string>`${revision}::text::jsonb` }),
    updated_at: new Date(),
  };
  if (kind === "results") {
    const content = input ? resultContent(input as ResultInput) : {};
    return trx
      .updateTable("results")
      .set({ ...workflow, ...content })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const content = input ? demandContent(input as DemandInput) : {};
  return trx
    .updateTable("demands")
    .set({ ...workflow, ...content })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The content of a stored row as typed input (for edit forms and re-validation). */
export function inputOfRow(kind: "results", row: ResultRow): ResultInput;
export function inputOfRow(kind: "demands", row: DemandRow): DemandInput;
export function inputOfRow(kind: ListingKind, row: ListingRow): ResultInput | DemandInput;
export function inputOfRow(kind: ListingKind, row: ListingRow): ResultInput | DemandInput {
  if (kind === "results") {
    const r = row as ResultRow;
    return {
      title: r.title,
      summary: r.summary,
      description: r.description,
      techField: r.tech_field as TechField,
      keywords: r.keywords,
      maturity: r.maturity as Maturity,
      trl: r.trl,
      ipType: r.ip_type as IpType,
      patentNumbers: r.patent_numbers,
      transferModes: r.transfer_modes as TransferMode[],
      askingPriceFen: r.asking_price_fen,
    };
  }
  const d = row as DemandRow;
  return {
    title: d.title,
    description: d.description,
    techField: d.tech_field as TechField,
    keywords: d.keywords,
    budgetMinFen: d.budget_min_fen,
    budgetMaxFen: d.budget_max_fen,
    desiredModes: d.desired_modes as TransferMode[],
    deadline: d.deadline,
    regionCode: d.region_code.trim(),
  };
}

/** Turns a zod failure into a ValidationError with field → message details. */
export function validationErrorOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ValidationError {
  const details: Record<string, string> = {};
  for (const i of issues) {
    const field = String(i.path[0] ?? "form");
    details[field] ??= i.message;
  }
  const first = issues[0]?.message ?? "输入有误";
  return new ValidationError("invalid_listing", `请检查填写的内容：${first}`, details);
}

/**
 * Ledger import, step 2 (确认导入): writes a previewed batch's valid rows to
 * `contracts` as registered contracts, all or nothing, in one transaction:
 * 1. claim the batch (previewing|failed, or a commit abandoned by a dead
 *    process → committing) in its own statement,
 *    so a second submit of the same batch finds it taken and imports
 *    nothing; a batch with errors is refused;
 * 2. in the transaction: re-check duplicates (numbers registered since the
 *    preview are skipped and reported too), insert in chunks of
 *    `chunkSize` rows with one audit entry per contract, report progress
 *    after each chunk, link parties to platform organizations by 统一社会信用代码,
 *    raise registration_sequences.last_sequence to at
 *    least the highest imported sequence per station and year (so the next
 *    registration never collides), mark the batch committed and audit it;
 * 3. on any failure the transaction rolls back (no contract written) and
 *    the batch becomes `failed` with a zh-CN message; it may be retried.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit, recordAudits } from "../audit/audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { uniqueViolation } from "../unique-violation.server";
import { jsonb, splitDuplicates } from "./import-batches.server";
import type { ImportDuplicate, ImportRow } from "./import-types";

/** Rule version stored on imported contracts: they were registered before this system. */
export const IMPORTED_RULE_VERSION = "ledger-import";

/** A batch left `committing` this long without progress is taken to be abandoned. */
export const STALE_COMMIT_MINUTES = 10;

export interface CommitOptions {
  /** Rows per INSERT statement (default 500). */
  chunkSize?: number;
  /** Called after each chunk with rows written so far and rows to write. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export interface CommitOutcome {
  batchId: number;
  inserted: number;
  /** Duplicates found at commit time that the preview had not listed. */
  newDuplicates: ImportDuplicate[];
  /** True when the batch was committed by an earlier call (nothing done now). */
  alreadyCommitted: boolean;
}

/**
 * Claims the batch for committing. Returns false when it was committed
 * already; throws NotFoundError, ValidationError (it has errors) or
 * ConflictError (another commit is running).
 */
export async function claimImportBatch(
  db: Kysely<DB>,
  batchId: number,
  actor: Actor,
): Promise<boolean> {
  assertCan(actor, "contracts.import");
  const claimed = await db
    .updateTable("contract_import_batches")
    .set({ status: "committing", progress_done: 0, failure_message: null, updated_at: new Date() })
    .where("id", "=", batchId)
    .where("error_count", "=", 0)
    .where((eb) =>
      eb.or([
        eb("status", "in", ["previewing", "failed"]),
        // A commit whose process died: no progress for STALE_COMMIT_MINUTES.
        eb.and([
          eb("status", "=", "committing"),
          eb("updated_at", "<", new Date(Date.now() - STALE_COMMIT_MINUTES * 60_000)),
        ]),
      ]),
    )
    .returning("id")
    .executeTakeFirst();
  if (claimed) return true;
  const batch = await db
    .selectFrom("contract_import_batches")
    .select(["status", "error_count"])
    .where("id", "=", batchId)
    .executeTakeFirst();
  if (!batch) throw new NotFoundError("import_batch_not_found", `导入批次 ${batchId} 不存在`);
  if (batch.status === "committed") return false;
  if (batch.status === "committing") {
    throw new ConflictError("import_running", "该批次正在导入，请稍候查看结果");
  }
  throw new ValidationError(
    "import_has_errors",
    `台账中有 ${batch.error_count} 行存在错误，请修改后重新上传；有错误时不能导入`,
  );
}

function contractValues(row: ImportRow, batchId: number, stationId: number, actorId: string) {
  const registeredAt = `${row.registeredOn}T00:00:00+08:00`;
  const output = row.direction === "output";
  return {
    direction: row.direction,
    status: "registered" as const,
    registration_number: output ? row.registrationNumber : null,
    external_registration_number: output ? null : row.registrationNumber,
    station_id: output ? stationId : null,
    contract_name: row.contractName,
    contract_type: row.contractType,
    contract_subtype: row.contractSubtype,
    seller_name: row.sellerName,
    seller_uscc: row.sellerUscc,
    seller_region_code: row.sellerRegionCode,
    seller_party_type: row.sellerPartyType,
    buyer_name: row.buyerName,
    buyer_uscc: row.buyerUscc,
    buyer_region_code: row.buyerRegionCode,
    buyer_party_type: row.buyerPartyType,
    contract_amount_fen: row.contractAmountFen,
    tech_transaction_amount_fen: row.techTransactionAmountFen,
    signed_on: row.signedOn,
    valid_from: row.validFrom,
    valid_until: row.validUntil,
    tech_field: row.techField,
    ip_type: row.ipType,
    rule_version: IMPORTED_RULE_VERSION,
    accepted_at: registeredAt,
    registered_on: row.registeredOn,
    registered_at: new Date(registeredAt),
    status_note: `台账导入（批次 ${batchId}，第 ${row.row} 行）`,
    created_by: actorId,
    import_batch_id: batchId,
  };
}

/** The zh-CN reason a commit failed, for the batch page. */
function failureMessage(error: unknown): string {
  if (uniqueViolation(error) !== null) {
    return "导入时发现登记号已被占用（可能在预览后刚被登记或导入），本批次已全部撤销，未写入任何合同；请重新确认导入或重新上传";
  }
  return "导入过程中出错，本批次已全部撤销，未写入任何合同；请稍后重试";
}

/**
 * Commits a claimed batch (claimImportBatch first). Returns the outcome;
 * on failure marks the batch failed and rethrows the error.
 */
export async function runImportCommit(
  db: Kysely<DB>,
  batchId: number,
  actor: Actor,
  { chunkSize = 500, onProgress }: CommitOptions = {},
): Promise<CommitOutcome> {
  assertCan(actor, "contracts.import");
  try {
    return await db.transaction().execute(async (trx) => {
      const batch = await trx
        .selectFrom("contract_import_batches")
        .select(["rows", "duplicates", "station_id", "file_name", "duplicate_count"])
        .where("id", "=", batchId)
        .where("status", "=", "committing")
        .executeTakeFirst();
      if (!batch) throw new ConflictError("import_not_claimed", "该批次不在导入中");
      const { rows, duplicates: newDuplicates } = await splitDuplicates(
        trx,
        batch.rows as ImportRow[],
      );
      await onProgress?.(0, rows.length);
      for (let i = 0; i < rows.length; i += chunkSize) {
        const chunk = rows.slice(i, i + chunkSize);
        const inserted = await trx
          .insertInto("contracts")
          .values(chunk.map((r) => contractValues(r, batchId, batch.station_id, actor.id)))
          .returning(["id", "registration_number", "external_registration_number"])
          .execute();
        await recordAudits(
          trx,
          inserted.map((c) => ({
            actorUserId: actor.id,
            action: "contract.import",
            entityType: "contract" as const,
            entityId: c.id,
            after: {
              importBatchId: batchId,
              registrationNumber: c.registration_number ?? c.external_registration_number,
            },
            ip: actor.ip,
          })),
        );
        await onProgress?.(Math.min(i + chunkSize, rows.length), rows.length);
      }

      // Parties on the platform, by 统一社会信用代码 (as partyOrganizationIds does for one contract).
      for (const side of ["seller", "buyer"] as const) {
        await sql`update contracts c set ${sql.ref(`${side}_organization_id`)} = o.id
          from organizations o
          where c.import_batch_id = ${batchId} and o.uscc = ${sql.ref(`c.${side}_uscc`)}`.execute(
          trx,
        );
      }

      const maxSequence = new Map<number, number>();
      for (const r of rows) {
        if (r.direction !== "output" || r.year === null || r.sequence === null) continue;
        maxSequence.set(r.year, Math.max(maxSequence.get(r.year) ?? 0, r.sequence));
      }
      for (const [year, sequence] of maxSequence) {
        await trx
          .insertInto("registration_sequences")
          .values({ station_id: batch.station_id, year, last_sequence: sequence })
          .onConflict((oc) =>
            oc.columns(["station_id", "year"]).doUpdateSet((eb) => ({
              last_sequence: eb.fn("greatest", [
                eb.ref("registration_sequences.last_sequence"),
                eb.ref("excluded.last_sequence"),
              ]),
            })),
          )
          .execute();
      }

      const allDuplicates = [...(batch.duplicates as ImportDuplicate[]), ...newDuplicates];
      const done = await trx
        .updateTable("contract_import_batches")
        .set({
          status: "committed",
          inserted_count: rows.length,
          progress_done: rows.length,
          duplicates: jsonb(allDuplicates),
          duplicate_count: allDuplicates.length,
          committed_at: new Date(),
          updated_at: new Date(),
        })
        .where("id", "=", batchId)
        .where("status", "=", "committing")
        .returning("id")
        .executeTakeFirst();
      if (!done) throw new ConflictError("import_not_claimed", "该批次不在导入中");
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: "contract_import_batch.import_commit",
        entityType: "contract_import_batch",
        entityId: batchId,
        after: {
          fileName: batch.file_name,
          inserted: rows.length,
          duplicates: allDuplicates.length,
          sequences: Object.fromEntries(maxSequence),
        },
        ip: actor.ip,
      });
      return { batchId, inserted: rows.length, newDuplicates, alreadyCommitted: false };
    });
  } catch (error) {
    await db
      .updateTable("contract_import_batches")
      .set({
        status: "failed",
        progress_done: 0,
        failure_message: failureMessage(error),
        updated_at: new Date(),
      })
      .where("id", "=", batchId)
      .where("status", "=", "committing")
      .execute();
    throw error;
  }
}

/**
 * Claims and commits in one call (tests, scripts). A batch committed before
 * returns `alreadyCommitted: true` and writes nothing.
 */
export async function commitImportBatch(
  db: Kysely<DB>,
  batchId: number,
  actor: Actor,
  options: CommitOptions = {},
): Promise<CommitOutcome> {
  if (!(await claimImportBatch(db, batchId, actor))) {
    return { batchId, inserted: 0, newDuplicates: [], alreadyCommitted: true };
  }
  return runImportCommit(db, batchId, actor, options);
}

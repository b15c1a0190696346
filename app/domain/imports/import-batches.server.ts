/**
 * Ledger import, step 1 (upload → preview): read the workbook, validate
 * every row, find duplicates, and store the whole outcome as a batch in
 * status `previewing` (contract_import_batches, migration 0013). Nothing is
 * written to `contracts` here; import-commit.server.ts does that.
 *
 * Duplicates (by registration number; external number for absorption
 * records) are valid rows whose number is already in `contracts` or on an
 * earlier valid row of the file; they are listed and skipped, not errors.
 *
 * 登记号 are gap-free per station and year (registration-number.server.ts),
 * and the commit raises registration_sequences.last_sequence to the highest
 * imported sequence; so the rows to import must continue the numbers issued
 * so far without a hole, or each row past the first hole is an error.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { NotFoundError, ValidationError } from "../errors";
import { regionMap } from "../regions/regions.server";
import type { ImportBatchStatus, ImportDuplicate, ImportRow, ImportRowError } from "./import-types";
import { headerOf } from "./ledger-columns";
import { parseLedgerRow } from "./ledger-row";
import { readLedger } from "./ledger-workbook.server";

/** JSON text cast to jsonb (postgres.js would double-encode a bound string). */
export const jsonb = (value: unknown) => sql<string>`${JSON.stringify(value)}::text::jsonb`;

const LOOKUP_CHUNK = 1000;

export interface PreviewInput {
  fileName: string;
  bytes: Uint8Array;
  /** registration_stations.id whose ledger this is. */
  stationId: number;
  /** Home city code (config HOME_REGION_CODE), e.g. "130900". */
  homeCityCode: string;
  /** "YYYY-MM-DD" for the not-in-the-future rules; defaults to today. */
  today?: string;
}

/** Numbers among `numbers` already used in `contracts` (output or absorption). */
async function existingNumbers(
  db: Kysely<DB>,
  column: "registration_number" | "external_registration_number",
  numbers: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < numbers.length; i += LOOKUP_CHUNK) {
    const chunk = numbers.slice(i, i + LOOKUP_CHUNK);
    const rows = await db
      .selectFrom("contracts")
      .select(column)
      .where(column, "in", chunk)
      .execute();
    for (const r of rows) if (r[column]) found.add(r[column].trim());
  }
  return found;
}

/**
 * Valid rows split into those to insert and the duplicates, in file order.
 * Reads `contracts` through `db` (call it inside the committing transaction
 * to catch numbers registered after the preview).
 */
export async function splitDuplicates(
  db: Kysely<DB>,
  rows: ImportRow[],
): Promise<{ rows: ImportRow[]; duplicates: ImportDuplicate[] }> {
  const output = rows.filter((r) => r.direction === "output").map((r) => r.registrationNumber);
  const absorption = rows
    .filter((r) => r.direction === "absorption")
    .map((r) => r.registrationNumber);
  const inDatabase = {
    output: await existingNumbers(db, "registration_number", output),
    absorption: await existingNumbers(db, "external_registration_number", absorption),
  };
  const firstRow = new Map<string, number>();
  const kept: ImportRow[] = [];
  const duplicates: ImportDuplicate[] = [];
  for (const row of rows) {
    const key = `${row.direction}:${row.registrationNumber}`;
    const first = firstRow.get(key);
    if (inDatabase[row.direction].has(row.registrationNumber)) {
      duplicates.push({
        row: row.row,
        registrationNumber: row.registrationNumber,
        reason: "database",
      });
    } else if (first !== undefined) {
      duplicates.push({
        row: row.row,
        registrationNumber: row.registrationNumber,
        reason: "file",
        firstRow: first,
      });
    } else {
      firstRow.set(key, row.row);
      kept.push(row);
    }
  }
  return { rows: kept, duplicates };
}

/** At most this many missing ranges are named in a gap message. */
const GAP_RANGES_SHOWN = 3;

const sequenceText = (n: number) => String(n).padStart(6, "0");

/**
 * Rows (valid, not duplicates) whose 登记号 would leave numbers never issued.
 * Per year the station has issued 1..last, last being the higher of
 * registration_sequences.last_sequence and the highest sequence in
 * `contracts`; the imported sequences above last must run last+1, last+2, …
 * with no hole. Every row whose sequence lies past the first missing
 * number is reported on 登记号, naming what is missing.
 */
export async function sequenceGapErrors(
  db: Kysely<DB>,
  station: { id: number; station_code: string },
  homeCityCode: string,
  rows: ImportRow[],
): Promise<ImportRowError[]> {
  const byYear = new Map<number, ImportRow[]>();
  for (const r of rows) {
    if (r.direction !== "output" || r.year === null || r.sequence === null) continue;
    const yearRows = byYear.get(r.year);
    if (yearRows) yearRows.push(r);
    else byYear.set(r.year, [r]);
  }
  const errors: ImportRowError[] = [];
  for (const [year, yearRows] of byYear) {
    const prefix = `${year}${homeCityCode.slice(0, 4)}${station.station_code}`;
    const issued = await db
      .selectFrom("registration_sequences")
      .select("last_sequence")
      .where("station_id", "=", station.id)
      .where("year", "=", year)
      .executeTakeFirst();
    const registered = await db
      .selectFrom("contracts")
      .select(sql<number | null>`max(cast(substr(registration_number, 11) as integer))`.as("max"))
      .where("registration_number", "like", `${prefix}%`)
      .executeTakeFirst();
    const last = Math.max(issued?.last_sequence ?? 0, Number(registered?.max ?? 0));
    const missing: [number, number][] = [];
    let next = last + 1;
    for (const sequence of yearRows.map((r) => r.sequence!).sort((a, b) => a - b)) {
      if (sequence < next) continue;
      if (sequence > next) missing.push([next, sequence - 1]);
      next = sequence + 1;
    }
    if (missing.length === 0) continue;
    const ranges = missing
      .slice(0, GAP_RANGES_SHOWN)
      .map(([from, to]) =>
        from === to ? sequenceText(from) : `${sequenceText(from)}–${sequenceText(to)}`,
      )
      .join("、");
    const more = missing.length > GAP_RANGES_SHOWN ? ` 等 ${missing.length} 段` : "";
    const soFar =
      last === 0 ? `本站 ${year} 年尚无登记号` : `本站 ${year} 年已登记到 ${sequenceText(last)}`;
    const message = `登记号不连续：${soFar}，导入后缺少 ${ranges}${more}；请核对登记号`;
    for (const r of yearRows) {
      if (r.sequence! > missing[0]![0]) {
        errors.push({ row: r.row, column: headerOf("registrationNumber"), message });
      }
    }
  }
  return errors;
}

/**
 * Reads and validates an uploaded ledger and stores it as a batch to
 * preview. Returns the batch id. Throws ForbiddenError without
 * "contracts.import", ValidationError for an unknown/inactive station or a
 * file that is not a readable ledger (ledger-workbook.server.ts). Row
 * problems do not throw: they are stored on the batch.
 */
export async function previewLedgerImport(
  db: Kysely<DB>,
  actor: Actor,
  input: PreviewInput,
): Promise<{ id: number }> {
  assertCan(actor, "contracts.import");
  const station = await db
    .selectFrom("registration_stations")
    .select(["id", "station_code"])
    .where("id", "=", input.stationId)
    .where("active", "=", true)
    .executeTakeFirst();
  if (!station)
    throw new ValidationError("unknown_station", "请选择有效的登记站", {
      stationId: "请选择有效的登记站",
    });

  const sheet = await readLedger(input.bytes);
  const regions = await regionMap(db);
  const context = {
    regions,
    homeCityCode: input.homeCityCode,
    stationCode: station.station_code,
    today: input.today,
  };
  const errors: ImportRowError[] = [];
  const valid: ImportRow[] = [];
  for (const raw of sheet.rows) {
    const result = parseLedgerRow(raw, context);
    if (result.ok) valid.push(result.value);
    else errors.push(...result.errors);
  }
  const split = await splitDuplicates(db, valid);
  const duplicates = split.duplicates;
  const gaps = await sequenceGapErrors(db, station, input.homeCityCode, split.rows);
  const gapRows = new Set(gaps.map((e) => e.row));
  const rows = split.rows.filter((r) => !gapRows.has(r.row));
  errors.push(...gaps);
  errors.sort((a, b) => a.row - b.row);
  const errorRows = new Set(errors.map((e) => e.row)).size;

  return db.transaction().execute(async (trx) => {
    const batch = await trx
      .insertInto("contract_import_batches")
      .values({
        file_name: input.fileName.slice(0, 200),
        station_id: station.id,
        uploaded_by: actor.id,
        rows: jsonb(rows),
        errors: jsonb(errors),
        duplicates: jsonb(duplicates),
        total_rows: sheet.rows.length,
        valid_count: rows.length,
        error_count: errorRows,
        duplicate_count: duplicates.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "contract_import_batch.import_preview",
      entityType: "contract_import_batch",
      entityId: batch.id,
      after: {
        fileName: input.fileName,
        stationId: station.id,
        totalRows: sheet.rows.length,
        validRows: rows.length,
        errorRows,
        duplicates: duplicates.length,
      },
      ip: actor.ip,
    });
    return batch;
  });
}

/** A batch as the preview and result pages show it. */
export interface ImportBatchView {
  id: number;
  fileName: string;
  stationName: string;
  stationCode: string;
  uploadedBy: string | null;
  status: ImportBatchStatus;
  totalRows: number;
  validCount: number;
  /** Rows with at least one problem. */
  errorCount: number;
  duplicateCount: number;
  progressDone: number;
  insertedCount: number | null;
  failureMessage: string | null;
  createdAt: Date;
  committedAt: Date | null;
  /** The first `errorLimit` problems, in row order. */
  errors: ImportRowError[];
  /** All problems (not only those shown). */
  errorTotal: number;
  duplicates: ImportDuplicate[];
  /** The first `rowLimit` valid rows. */
  sampleRows: ImportRow[];
}

/**
 * One batch with its first problems, duplicates and valid rows (sliced in
 * SQL: the stored rows of a big file are megabytes). Throws NotFoundError.
 */
export async function getImportBatch(
  db: Kysely<DB>,
  id: number,
  { errorLimit = 500, rowLimit = 20, duplicateLimit = 500 } = {},
): Promise<ImportBatchView> {
  const slice = (column: string, limit: number) =>
    sql<unknown[]>`jsonb_path_query_array(${sql.ref(column)}, ${`$[0 to ${limit - 1}]`}::jsonpath)`;
  const row = await db
    .selectFrom("contract_import_batches as b")
    .innerJoin("registration_stations as s", "s.id", "b.station_id")
    .leftJoin("users as u", "u.id", "b.uploaded_by")
    .select([
      "b.id",
      "b.file_name",
      "s.name as station_name",
      "s.station_code",
      "u.display_name as uploader",
      "b.status",
      "b.total_rows",
      "b.valid_count",
      "b.error_count",
      "b.duplicate_count",
      "b.progress_done",
      "b.inserted_count",
      "b.failure_message",
      "b.created_at",
      "b.committed_at",
      slice("b.errors", errorLimit).as("errors"),
      sql<number>`jsonb_array_length(b.errors)`.as("error_total"),
      slice("b.duplicates", duplicateLimit).as("duplicates"),
      slice("b.rows", rowLimit).as("sample_rows"),
    ])
    .where("b.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("import_batch_not_found", `导入批次 ${id} 不存在`);
  return {
    id: row.id,
    fileName: row.file_name,
    stationName: row.station_name,
    stationCode: row.station_code,
    uploadedBy: row.uploader,
    status: row.status,
    totalRows: row.total_rows,
    validCount: row.valid_count,
    errorCount: row.error_count,
    duplicateCount: row.duplicate_count,
    progressDone: row.progress_done,
    insertedCount: row.inserted_count,
    failureMessage: row.failure_message,
    createdAt: row.created_at,
    committedAt: row.committed_at,
    errors: row.errors as ImportRowError[],
    errorTotal: Number(row.error_total),
    duplicates: row.duplicates as ImportDuplicate[],
    sampleRows: row.sample_rows as ImportRow[],
  };
}

export interface ImportBatchSummary {
  id: number;
  fileName: string;
  status: ImportBatchStatus;
  totalRows: number;
  insertedCount: number | null;
  createdAt: Date;
  uploadedBy: string | null;
}

/** The latest `limit` batches, newest first. */
export async function listImportBatches(db: Kysely<DB>, limit = 10): Promise<ImportBatchSummary[]> {
  const rows = await db
    .selectFrom("contract_import_batches as b")
    .leftJoin("users as u", "u.id", "b.uploaded_by")
    .select([
      "b.id",
      "b.file_name",
      "b.status",
      "b.total_rows",
      "b.inserted_count",
      "b.created_at",
      "u.display_name",
    ])
    .orderBy("b.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    status: r.status,
    totalRows: r.total_rows,
    insertedCount: r.inserted_count,
    createdAt: r.created_at,
    uploadedBy: r.display_name,
  }));
}

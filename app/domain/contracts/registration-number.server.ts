/**
 * 登记号 issuance (DESIGN.md §5, issue #6): 16 digits = year (4) +
 * province-and-city code (4, the first four digits of HOME_REGION_CODE, 1309
 * for Cangzhou) + station code (2) + sequence (6), gap-free per station and
 * year.
 *
 * The sequence row is bumped with one upsert inside the registering
 * transaction: concurrent registrations queue on its row lock, and a
 * rolled-back registration rolls its number back, so numbers have no gaps
 * and no duplicates. The database keeps last_sequence ≤ 999,999.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { ConflictError } from "../errors";

/** The year's last sequence, bumped by one; call inside the registering transaction. */
export async function nextSequence(
  trx: Kysely<DB>,
  stationId: number,
  year: number,
): Promise<number> {
  try {
    const row = await trx
      .insertInto("registration_sequences")
      .values({ station_id: stationId, year, last_sequence: 1 })
      .onConflict((oc) =>
        oc.columns(["station_id", "year"]).doUpdateSet((eb) => ({
          last_sequence: eb(eb.ref("registration_sequences.last_sequence"), "+", 1),
        })),
      )
      .returning("last_sequence")
      .executeTakeFirstOrThrow();
    return row.last_sequence;
  } catch (error) {
    if ((error as { code?: string }).code === "23514") {
      throw new ConflictError(
        "sequence_exhausted",
        `本登记站 ${year} 年的登记号已用完（最多 999999 个）`,
      );
    }
    throw error;
  }
}

/** "2026" + "1309" + "01" + "000042" → "2026130901000042". */
export function formatRegistrationNumber(
  year: number,
  homeRegionCode: string,
  stationCode: string,
  sequence: number,
): string {
  return `${year}${homeRegionCode.slice(0, 4)}${stationCode}${String(sequence).padStart(6, "0")}`;
}

/** Splits a 16-digit number into its parts (for display and checks); null when malformed. */
export function parseRegistrationNumber(
  number: string,
): { year: number; provinceCity: string; stationCode: string; sequence: number } | null {
  const match = /^(\d{4})(\d{4})(\d{2})(\d{6})$/.exec(number);
  if (!match) return null;
  return {
    year: Number(match[1]),
    provinceCity: match[2]!,
    stationCode: match[3]!,
    sequence: Number(match[4]),
  };
}

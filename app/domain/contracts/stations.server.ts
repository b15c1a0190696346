/**
 * 登记站 registration stations: the 2-digit station code is part of every
 * registration number, so it never changes once created; admins
 * ("stations.manage") add, rename and (de)activate stations. The default
 * station (code "01", 沧州市技术合同登记站) is created by the seed.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { config } from "../../config.server";
import { type Actor, assertCan } from "../accounts/actor";
import { recordAudit } from "../audit/audit.server";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { inTransaction } from "../in-transaction.server";
import { uniqueViolation } from "../unique-violation.server";

export interface Station {
  id: number;
  stationCode: string;
  name: string;
  regionCode: string;
  active: boolean;
}

/** Code and name of the station every fresh installation has. */
export const DEFAULT_STATION = { stationCode: "01", name: "沧州市技术合同登记站" } as const;

const columns = ["id", "station_code", "name", "region_code", "active"] as const;
const stationOf = (r: {
  id: number;
  station_code: string;
  name: string;
  region_code: string;
  active: boolean;
}): Station => ({
  id: r.id,
  stationCode: r.station_code,
  name: r.name,
  regionCode: r.region_code,
  active: r.active,
});

/** Every station, by code. */
export async function listStations(db: Kysely<DB>): Promise<Station[]> {
  const rows = await db
    .selectFrom("registration_stations")
    .select(columns)
    .orderBy("station_code")
    .execute();
  return rows.map(stationOf);
}

/** One station, or NotFoundError. */
export async function getStation(db: Kysely<DB>, id: number): Promise<Station> {
  const row = await db
    .selectFrom("registration_stations")
    .select(columns)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("station_not_found", `登记站 #${id} 不存在`);
  return stationOf(row);
}

/** The first active station (lowest code), or ConflictError when there is none. */
export async function defaultStation(db: Kysely<DB>): Promise<Station> {
  const row = await db
    .selectFrom("registration_stations")
    .select(columns)
    .where("active", "=", true)
    .orderBy("station_code")
    .limit(1)
    .executeTakeFirst();
  if (!row) {
    throw new ConflictError("no_station", "尚未设置登记站，请联系系统管理员在“登记站”中添加");
  }
  return stationOf(row);
}

/** Creates the default station when missing (seed, tests); returns its id. */
export async function ensureDefaultStation(
  db: Kysely<DB>,
  regionCode: string = config().HOME_REGION_CODE,
): Promise<number> {
  await db
    .insertInto("registration_stations")
    .values({
      station_code: DEFAULT_STATION.stationCode,
      name: DEFAULT_STATION.name,
      region_code: regionCode,
    })
    .onConflict((oc) => oc.column("station_code").doNothing())
    .execute();
  const row = await db
    .selectFrom("registration_stations")
    .select("id")
    .where("station_code", "=", DEFAULT_STATION.stationCode)
    .executeTakeFirstOrThrow();
  return row.id;
}

function checkName(name: string): string {
  const text = name.trim();
  if (text.length < 2 || text.length > 60) {
    throw new ValidationError("bad_station_name", "登记站名称应为 2–60 个字", {
      name: "应为 2–60 个字",
    });
  }
  return text;
}

/** Adds a station with a new 2-digit code; ConflictError when the code is taken. */
export async function createStation(
  db: Kysely<DB>,
  input: { stationCode: string; name: string; regionCode: string },
  actor: Actor,
): Promise<number> {
  assertCan(actor, "stations.manage");
  if (!/^\d{2}$/.test(input.stationCode)) {
    throw new ValidationError("bad_station_code", "站点代码应为 2 位数字", {
      stationCode: "应为 2 位数字，如 02",
    });
  }
  const name = checkName(input.name);
  return inTransaction(db, async (trx) => {
    const region = await trx
      .selectFrom("regions")
      .select("code")
      .where("code", "=", input.regionCode)
      .executeTakeFirst();
    if (!region) {
      throw new ValidationError("bad_region", "请选择有效的地区", {
        regionCode: "请选择有效的地区",
      });
    }
    let id: number;
    try {
      const row = await trx
        .insertInto("registration_stations")
        .values({ station_code: input.stationCode, name, region_code: input.regionCode })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = row.id;
    } catch (error) {
      if (uniqueViolation(error) !== null) {
        throw new ConflictError("station_code_taken", `站点代码 ${input.stationCode} 已被使用`, {
          stationCode: "该代码已被使用",
        });
      }
      throw error;
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "station.create",
      entityType: "station",
      entityId: id,
      after: { stationCode: input.stationCode, name, regionCode: input.regionCode },
      ip: actor.ip,
    });
    return id;
  });
}

/** Renames a station (its code, part of issued numbers, stays). */
export async function renameStation(
  db: Kysely<DB>,
  id: number,
  newName: string,
  actor: Actor,
): Promise<void> {
  assertCan(actor, "stations.manage");
  const name = checkName(newName);
  await inTransaction(db, async (trx) => {
    const before = await getStation(trx, id);
    await trx.updateTable("registration_stations").set({ name }).where("id", "=", id).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "station.rename",
      entityType: "station",
      entityId: id,
      before: { name: before.name },
      after: { name },
      ip: actor.ip,
    });
  });
}

/** Deactivates (no new acceptances) or reactivates a station. */
export async function setStationActive(
  db: Kysely<DB>,
  id: number,
  active: boolean,
  actor: Actor,
): Promise<void> {
  assertCan(actor, "stations.manage");
  await inTransaction(db, async (trx) => {
    const before = await getStation(trx, id);
    if (before.active === active) return;
    await trx.updateTable("registration_stations").set({ active }).where("id", "=", id).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: active ? "station.activate" : "station.deactivate",
      entityType: "station",
      entityId: id,
      before: { active: before.active },
      after: { active },
      ip: actor.ip,
    });
  });
}

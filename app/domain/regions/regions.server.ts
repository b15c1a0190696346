/**
 * Regions (GB/T 2260) and their display names. The table is reference data
 * loaded by the first migration; names are cached per process.
 */
import type { Kysely } from "kysely";
import type { DB, RegionsTable } from "../../../db/schema";

export interface Region {
  code: string;
  name: string;
  parentCode: string | null;
  level: RegionsTable["level"];
}

/** Beijing, Tianjin (京津): the main sources of research results. */
export const JING_JIN_PROVINCES = ["110000", "120000"] as const;

let cache: Promise<Map<string, Region>> | undefined;

/** Every region by code (cached after the first call). */
export function regionMap(db: Kysely<DB>): Promise<Map<string, Region>> {
  cache ??= db
    .selectFrom("regions")
    .select(["code", "name", "parent_code", "level"])
    .orderBy("sort_order")
    .execute()
    .then(
      (rows) =>
        new Map(
          rows.map((r) => [
            r.code,
            { code: r.code, name: r.name, parentCode: r.parent_code, level: r.level },
          ]),
        ),
    )
    .catch((error: unknown) => {
      cache = undefined;
      throw error;
    });
  return cache;
}

/** Province code ("110000") of any region code. */
export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/**
 * Full display name: "北京市海淀区", "河北省沧州市黄骅市" (`withProvince`)
 * or "沧州市黄骅市". Skips the "市辖区" placeholder city of municipalities.
 */
export function regionFullName(
  regions: Map<string, Region>,
  code: string,
  withProvince = true,
): string {
  const parts: string[] = [];
  let current = regions.get(code);
  while (current) {
    if (current.name !== "市辖区" && (withProvince || current.level !== "province")) {
      parts.unshift(current.name);
    }
    current = current.parentCode ? regions.get(current.parentCode) : undefined;
  }
  const municipality = regions.get(provinceOf(code));
  if (!withProvince && municipality && ["11", "12", "31", "50"].includes(code.slice(0, 2))) {
    parts.unshift(municipality.name);
  }
  return parts.join("") || code;
}

/** The home city's counties, districts and development zones, in standard order. */
export async function homeCounties(db: Kysely<DB>, homeCityCode: string): Promise<Region[]> {
  const regions = await regionMap(db);
  return [...regions.values()].filter((r) => r.parentCode === homeCityCode);
}

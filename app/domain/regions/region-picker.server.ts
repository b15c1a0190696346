/**
 * Choosing an organization's region (GB/T 2260) on a phone and without
 * JavaScript: a province list (31 entries) and, for one province at a time,
 * its counties, districts and development zones grouped by city — at most a
 * few hundred options, where the whole country would be 3,000.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { type Region, provinceOf, regionMap } from "./regions.server";

export interface RegionOption {
  code: string;
  name: string;
}

export interface RegionGroup {
  /** City name ("沧州市"; the municipality's name instead of "市辖区"). */
  label: string;
  options: RegionOption[];
}

export interface RegionPicker {
  provinces: RegionOption[];
  /** The province whose regions `groups` lists. */
  provinceCode: string;
  groups: RegionGroup[];
}

function childrenOf(regions: Map<string, Region>, parentCode: string): Region[] {
  return [...regions.values()].filter((r) => r.parentCode === parentCode);
}

/**
 * True for a code an organization can be registered in: a county, district
 * or development zone, or a city without counties (东莞市, 中山市, 儋州市).
 */
export function isRegistrableRegion(regions: Map<string, Region>, code: string): boolean {
  const region = regions.get(code);
  if (!region) return false;
  if (region.level === "county" || region.level === "zone") return true;
  return region.level === "city" && childrenOf(regions, code).length === 0;
}

/**
 * Provinces and the registrable regions of `provinceCode` (any code inside
 * the province works, e.g. a county code chosen earlier); an unknown code
 * falls back to `fallbackCode`'s province. The city of `fallbackCode` is
 * listed first.
 */
export async function regionPicker(
  db: Kysely<DB>,
  provinceCode: string | null | undefined,
  fallbackCode: string,
): Promise<RegionPicker> {
  const regions = await regionMap(db);
  const provinces = [...regions.values()]
    .filter((r) => r.level === "province")
    .map((r) => ({ code: r.code, name: r.name }));
  const wanted = provinceCode && /^\d{6}$/.test(provinceCode) ? provinceOf(provinceCode) : null;
  const province =
    wanted && regions.get(wanted)?.level === "province" ? wanted : provinceOf(fallbackCode);
  const provinceName = regions.get(province)?.name ?? "";
  const groups: RegionGroup[] = [];
  for (const city of childrenOf(regions, province)) {
    const below = childrenOf(regions, city.code);
    const label = city.name === "市辖区" ? provinceName : city.name;
    groups.push({
      label,
      options: (below.length > 0 ? below : [city]).map((r) => ({ code: r.code, name: r.name })),
    });
  }
  // The fallback's city (the home city on the bureau's forms) first: its
  // district names recur elsewhere in the province (新华区, 桥西区).
  const home = childrenOf(regions, province).findIndex(
    (city) => city.code.slice(0, 4) === fallbackCode.slice(0, 4),
  );
  if (home > 0) groups.unshift(...groups.splice(home, 1));
  return { provinces, provinceCode: province, groups };
}

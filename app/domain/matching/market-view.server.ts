/**
 * The bureau's market view (issue #5 item 2): the strongest demand–result
 * pairs nobody has worked yet, across the market, from `match_candidates`
 * (match-candidates.server.ts). Unworked = no inquiry exists for that
 * demand–result pair. Both listings must still be published.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SearchBackend } from "../../../search/types";
import { ValidationError } from "../errors";

export interface UnworkedMatch {
  demandId: number;
  demandTitle: string;
  demandOrganization: string;
  /** County GB/T 2260 code of the demand. */
  countyCode: string;
  resultId: number;
  resultTitle: string;
  resultOrganization: string;
  /** Integer 0–100. */
  score: number;
  reason: string;
}

export interface UnworkedFilter {
  /** The demand's county (GB/T 2260). */
  countyCode?: string;
  /** 技术领域 code of the demand or the result. */
  techField?: string;
  /** Default 20, 1–100. */
  limit?: number;
  /** Default 0. */
  offset?: number;
}

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/**
 * The strongest unworked pairs, score descending (then demand, result id).
 * `_search` is part of the shared contract; the pairs are precomputed, so
 * it is not consulted. Errors: ValidationError `invalid_paging`.
 */
export async function strongestUnworkedMatches(
  db: Kysely<DB>,
  _search: SearchBackend | null,
  filter: UnworkedFilter = {},
): Promise<UnworkedMatch[]> {
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const offset = filter.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError("invalid_paging", `limit 必须是 1–${MAX_LIMIT} 的整数`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new ValidationError("invalid_paging", "offset 必须是非负整数");
  }
  let query = db
    .selectFrom("match_candidates as c")
    .innerJoin("demands as d", "d.id", "c.demand_id")
    .innerJoin("results as r", "r.id", "c.result_id")
    .innerJoin("organizations as dorg", "dorg.id", "d.organization_id")
    .innerJoin("organizations as rorg", "rorg.id", "r.organization_id")
    .where("d.status", "=", "published")
    .where("r.status", "=", "published")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("inquiries as i")
            .select("i.id")
            .whereRef("i.demand_id", "=", "c.demand_id")
            .whereRef("i.result_id", "=", "c.result_id"),
        ),
      ),
    );
  if (filter.countyCode) query = query.where("d.region_code", "=", filter.countyCode);
  if (filter.techField) {
    const field = filter.techField;
    query = query.where((eb) =>
      eb.or([eb("d.tech_field", "=", field), eb("r.tech_field", "=", field)]),
    );
  }
  const rows = await query
    .select([
      "c.demand_id",
      "d.title as demand_title",
      "dorg.name as demand_organization",
      "d.region_code",
      "c.result_id",
      "r.title as result_title",
      "rorg.name as result_organization",
      "c.score",
      "c.reason",
    ])
    .orderBy("c.score", "desc")
    .orderBy("c.demand_id")
    .orderBy("c.result_id")
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((r) => ({
    demandId: r.demand_id,
    demandTitle: r.demand_title,
    demandOrganization: r.demand_organization,
    countyCode: r.region_code,
    resultId: r.result_id,
    resultTitle: r.result_title,
    resultOrganization: r.result_organization,
    score: r.score,
    reason: r.reason,
  }));
}

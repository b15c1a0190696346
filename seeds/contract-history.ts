/**
 * Seed contract history for the statistics dashboard (issue #6): about 480
 * technology contracts registered in 2025 and 2026 — output contracts of
 * local sellers in all 16 counties of the home city (buyers local, in 京津
 * or elsewhere), absorption records of local buyers from Beijing, Tianjin
 * and other provinces, all contract types and 技术领域, plus some that do
 * not count (submitted, refused, cancelled, revoked) — and 2026 targets for
 * every county.
 *
 * Deterministic (a fixed pseudo-random sequence), insert-only and
 * idempotent: output contracts by their registration number, absorption
 * records by their external number, targets by (year, county, metric);
 * rows already present are left alone. Registration numbers are
 * year + 1309 + station 01 + sequence, and registration_sequences is raised
 * to the highest sequence used, so the next registration continues after
 * them. The default station is created with `on conflict do nothing`.
 * Parties are the seed organizations where possible (linked by id).
 */
import { processingDeadline } from "../app/domain/contracts/contract-rules";
import { type Kysely, sql } from "kysely";
import { CONTRACT_SUBTYPES, type ContractType } from "../app/domain/contracts/contract-taxonomy";
import { TECH_FIELDS } from "../app/domain/taxonomy/taxonomy";
import type { DB, TargetMetric } from "../db/schema";

const HOME = "130900";
const PROVINCE_CITY = HOME.slice(0, 4);
const STATION = { code: "01", name: "沧州市技术合同登记站" };
/** Registrations in the seed end here, so the history is the same whenever it is loaded. */
const LAST_DAY_2026 = "2026-11-27";
const COUNT = 480;

/** mulberry32: a small deterministic PRNG (public domain). */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Party = {
  id: number | null;
  name: string;
  uscc: string | null;
  region: string;
  partyType: string;
};

const TYPE_WEIGHTS: [ContractType, number][] = [
  ["development", 30],
  ["transfer", 10],
  ["license", 8],
  ["consulting", 12],
  ["service", 40],
];
const TYPE_WORD: Record<ContractType, string> = {
  development: "技术开发",
  transfer: "技术转让",
  license: "技术许可",
  consulting: "技术咨询",
  service: "技术服务",
};
const FIELD_TOPICS: Record<string, string[]> = {
  electronic_information: ["工业物联网数据采集平台", "管网智能巡检系统", "企业能耗监测软件"],
  aerospace: ["航空紧固件精密成形", "无人机巡检载荷"],
  advanced_manufacturing: ["数控弯管成形工艺", "焊接机器人工作站", "铸件缺陷在线检测"],
  biomedicine: ["中药提取纯化工艺", "医用敷料制备", "兽用疫苗佐剂"],
  new_materials: ["高性能保温管道材料", "耐蚀合金涂层", "玻璃钢复合材料"],
  new_energy: ["余热回收利用装置", "分布式光伏运维", "氢燃料储运阀门"],
  environmental_protection: ["化工废水深度处理", "盐碱地土壤改良", "VOCs 治理"],
  nuclear_application: ["辐照保鲜工艺", "无损探伤射线检测"],
  agriculture: ["冬枣保鲜贮藏", "小麦节水栽培", "金丝小枣深加工"],
  modern_transportation: ["港口物流调度系统", "汽车零部件轻量化"],
  urban_social_development: ["老旧管网改造评估", "装配式建筑构件"],
};
/** County weights of output (the larger county-level cities register more). */
const OUTPUT_COUNTY_WEIGHTS: Record<string, number> = {
  "130903": 8,
  "130902": 6,
  "130921": 5,
  "130922": 4,
  "130923": 3,
  "130924": 2,
  "130925": 4,
  "130926": 3,
  "130927": 3,
  "130928": 2,
  "130929": 4,
  "130930": 2,
  "130981": 7,
  "130982": 9,
  "130983": 8,
  "130984": 6,
  [HOME]: 2,
};
/** Regions of buyers and sellers outside the home city (filtered to codes that exist). */
const OUTSIDE_REGIONS = [
  "130104",
  "130302",
  "130606",
  "130203",
  "370102",
  "370211",
  "320106",
  "320214",
  "440305",
  "330106",
  "310115",
  "410105",
  "420111",
  "610113",
  "210202",
  "150102",
];
const NAME_PREFIXES = [
  "华信",
  "恒泰",
  "瑞丰",
  "鼎盛",
  "博远",
  "金盾",
  "海川",
  "永固",
  "汇通",
  "宏达",
  "渤越",
  "润泽",
];
const NAME_TRADES = [
  "科技",
  "智能装备",
  "新材料",
  "环保工程",
  "管道",
  "生物技术",
  "能源科技",
  "机械制造",
];

/** Inserts the seed contract history and 2026 targets; returns how many rows it added. */
export async function seedContractHistory(
  trx: Kysely<DB>,
): Promise<{ contracts: number; targets: number }> {
  await trx
    .insertInto("registration_stations")
    .values({ station_code: STATION.code, name: STATION.name, region_code: HOME })
    .onConflict((oc) => oc.column("station_code").doNothing())
    .execute();
  const station = await trx
    .selectFrom("registration_stations")
    .select("id")
    .where("station_code", "=", STATION.code)
    .executeTakeFirstOrThrow();

  const regions = new Set(
    (await trx.selectFrom("regions").select("code").execute()).map((r) => r.code),
  );
  const orgs = await trx
    .selectFrom("organizations")
    .select(["id", "name", "uscc", "region_code", "party_type", "kind"])
    .where("seed_key", "is not", null)
    .orderBy("id")
    .execute();
  const toParty = (o: (typeof orgs)[number]): Party => ({
    id: o.id,
    name: o.name,
    uscc: o.uscc,
    region: o.region_code,
    partyType: o.party_type,
  });
  const localOrgs = orgs
    .filter((o) => o.region_code.startsWith(PROVINCE_CITY) && o.kind === "enterprise")
    .map(toParty);
  const jingjinOrgs = orgs.filter((o) => /^1[12]/.test(o.region_code)).map(toParty);
  const outside = OUTSIDE_REGIONS.filter((c) => regions.has(c));
  const counties = Object.keys(OUTPUT_COUNTY_WEIGHTS).filter((c) => regions.has(c));
  const inquiries = (
    await trx
      .selectFrom("inquiries")
      .select("id")
      .where("status", "=", "deal")
      .orderBy("id")
      .execute()
  ).map((r) => r.id);

  const random = prng(20261130);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [value, w] of pairs) {
      r -= w;
      if (r < 0) return value;
    }
    return pairs[pairs.length - 1]![0];
  };
  const fictional = (region: string, n: number): Party => ({
    id: null,
    name: `${pick(NAME_PREFIXES)}${pick(NAME_TRADES)}${n % 2 ? "有限公司" : "股份有限公司"}`,
    uscc: null,
    region,
    partyType: pick(["150", "160", "170"]),
  });
  const localParty = (county: string, n: number): Party => {
    const inCounty = localOrgs.filter((o) => o.region === county);
    return inCounty.length > 0 && random() < 0.5 ? pick(inCounty) : fictional(county, n);
  };
  const addDays = (date: string, days: number) => {
    const t = new Date(`${date}T00:00:00Z`);
    t.setUTCDate(t.getUTCDate() + days);
    return t.toISOString().slice(0, 10);
  };

  const rows: { row: Record<string, unknown>; year: number; numbered: boolean }[] = [];
  for (let n = 0; n < COUNT; n++) {
    const year = random() < 0.45 ? 2025 : 2026;
    const span = year === 2025 ? 365 : 331;
    const registeredOn = addDays(`${year}-01-02`, Math.floor(random() * span));
    const type = weighted(TYPE_WEIGHTS);
    const subtype = pick(Object.keys(CONTRACT_SUBTYPES[type]));
    const field = pick(Object.keys(TECH_FIELDS));
    const absorption = random() < 0.18;
    let seller: Party;
    let buyer: Party;
    if (absorption) {
      seller =
        jingjinOrgs.length > 0 && random() < 0.8 ? pick(jingjinOrgs) : fictional(pick(outside), n);
      buyer = localParty(
        weighted(Object.entries(OUTPUT_COUNTY_WEIGHTS).filter(([c]) => regions.has(c))),
        n,
      );
    } else {
      seller = localParty(
        weighted(Object.entries(OUTPUT_COUNTY_WEIGHTS).filter(([c]) => regions.has(c))),
        n,
      );
      const r = random();
      buyer =
        r < 0.4
          ? localParty(pick(counties), n + 1)
          : r < 0.5 && jingjinOrgs.length > 0
            ? pick(jingjinOrgs)
            : fictional(pick(outside), n + 1);
    }
    // Amounts: log-uniform from 1万元 to 2000万元, whole 元; a few odd ones to the fen.
    const yuan = Math.round(10 ** (4 + random() * 3.3));
    const contractFen = random() < 0.1 ? yuan * 100 + Math.floor(random() * 100) : yuan * 100;
    const techShare = type === "consulting" || type === "service" ? 1 : 0.55 + random() * 0.45;
    const techFen = Math.min(contractFen, Math.round(contractFen * techShare));
    const s = random();
    // Absorption records are registered elsewhere: entered here as registered.
    const status = absorption
      ? "registered"
      : s < 0.88
        ? "registered"
        : s < 0.92
          ? "submitted"
          : s < 0.95
            ? "refused"
            : s < 0.98
              ? "cancelled"
              : "revoked";
    const acceptedOn = addDays(registeredOn, -3 - Math.floor(random() * 10));
    const counted = status !== "submitted" && status !== "refused";
    const topic = pick(FIELD_TOPICS[field] ?? ["技术"]);
    const ipType =
      type === "transfer" || type === "license"
        ? pick(["invention_patent", "utility_model", "technical_secret"])
        : pick(["none", "none", "software_copyright", "technical_secret"]);
    const row: Record<string, unknown> = {
      direction: absorption ? "absorption" : "output",
      status,
      station_id: absorption ? null : station.id,
      external_registration_number: absorption
        ? `${year}${seller.region.slice(0, 4)}01${String(n + 1).padStart(6, "0")}`
        : null,
      contract_name: `${topic}${TYPE_WORD[type]}合同`,
      contract_type: type,
      contract_subtype: subtype,
      seller_name: seller.name,
      seller_uscc: seller.uscc,
      seller_region_code: seller.region,
      seller_party_type: seller.partyType,
      seller_organization_id: seller.id,
      buyer_name: buyer.name,
      buyer_uscc: buyer.uscc,
      buyer_region_code: buyer.region,
      buyer_party_type: buyer.partyType,
      buyer_organization_id: buyer.id,
      contract_amount_fen: contractFen,
      tech_transaction_amount_fen: techFen,
      signed_on: addDays(acceptedOn, -5 - Math.floor(random() * 30)),
      tech_field: field,
      ip_type: ipType,
      inquiry_id: !absorption && inquiries.length > 0 && random() < 0.3 ? pick(inquiries) : null,
      rule_version: "2026",
      accepted_at: new Date(`${acceptedOn}T09:30:00+08:00`),
      due_on: processingDeadline(acceptedOn, techFen).dueOn,
      registered_on: counted || absorption ? registeredOn : null,
      registered_at: counted && !absorption ? new Date(`${registeredOn}T15:00:00+08:00`) : null,
      refusal_reason: status === "refused" ? "unclear_terms" : null,
      refusal_note: status === "refused" ? "价款约定不明确，请补充后重新申请" : null,
      refused_at: status === "refused" ? new Date(`${registeredOn}T15:00:00+08:00`) : null,
      cancelled_at: status === "cancelled" ? new Date(`${registeredOn}T16:00:00+08:00`) : null,
      revoked_at: status === "revoked" ? new Date(`${registeredOn}T16:00:00+08:00`) : null,
    };
    if (registeredOn > LAST_DAY_2026) continue;
    rows.push({ row, year, numbered: !absorption && counted });
  }

  // Registration numbers in registration order, per year.
  const maxSeq = new Map<number, number>();
  rows
    .filter((r) => r.numbered)
    .sort((a, b) => String(a.row.registered_on).localeCompare(String(b.row.registered_on)))
    .forEach((r) => {
      const seq = (maxSeq.get(r.year) ?? 0) + 1;
      maxSeq.set(r.year, seq);
      r.row.registration_number = `${r.year}${PROVINCE_CITY}${STATION.code}${String(seq).padStart(6, "0")}`;
    });

  let inserted = 0;
  for (const { row } of rows) {
    const query = trx.insertInto("contracts").values(row as never);
    const result = row.registration_number
      ? await query
          .onConflict((oc) => oc.column("registration_number").doNothing())
          .executeTakeFirst()
      : row.external_registration_number
        ? await query
            .onConflict((oc) =>
              oc
                .column("external_registration_number")
                .where("external_registration_number", "is not", null)
                .doNothing(),
            )
            .executeTakeFirst()
        : null;
    // Output contracts without a number (submitted, refused) have no natural key: only on first seeding.
    if (result === null) {
      const seeded = await trx
        .selectFrom("contracts")
        .select("id")
        .where("contract_name", "=", String(row.contract_name))
        .where("seller_name", "=", String(row.seller_name))
        .where("accepted_at", "=", row.accepted_at as Date)
        .executeTakeFirst();
      if (!seeded) {
        await trx
          .insertInto("contracts")
          .values(row as never)
          .execute();
        inserted++;
      }
    } else {
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  }
  for (const [year, last] of maxSeq) {
    await trx
      .insertInto("registration_sequences")
      .values({ station_id: station.id, year, last_sequence: last })
      .onConflict((oc) =>
        oc.columns(["station_id", "year"]).doUpdateSet({
          last_sequence: sql<number>`greatest(registration_sequences.last_sequence, excluded.last_sequence)`,
        }),
      )
      .execute();
  }

  // 2026 targets: about 1.1× each county's 2025 output (fen rounded to 10万元), counts ×1.1.
  const metrics: TargetMetric[] = [
    "contract_amount",
    "tech_transaction_amount",
    "absorption_amount",
    "contract_count",
  ];
  let targets = 0;
  for (const county of counties) {
    for (const metric of metrics) {
      const weight = OUTPUT_COUNTY_WEIGHTS[county] ?? 1;
      const value =
        metric === "contract_count"
          ? weight * 4
          : metric === "absorption_amount"
            ? weight * 3_000_000_00
            : metric === "contract_amount"
              ? weight * 6_000_000_00
              : weight * 5_000_000_00;
      const result = await trx
        .insertInto("annual_targets")
        .values({ year: 2026, region_code: county, metric, value })
        .onConflict((oc) => oc.columns(["year", "region_code", "metric"]).doNothing())
        .executeTakeFirst();
      targets += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
  }
  return { contracts: inserted, targets };
}

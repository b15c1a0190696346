/**
 * Reading the audit log (审计日志): filtered, paginated entries newest
 * first, each with its actor, a zh-CN label of the action, the entity's
 * name, and the fields that changed between `before` and `after`.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { type Actor, assertCan } from "../accounts/actor";
import { formatDateTime, shanghaiDayEnd, shanghaiDayStart } from "../../utils/date-time";
import { CONTRACT_FIELD_LABELS } from "../contracts/contract-input";
import { formatFenValue } from "./audit-format";
import { auditActionLabel } from "./audit-labels";

export { AUDIT_ENTITY_LABELS, auditActionLabel } from "./audit-labels";

export interface AuditLogFilters {
  /** User id, or part of the actor's e-mail address or name. */
  actor?: string;
  entityType?: string;
  entityId?: string;
  /** Exact action ("result.approve"), or an entity prefix ending in "." ("result."). */
  action?: string;
  /** "YYYY-MM-DD" in Asia/Shanghai, inclusive. */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface FieldChange {
  field: string;
  /** zh-CN name of the field, or the field itself. */
  label: string;
  before: string;
  after: string;
}

/** Names of the fields entries record (rows are snake_case, domain objects camelCase). */
const FIELD_LABELS: Record<string, string> = {
  ...CONTRACT_FIELD_LABELS,
  contractAmountFen: "成交额",
  techTransactionAmountFen: "技术交易额",
  contract_amount_fen: "成交额",
  tech_transaction_amount_fen: "技术交易额",
  registrationNumber: "登记号",
  registration_number: "登记号",
  registeredOn: "登记日期",
  registered_on: "登记日期",
  refusalReason: "不予登记理由",
  refusalNote: "不予登记说明",
  statusNote: "注销/撤销原因",
  stationId: "登记站",
  reason: "原因",
  note: "说明",
  status: "状态",
  title: "标题",
  summary: "简介",
  description: "详细介绍",
  tech_field: "技术领域",
  keywords: "关键词",
  maturity: "成熟度",
  trl: "技术就绪度",
  ip_type: "知识产权类型",
  patent_numbers: "专利号",
  transfer_modes: "转化方式",
  desired_modes: "合作方式",
  asking_price_fen: "参考价格",
  budget_min_fen: "预算下限",
  budget_max_fen: "预算上限",
  deadline: "截止日期",
  region_code: "地区代码",
  organization_id: "机构编号",
  published_at: "发布时间",
  expires_at: "到期时间",
  submitted_at: "提交时间",
  reviewed_by: "审核人",
  reviewed_at: "审核时间",
  rejection_reason: "驳回原因",
  rejection_note: "驳回说明",
  pending_revision: "待审核修改",
  revision_submitted_at: "修改提交时间",
  verification_status: "认证状态",
  verificationStatus: "认证状态",
  rejectionReason: "驳回理由",
  role: "角色",
  disabledAt: "停用时间",
  sessionsEnded: "结束的会话数",
  email: "邮箱",
  displayName: "姓名",
  organizationId: "机构编号",
};

/** Fields every change touches; listing them would bury the real changes. */
const NOISE = new Set(["updated_at", "updatedAt"]);

export interface AuditLogEntry {
  id: number;
  createdAt: string;
  actor: { id: string; email: string; displayName: string } | null;
  action: string;
  actionLabel: string;
  entityType: string;
  entityId: string;
  /** Title or name of the entity, when it still exists. */
  entityName: string | null;
  changes: FieldChange[];
  ip: string | null;
}

export interface AuditLogPage {
  entries: AuditLogEntry[];
  total: number;
  /** Every action in the log with its count (for the action filter). */
  actions: { action: string; label: string; count: number }[];
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function filtered(db: Kysely<DB>, filters: Omit<AuditLogFilters, "page" | "pageSize">) {
  let query = db.selectFrom("audit_log as a").leftJoin("users as u", "u.id", "a.actor_user_id");
  const actor = filters.actor?.trim();
  if (actor) {
    const pattern = `%${escapeLike(actor.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb("a.actor_user_id", "=", actor),
        eb("u.email", "like", pattern),
        eb("u.display_name", "ilike", pattern),
      ]),
    );
  }
  if (filters.entityType) query = query.where("a.entity_type", "=", filters.entityType);
  if (filters.entityId?.trim()) query = query.where("a.entity_id", "=", filters.entityId.trim());
  if (filters.action) {
    query = filters.action.endsWith(".")
      ? query.where("a.action", "like", `${escapeLike(filters.action)}%`)
      : query.where("a.action", "=", filters.action);
  }
  if (filters.from) query = query.where("a.created_at", ">=", shanghaiDayStart(filters.from));
  if (filters.to) query = query.where("a.created_at", "<", shanghaiDayEnd(filters.to));
  return query;
}

const MAX_VALUE_LENGTH = 160;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function display(value: unknown, field = ""): string {
  if (value === null || value === undefined || value === "") return "—";
  const money = formatFenValue(field, value);
  if (money !== null) return money;
  if (typeof value === "string" && ISO_TIME.test(value)) return formatDateTime(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Entries written before jsonb was bound correctly hold JSON text; read it as JSON. */
function snapshot(value: unknown): unknown {
  if (typeof value !== "string" || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** The fields that differ between two snapshots (all of them when one side is absent). */
export function changedFields(rawBefore: unknown, rawAfter: unknown): FieldChange[] {
  const before = snapshot(rawBefore);
  const after = snapshot(rawAfter);
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return [];
    return JSON.stringify(before) === JSON.stringify(after)
      ? []
      : [{ field: "", label: "", before: display(before), after: display(after) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => !NOISE.has(f))
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((f) => ({
      field: f,
      label: FIELD_LABELS[f] ?? f,
      before: display(b[f], f),
      after: display(a[f], f),
    }));
}

/** "合同名称（登记号 2026130901000001）", or the name alone before registration. */
export function contractEntityName(name: string, registrationNumber: string | null): string {
  return registrationNumber ? `${name}（登记号 ${registrationNumber}）` : name;
}

/**
 * Names of the entries' entities, keyed "type:id": one query per entity
 * type present on the page. Missing keys mean the entity no longer exists.
 */
async function entityNames(
  db: Kysely<DB>,
  refs: { entityType: string; entityId: string }[],
): Promise<Map<string, string>> {
  const idsOf = (type: string) => [
    ...new Set(
      refs
        .filter((r) => r.entityType === type && /^\d{1,9}$/.test(r.entityId))
        .map((r) => Number(r.entityId)),
    ),
  ];
  const keysOf = (type: string) => [
    ...new Set(refs.filter((r) => r.entityType === type).map((r) => r.entityId)),
  ];
  const ids = {
    result: idsOf("result"),
    demand: idsOf("demand"),
    organization: idsOf("organization"),
    contract: idsOf("contract"),
    station: idsOf("station"),
    inquiry: idsOf("inquiry"),
    batch: idsOf("contract_import_batch"),
    token: idsOf("api_token"),
    invitation: idsOf("invitation"),
    year: idsOf("annual_target"),
  };
  const userIds = keysOf("user");
  const sessionIds = keysOf("session");
  const none = Promise.resolve([] as { id: number | string; name: string }[]);
  const names = new Map<string, string>();
  const [
    results,
    demands,
    organizations,
    users,
    contracts,
    stations,
    inquiries,
    batches,
    tokens,
    invitations,
    years,
    sessions,
  ] = await Promise.all([
    ids.result.length
      ? db
          .selectFrom("results")
          .select(["id", "title as name"])
          .where("id", "in", ids.result)
          .execute()
      : none,
    ids.demand.length
      ? db
          .selectFrom("demands")
          .select(["id", "title as name"])
          .where("id", "in", ids.demand)
          .execute()
      : none,
    ids.organization.length
      ? db
          .selectFrom("organizations")
          .select(["id", "name"])
          .where("id", "in", ids.organization)
          .execute()
      : none,
    userIds.length
      ? db.selectFrom("users").select(["id", "email as name"]).where("id", "in", userIds).execute()
      : none,
    ids.contract.length
      ? db
          .selectFrom("contracts")
          .select(["id", "contract_name", "registration_number"])
          .where("id", "in", ids.contract)
          .execute()
      : [],
    ids.station.length
      ? db
          .selectFrom("registration_stations")
          .select(["id", "name", "station_code"])
          .where("id", "in", ids.station)
          .execute()
      : [],
    ids.inquiry.length
      ? db
          .selectFrom("inquiries as i")
          .leftJoin("results as r", "r.id", "i.result_id")
          .leftJoin("demands as d", "d.id", "i.demand_id")
          .select(["i.id", "r.title as result_title", "d.title as demand_title"])
          .where("i.id", "in", ids.inquiry)
          .execute()
      : [],
    ids.batch.length
      ? db
          .selectFrom("contract_import_batches")
          .select(["id", "file_name as name"])
          .where("id", "in", ids.batch)
          .execute()
      : none,
    ids.token.length
      ? db.selectFrom("api_tokens").select(["id", "name"]).where("id", "in", ids.token).execute()
      : none,
    ids.invitation.length
      ? db
          .selectFrom("organization_invitations as v")
          .innerJoin("organizations as o", "o.id", "v.organization_id")
          .select(["v.id", "v.email", "o.name"])
          .where("v.id", "in", ids.invitation)
          .execute()
      : [],
    ids.year.length
      ? db
          .selectFrom("annual_targets")
          .select("year")
          .distinct()
          .where("year", "in", ids.year)
          .execute()
      : [],
    sessionIds.length
      ? db
          .selectFrom("sessions as s")
          .innerJoin("users as u", "u.id", "s.user_id")
          .select(["s.id", "u.email as name"])
          .where("s.id", "in", sessionIds)
          .execute()
      : none,
  ]);
  const put = (type: string, rows: { id: number | string; name: string }[]) => {
    for (const r of rows) names.set(`${type}:${r.id}`, r.name);
  };
  put("result", results);
  put("demand", demands);
  put("organization", organizations);
  put("user", users);
  put("contract_import_batch", batches);
  put("api_token", tokens);
  put("session", sessions);
  for (const r of contracts) {
    names.set(`contract:${r.id}`, contractEntityName(r.contract_name, r.registration_number));
  }
  for (const r of stations) names.set(`station:${r.id}`, `${r.name}（${r.station_code}）`);
  for (const r of inquiries) {
    const about = r.result_title ?? r.demand_title;
    names.set(`inquiry:${r.id}`, about ? `对接：${about}` : `对接 #${r.id}`);
  }
  for (const r of invitations) {
    names.set(`invitation:${r.id}`, r.email ? `${r.name} · ${r.email}` : r.name);
  }
  for (const r of years) names.set(`annual_target:${r.year}`, `${r.year} 年度目标`);
  return names;
}

/** One page of the audit log, newest first. Requires audit.read. */
export async function queryAuditLog(
  db: Kysely<DB>,
  actor: Actor,
  filters: AuditLogFilters,
): Promise<AuditLogPage> {
  assertCan(actor, "audit.read");
  const { page, pageSize, ...set } = filters;
  const [rows, total, actions] = await Promise.all([
    filtered(db, set)
      .select([
        "a.id",
        "a.created_at",
        "a.actor_user_id",
        "u.email",
        "u.display_name",
        "a.action",
        "a.entity_type",
        "a.entity_id",
        "a.before",
        "a.after",
        "a.ip",
      ])
      .orderBy("a.created_at", "desc")
      .orderBy("a.id", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filtered(db, set)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("audit_log")
      .select(["action", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("action")
      .orderBy("action")
      .execute(),
  ]);
  const names = await entityNames(
    db,
    rows.map((r) => ({ entityType: r.entity_type, entityId: r.entity_id })),
  );
  return {
    entries: rows.map((r) => ({
      id: Number(r.id),
      createdAt: r.created_at.toISOString(),
      actor:
        r.actor_user_id && r.email
          ? { id: r.actor_user_id, email: r.email, displayName: r.display_name ?? r.email }
          : null,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entityType: r.entity_type,
      entityId: r.entity_id,
      entityName: names.get(`${r.entity_type}:${r.entity_id}`) ?? null,
      changes: changedFields(r.before, r.after),
      ip: r.ip,
    })),
    total: Number(total.n),
    actions: actions.map((a) => ({
      action: a.action,
      label: auditActionLabel(a.action),
      count: Number(a.n),
    })),
  };
}

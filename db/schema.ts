/**
 * Kysely table types: the database as TypeScript sees it (snake_case).
 * Domain modules map rows to camelCase objects at their repository boundary.
 *
 * Money columns are bigint fen (分), read as JS numbers (safe up to 2^53 fen,
 * about 9 × 10^13 元). `date` columns are read as "YYYY-MM-DD" strings.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface RegionsTable {
  /** GB/T 2260 six-digit code. */
  code: string;
  name: string;
  parent_code: string | null;
  /** province | city | county | zone (development zone reported separately). */
  level: "province" | "city" | "county" | "zone";
  sort_order: Generated<number>;
}

export interface OrganizationsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  /** 统一社会信用代码, 18 characters, GB 32100-2015. */
  uscc: string | null;
  region_code: string;
  party_type: string;
  intro: string;
  verification_status: Generated<"pending" | "verified" | "rejected">;
  rejection_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  seed_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ResultsTable extends ReviewColumns {
  id: Generated<number>;
  organization_id: number;
  title: string;
  summary: string;
  description: string;
  tech_field: string;
  keywords: string[];
  maturity: string;
  trl: number | null;
  ip_type: string;
  patent_numbers: string[];
  transfer_modes: string[];
  asking_price_fen: number | null;
  status: string;
  published_at: Date | null;
  expires_at: Date | null;
  seed_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface DemandsTable extends ReviewColumns {
  id: Generated<number>;
  organization_id: number;
  title: string;
  description: string;
  tech_field: string;
  keywords: string[];
  budget_min_fen: number | null;
  budget_max_fen: number | null;
  desired_modes: string[];
  deadline: string | null;
  region_code: string;
  status: string;
  published_at: Date | null;
  expires_at: Date | null;
  seed_key: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SearchDocumentsTable {
  index_name: string;
  doc_id: string;
  /** Jieba search-mode terms, weighted A (title) … D (description). */
  tsv: string;
  /** Latin words of title and keywords, for trigram typo tolerance. */
  latin_text: string;
  /** Facet values as "attribute=value" strings. */
  facets: string[];
  /** Sort values in the index definition's sortableAttributes order (epoch ms, fen…). */
  sort_keys: ColumnType<(number | null)[], (number | null)[] | undefined, (number | null)[]>;
  /** The document as the search backend returns it. */
  document: ColumnType<Record<string, unknown>, string, string>;
  updated_at: Timestamp;
}

export interface SearchOutboxTable {
  id: Generated<number>;
  index_name: string;
  doc_id: string;
  operation: "upsert" | "delete";
  attempts: Generated<number>;
  available_at: Timestamp;
  /** Message of the last failed attempt (kept after a later success, for history). */
  last_error: string | null;
  /** When last_error was recorded. */
  last_error_at: Date | null;
  processed_at: Date | null;
  created_at: CreatedAt;
}

export type Role = "enterprise_member" | "institution_member" | "bureau_staff" | "admin";

export interface UsersTable {
  /** Lucia user id (random, 16+ characters). */
  id: string;
  /** Lower-cased e-mail address, the sign-in name. */
  email: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  role: Role;
  organization_id: number;
  /** May invite colleagues to the organization. */
  is_org_admin: Generated<boolean>;
  disabled_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: Date;
}

export interface OrganizationInvitationsTable {
  id: Generated<number>;
  organization_id: number;
  /** SHA-256 of the invitation token; the token itself is only in the link. */
  token_hash: string;
  email: string | null;
  created_by: string;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
  /** Revoked by the organization admin (migration 0004). */
  revoked_at: Date | null;
  revoked_by: string | null;
  created_at: CreatedAt;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: ColumnType<unknown, string | null, never> | null;
  after: ColumnType<unknown, string | null, never> | null;
  ip: string | null;
  created_at: CreatedAt;
}

/** Review columns shared by results and demands (migration 0003). */
export interface ReviewColumns {
  created_by: string | null;
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  rejection_reason: string | null;
  rejection_note: string | null;
  /** Edited fields of a published listing awaiting review (camelCase listing input). */
  pending_revision: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  revision_submitted_at: Date | null;
}

export interface DB {
  regions: RegionsTable;
  organizations: OrganizationsTable;
  results: ResultsTable;
  demands: DemandsTable;
  search_documents: SearchDocumentsTable;
  search_outbox: SearchOutboxTable;
  users: UsersTable;
  sessions: SessionsTable;
  organization_invitations: OrganizationInvitationsTable;
  rate_limits: RateLimitsTable;
  audit_log: AuditLogTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganizationRow = Insertable<OrganizationsTable>;
export type ResultRow = Selectable<ResultsTable>;
export type NewResultRow = Insertable<ResultsTable>;
export type ResultUpdate = Updateable<ResultsTable>;
export type DemandRow = Selectable<DemandsTable>;
export type NewDemandRow = Insertable<DemandsTable>;
export type DemandUpdate = Updateable<DemandsTable>;

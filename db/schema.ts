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
  /** New-match alerts: at once, in a daily digest, or never (migration 0008). */
  match_alert_frequency: Generated<"immediate" | "daily" | "off">;
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

export type InquiryStatus = "open" | "negotiating" | "deal" | "closed";

/** 对接 inquiries (migration 0008). */
export interface InquiriesTable {
  id: Generated<number>;
  result_id: number | null;
  demand_id: number | null;
  initiator_organization_id: number;
  counterpart_organization_id: number;
  initiated_by: string | null;
  status: Generated<InquiryStatus>;
  close_reason: string | null;
  close_note: string | null;
  deal_at: Date | null;
  closed_at: Date | null;
  /** Deal (签约) confirmation of each side; status becomes deal when both are set. */
  initiator_confirmed_at: Date | null;
  initiator_confirmed_by: string | null;
  counterpart_confirmed_at: Date | null;
  counterpart_confirmed_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** Messages of an inquiry's thread (migration 0008). */
export interface InquiryMessagesTable {
  id: Generated<number>;
  inquiry_id: number;
  author_user_id: string | null;
  author_organization_id: number;
  /** Posted by bureau staff brokering the inquiry. */
  as_broker: Generated<boolean>;
  body: string;
  created_at: CreatedAt;
}

/** Bureau staff's notes on an inquiry, visible to staff only (migration 0008). */
export interface InquiryBrokerNotesTable {
  id: Generated<number>;
  inquiry_id: number;
  author_user_id: string | null;
  body: string;
  created_at: CreatedAt;
}

/** When each user last read an inquiry (unread markers, migration 0008). */
export interface InquiryReadsTable {
  inquiry_id: number;
  user_id: string;
  read_at: Timestamp;
}

/** In-app notifications (migration 0008). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  /** e.g. "inquiry.message", "inquiry.status", "match.alert". */
  kind: string;
  title: string;
  body: Generated<string>;
  /** Site-relative path the notification opens. */
  link: string | null;
  read_at: Date | null;
  created_at: CreatedAt;
}

/** E-mails waiting for the transport (migration 0008). */
export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: Generated<number>;
  available_at: Timestamp;
  last_error: string | null;
  sent_at: Date | null;
  created_at: CreatedAt;
}

/** 登记站 (migration 0009). */
export interface RegistrationStationsTable {
  id: Generated<number>;
  /** Two-digit station code, part of the registration number. */
  station_code: string;
  name: string;
  region_code: string;
  active: Generated<boolean>;
  created_at: CreatedAt;
}

/** Last registration sequence issued per station and year (migration 0009). */
export interface RegistrationSequencesTable {
  station_id: number;
  year: number;
  last_sequence: Generated<number>;
}

export type ContractDirection = "output" | "absorption";
export type ContractStatus = "submitted" | "registered" | "refused" | "cancelled" | "revoked";

/** 技术合同 (migration 0009, DESIGN.md §5). Money in fen. */
export interface ContractsTable {
  id: Generated<number>;
  direction: ContractDirection;
  status: Generated<ContractStatus>;
  /** 登记号: 16 digits, output contracts once registered. */
  registration_number: string | null;
  /** Number given by the station elsewhere, absorption records only. */
  external_registration_number: string | null;
  station_id: number | null;
  contract_name: string;
  contract_type: string;
  contract_subtype: string;
  seller_name: string;
  seller_uscc: string | null;
  seller_region_code: string;
  seller_party_type: string;
  seller_organization_id: number | null;
  buyer_name: string;
  buyer_uscc: string | null;
  buyer_region_code: string;
  buyer_party_type: string;
  buyer_organization_id: number | null;
  /** 成交额, fen. */
  contract_amount_fen: number;
  /** 技术交易额, fen, ≤ contract_amount_fen. */
  tech_transaction_amount_fen: number;
  signed_on: string;
  valid_from: string | null;
  valid_until: string | null;
  tech_field: string;
  ip_type: string;
  result_id: number | null;
  demand_id: number | null;
  inquiry_id: number | null;
  rule_version: string;
  accepted_at: Timestamp;
  due_on: string | null;
  /** Date of registration; statistics count by it. */
  registered_on: string | null;
  registered_at: Date | null;
  registered_by: string | null;
  refusal_reason: string | null;
  refusal_note: string | null;
  refused_at: Date | null;
  cancelled_at: Date | null;
  revoked_at: Date | null;
  status_note: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** The ledger import batch the contract came from (migration 0013). */
  import_batch_id: Generated<number | null>;
}

export type ImportBatchStatus = "previewing" | "committing" | "committed" | "failed";

/** 台账导入批次 (migration 0013): one uploaded ledger, previewed then committed. */
export interface ContractImportBatchesTable {
  id: Generated<number>;
  file_name: string;
  station_id: number;
  uploaded_by: string | null;
  status: Generated<ImportBatchStatus>;
  /** Valid rows ready to insert (app/domain/imports/import-types.ts ImportRow[]). */
  rows: ColumnType<unknown, string, string>;
  /** Per-row problems: { row, column, message }[]. */
  errors: ColumnType<unknown, string, string>;
  /** Rows skipped as duplicates: { row, registrationNumber, reason }[]. */
  duplicates: ColumnType<unknown, string, string>;
  total_rows: number;
  valid_count: number;
  error_count: number;
  duplicate_count: number;
  progress_done: Generated<number>;
  inserted_count: number | null;
  failure_message: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  committed_at: Date | null;
}

/** History of 变更 (migration 0009): changed fields before and after. */
export interface ContractAmendmentsTable {
  id: Generated<number>;
  contract_id: number;
  reason: string;
  before: ColumnType<Record<string, unknown>, string, string>;
  after: ColumnType<Record<string, unknown>, string, string>;
  amended_by: string | null;
  amended_at: CreatedAt;
}

export type TargetMetric =
  "contract_amount" | "tech_transaction_amount" | "absorption_amount" | "contract_count";

/** Annual target per year, home county and metric (migration 0014). */
export interface AnnualTargetsTable {
  year: number;
  region_code: string;
  metric: TargetMetric;
  /** Fen for amounts, a count for contract_count. */
  value: number;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

/** Bearer tokens of the statistics API (migration 0014); only the SHA-256 is stored. */
export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_by: string | null;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

/** 不相关 feedback on a recommendation (migration 0010). */
export interface MatchFeedbackTable {
  id: Generated<number>;
  user_id: string;
  demand_id: number;
  result_id: number;
  /** Whose recommendation list the pair was on: a demand's results or a result's demands. */
  side: "demand" | "result";
  /** A FEEDBACK_REASONS code (app/domain/matching/match-feedback.server.ts). */
  reason: string;
  note: string | null;
  created_at: CreatedAt;
}

/** Precomputed strongest pairs per published demand (migration 0010). */
export interface MatchCandidatesTable {
  demand_id: number;
  result_id: number;
  /** Integer 0–100. */
  score: number;
  /** feature → points. */
  breakdown: ColumnType<Record<string, number>, string, string>;
  reason: string;
  computed_at: Timestamp;
}

/** Listings that became published, waiting to be matched for alerts (migration 0011). */
export interface MatchAlertQueueTable {
  id: Generated<number>;
  listing_kind: "results" | "demands";
  listing_id: number;
  attempts: Generated<number>;
  available_at: Timestamp;
  last_error: string | null;
  processed_at: Date | null;
  created_at: CreatedAt;
}

/** One (user, demand, result) pair a user is alerted to, at once or in a digest (migration 0011). */
export interface MatchAlertsTable {
  id: Generated<number>;
  user_id: string;
  demand_id: number;
  result_id: number;
  /** Which side of the pair is the user's organization's listing. */
  recipient_kind: "results" | "demands";
  score: number;
  reason: Generated<string>;
  /** The user's setting when the alert was recorded. */
  frequency: "immediate" | "daily";
  /** When the alert was sent (at once, or in the digest of `digest_date`). */
  notified_at: Date | null;
  /** Asia/Shanghai day of the digest that carried it ("YYYY-MM-DD"). */
  digest_date: string | null;
  created_at: CreatedAt;
}

/** One daily digest sent to a user (migration 0011). */
export interface MatchAlertDigestsTable {
  user_id: string;
  /** Asia/Shanghai day, "YYYY-MM-DD". */
  digest_date: string;
  alert_count: number;
  sent_at: CreatedAt;
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
  inquiries: InquiriesTable;
  inquiry_messages: InquiryMessagesTable;
  inquiry_broker_notes: InquiryBrokerNotesTable;
  inquiry_reads: InquiryReadsTable;
  notifications: NotificationsTable;
  email_outbox: EmailOutboxTable;
  registration_stations: RegistrationStationsTable;
  registration_sequences: RegistrationSequencesTable;
  contracts: ContractsTable;
  contract_import_batches: ContractImportBatchesTable;
  contract_amendments: ContractAmendmentsTable;
  annual_targets: AnnualTargetsTable;
  api_tokens: ApiTokensTable;
  match_feedback: MatchFeedbackTable;
  match_candidates: MatchCandidatesTable;
  match_alert_queue: MatchAlertQueueTable;
  match_alerts: MatchAlertsTable;
  match_alert_digests: MatchAlertDigestsTable;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type NewOrganizationRow = Insertable<OrganizationsTable>;
export type ResultRow = Selectable<ResultsTable>;
export type NewResultRow = Insertable<ResultsTable>;
export type ResultUpdate = Updateable<ResultsTable>;
export type DemandRow = Selectable<DemandsTable>;
export type NewDemandRow = Insertable<DemandsTable>;
export type DemandUpdate = Updateable<DemandsTable>;

/**
 * zh-CN names of audit log actions and record types, shared by server and
 * browser. Actions are "entity.verb"; unknown parts show as they are, so a
 * new action is readable before it gets a label.
 */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  result: "科技成果",
  demand: "技术需求",
  organization: "机构",
  user: "用户",
  invitation: "邀请",
  session: "登录会话",
  contract_import_batch: "台账导入批次",
  contract: "技术合同",
  station: "登记站",
  annual_target: "年度目标",
  api_token: "接口令牌",
  inquiry: "对接",
};

/** Whole actions whose verb reads differently for their entity. */
const ACTION_LABELS: Record<string, string> = {
  "contract.submit": "技术合同 · 受理",
  "contract.revoke": "技术合同 · 撤销登记",
  "demand.suggest_match": "技术需求 · 科技局推荐对接",
};

const VERB_LABELS: Record<string, string> = {
  create: "创建",
  update: "修改",
  edit: "修改",
  submit: "提交审核",
  approve: "审核通过",
  reject: "驳回",
  publish: "发布",
  withdraw: "撤回",
  renew: "续期",
  expire: "过期",
  delete: "删除",
  submit_revision: "提交修改审核",
  approve_revision: "修改审核通过",
  reject_revision: "驳回修改",
  verify: "认证通过",
  role_change: "变更角色",
  disable: "停用账号",
  enable: "启用账号",
  password_reset: "重置密码",
  password_change: "修改密码",
  update_match_alerts: "修改匹配提醒设置",
  sign_in: "登录",
  sign_out: "退出登录",
  sign_up: "注册",
  accept: "接受邀请",
  revoke: "撤销",
  import: "导入",
  import_preview: "上传台账",
  import_commit: "确认导入",
  import_fail: "导入失败",
  register: "登记",
  refuse: "不予登记",
  amend: "变更",
  cancel: "注销",
  record_absorption: "录入技术吸纳",
  rename: "改名",
  activate: "启用",
  deactivate: "停用",
  start: "发起",
  negotiate: "进入洽谈",
  confirm_deal: "确认签约",
  withdraw_confirmation: "撤回签约确认",
  deal: "签约",
  close: "终止",
};

/** "result.approve" → "科技成果 · 审核通过"; unknown parts are shown as they are. */
export function auditActionLabel(action: string): string {
  if (ACTION_LABELS[action]) return ACTION_LABELS[action];
  const dot = action.indexOf(".");
  if (dot < 0) return VERB_LABELS[action] ?? action;
  const entity = action.slice(0, dot);
  const verb = action.slice(dot + 1);
  return `${AUDIT_ENTITY_LABELS[entity] ?? entity} · ${VERB_LABELS[verb] ?? verb}`;
}

/**
 * The downloadable ledger template (XLSX, exceljs): sheet 台账 with the
 * zh-CN headers (required ones marked *), one example row, text format for
 * numbers that must keep every digit (登记号, 信用代码, 地区代码), date
 * formats, and drop-downs (data validation lists) for the coded columns,
 * drawn from sheet 选项; sheet 说明 explains every column.
 * Returns the file's bytes.
 */
import ExcelJS from "exceljs";
import { CONTRACT_SUBTYPES, CONTRACT_TYPES } from "../contracts/contract-taxonomy";
import { IP_TYPES, PARTY_TYPES, TECH_FIELDS } from "../taxonomy/taxonomy";
import { LEDGER_COLUMNS, type LedgerKey } from "./ledger-columns";

/** Rows below the header that get drop-downs and formats. */
const TEMPLATE_ROWS = 2000;
const TEXT_COLUMNS: LedgerKey[] = [
  "registrationNumber",
  "sellerUscc",
  "buyerUscc",
  "sellerRegionCode",
  "buyerRegionCode",
];
const DATE_COLUMNS: LedgerKey[] = ["signedOn", "validFrom", "validUntil", "registeredOn"];

function columnLetter(index: number): string {
  let n = index;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Builds the template workbook; returns XLSX bytes. */
export async function buildLedgerTemplate(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "TechBridge";
  const ledger = workbook.addWorksheet("台账", { views: [{ state: "frozen", ySplit: 1 }] });
  const notes = workbook.addWorksheet("说明");
  const options = workbook.addWorksheet("选项");

  const lists: { key: LedgerKey | null; title: string; values: string[] }[] = [
    { key: "direction", title: "登记类型", values: ["技术输出", "技术吸纳"] },
    { key: "contractType", title: "合同类别", values: Object.values(CONTRACT_TYPES) },
    {
      key: "contractSubtype",
      title: "合同子类",
      values: Object.values(CONTRACT_SUBTYPES).flatMap((s) =>
        Object.values(s as Record<string, string>),
      ),
    },
    { key: "sellerPartyType", title: "单位性质", values: Object.values(PARTY_TYPES) },
    { key: "techField", title: "技术领域", values: Object.values(TECH_FIELDS) },
    { key: "ipType", title: "知识产权类型", values: Object.values(IP_TYPES) },
  ];
  const listRange = new Map<string, string>();
  lists.forEach((list, i) => {
    const col = columnLetter(i + 1);
    options.getCell(`${col}1`).value = list.title;
    options.getCell(`${col}1`).font = { bold: true };
    list.values.forEach((v, j) => (options.getCell(`${col}${j + 2}`).value = v));
    options.getColumn(i + 1).width = 24;
    listRange.set(list.title, `选项!$${col}$2:$${col}$${list.values.length + 1}`);
  });
  const subtypeHint = Object.entries(CONTRACT_SUBTYPES)
    .map(
      ([type, s]) =>
        `${CONTRACT_TYPES[type as keyof typeof CONTRACT_TYPES]}：${Object.values(s as Record<string, string>).join("、")}`,
    )
    .join("；");

  const dropDownOf: Partial<Record<LedgerKey, string>> = {
    direction: "登记类型",
    contractType: "合同类别",
    contractSubtype: "合同子类",
    sellerPartyType: "单位性质",
    buyerPartyType: "单位性质",
    techField: "技术领域",
    ipType: "知识产权类型",
  };

  LEDGER_COLUMNS.forEach((column, i) => {
    const index = i + 1;
    const header = ledger.getCell(1, index);
    header.value = column.required ? `${column.header}*` : column.header;
    header.font = { bold: true, color: { argb: column.required ? "FFB91C1C" : "FF1E293B" } };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
    header.note = column.note || column.header;
    const sheetColumn = ledger.getColumn(index);
    sheetColumn.width = Math.max(12, column.header.length * 2 + 4);
    if (TEXT_COLUMNS.includes(column.key)) sheetColumn.numFmt = "@";
    if (DATE_COLUMNS.includes(column.key)) sheetColumn.numFmt = "yyyy-mm-dd";

    const example = ledger.getCell(2, index);
    if (DATE_COLUMNS.includes(column.key) && column.example) {
      example.value = new Date(`${column.example}T00:00:00Z`);
    } else if (column.key === "contractAmount" || column.key === "techTransactionAmount") {
      example.value = Number(column.example);
      example.numFmt = "#,##0.00";
    } else {
      example.value = column.example || null;
    }

    const list = dropDownOf[column.key];
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      const cell = ledger.getCell(r, index);
      if (list) {
        cell.dataValidation = {
          type: "list",
          allowBlank: !column.required,
          formulae: [listRange.get(list)!],
          showErrorMessage: true,
          errorStyle: "warning",
          errorTitle: column.header,
          error: `请从下拉列表中选择${column.header}`,
        };
      } else if (column.key === "contractAmount" || column.key === "techTransactionAmount") {
        cell.numFmt = "#,##0.00";
        cell.dataValidation = {
          type: "decimal",
          operator: "greaterThanOrEqual",
          allowBlank: true,
          formulae: [0],
          showErrorMessage: true,
          errorTitle: column.header,
          error: "请填写以元为单位的金额，最多两位小数",
        };
      } else if (DATE_COLUMNS.includes(column.key)) {
        cell.dataValidation = {
          type: "date",
          operator: "greaterThan",
          allowBlank: true,
          formulae: [new Date(Date.UTC(1980, 0, 1))],
          showErrorMessage: true,
          errorStyle: "warning",
          errorTitle: column.header,
          error: "请填写日期，如 2026-03-05",
        };
      }
    }
  });

  notes.columns = [
    { header: "列名", key: "header", width: 22 },
    { header: "是否必填", key: "required", width: 10 },
    { header: "填写说明", key: "note", width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  notes.addRow({
    header: "使用方法",
    required: "",
    note: "在“台账”表第 2 行起每行填写一份合同（第 2 行是示例，导入前请删除或改为真实数据）。上传后系统先逐行检查并显示预览，确认无误后才写入；有任何错误时不会导入。重复的登记号（系统中已有或表内重复）会被跳过并列出。",
  });
  for (const column of LEDGER_COLUMNS) {
    notes.addRow({
      header: column.header,
      required: column.required ? "必填" : "选填",
      note: column.key === "contractSubtype" ? `${column.note}${subtypeHint}` : column.note,
    });
  }
  notes.getColumn(3).alignment = { wrapText: true, vertical: "top" };

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

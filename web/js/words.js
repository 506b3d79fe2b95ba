// Names of roles, categories, states and kinds shown to people.
import { T } from "./i18n.js";

export const ROLE = {
  admin: "Quản trị hệ thống",
  commune_officer: "Công chức cấp xã",
  commune_chairman: "Chủ tịch UBND cấp xã",
  district_officer: "Công chức cấp huyện",
  district_chairman: "Chủ tịch UBND cấp huyện",
  province_officer: "Cán bộ cấp tỉnh",
  supervisor: "Giám sát (số liệu tổng hợp)",
  auditor: "Kiểm tra, thanh tra",
  provider: "Tổ chức chi trả",
};
export const roleName = (r) => T(ROLE[r] || r);

// Short names of the categories of Decree 20/2021 Art. 5 (RULES.md §2.2).
export const CATEGORY = {
  K1: "Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng",
  K1a: "Trẻ bị bỏ rơi", K1b: "Trẻ mồ côi cả cha và mẹ",
  K1c: "Mồ côi, người còn lại mất tích", K1d: "Mồ côi, người còn lại ở cơ sở TGXH",
  K1đ: "Mồ côi, người còn lại đang chấp hành án", K1dd: "Mồ côi, người còn lại đang chấp hành án", K1e: "Cả cha và mẹ mất tích",
  K1g: "Cả cha và mẹ ở cơ sở TGXH", K1h: "Cả cha và mẹ đang chấp hành án",
  K1i: "Một người mất tích, người kia ở cơ sở TGXH",
  K1k: "Một người mất tích, người kia chấp hành án",
  K1l: "Một người ở cơ sở TGXH, người kia chấp hành án",
  K2: "Từ 16 đến 22 tuổi đang đi học (trước là K1)",
  K3: "Trẻ em nhiễm HIV thuộc hộ nghèo",
  K4: "Người đơn thân nghèo đang nuôi con",
  K5a: "Người cao tuổi thuộc hộ nghèo, không có người phụng dưỡng",
  K5b: "Người từ 75 đến 80 tuổi ở xã đặc biệt khó khăn",
  K5c: "Người từ đủ 80 tuổi không có lương hưu, trợ cấp",
  K5d: "Người cao tuổi được nhận chăm sóc tại cộng đồng",
  K6: "Người khuyết tật nặng, đặc biệt nặng",
  K7: "Trẻ em dưới 3 tuổi ở xã đặc biệt khó khăn",
  K8: "Người nhiễm HIV thuộc hộ nghèo",
};
export const categoryName = (c) => T(CATEGORY[c] || c);
export const CATEGORY_ORDER = ["K1", "K1a", "K1b", "K1c", "K1d", "K1đ", "K1e", "K1g", "K1h",
  "K1i", "K1k", "K1l", "K2", "K3", "K4", "K5a", "K5b", "K5c", "K5d", "K6", "K7", "K8"];

export const STATUS = { enrolled: "Đang hưởng", suspended: "Tạm dừng", terminated: "Thôi hưởng" };
export const statusName = (s) => (s ? T(STATUS[s] || s) : T("Chưa hưởng"));

export const DOSSIER_KIND = {
  grant: "Đề nghị hưởng trợ cấp", adjust: "Điều chỉnh", stop: "Thôi hưởng, tạm dừng, hưởng lại",
  transfer: "Chuyển nơi cư trú", care: "Hỗ trợ kinh phí chăm sóc", funeral: "Hỗ trợ mai táng",
};
export const kindName = (k) => T(DOSSIER_KIND[k] || k);

export const DOSSIER_STATE = { open: "Đang xử lý", decided: "Đã quyết định", refused: "Từ chối", withdrawn: "Đã rút" };
export const dossierStateName = (s) => T(DOSSIER_STATE[s] || s);

export const PAYROLL_STATE = {
  prepared: "Đã lập", checked: "Đã kiểm tra", approved: "Đã phê duyệt",
  sent: "Đã gửi tổ chức chi trả", reconciled: "Đã đối chiếu",
};
export const payrollStateName = (s) => T(PAYROLL_STATE[s] || s);

export const LINE_KIND = {
  allowance: "Trợ cấp tháng", care: "Kinh phí chăm sóc", arrears: "Truy lĩnh",
  recovery: "Thu hồi", rollover: "Chuyển kỳ", funeral: "Mai táng", oneoff: "Chi một lần",
};
export const lineKindName = (k) => T(LINE_KIND[k] || k);

export const SEX = { M: "Nam", F: "Nữ" };
export const sexName = (s) => T(SEX[s] || s || "");

export const METHOD = { cash: "Tiền mặt", bank: "Chuyển khoản", ewallet: "Ví điện tử" };
export const methodName = (m) => T(METHOD[m] || m || "");

// What each role may reach (the server decides; this only shapes menus).
export const can = {
  persons: (r) => ["admin", "commune_officer", "commune_chairman", "district_officer",
    "district_chairman", "province_officer", "auditor"].includes(r),
  personWrite: (r) => ["commune_officer", "district_officer", "province_officer"].includes(r),
  dossierAct: (r) => ["commune_officer", "commune_chairman", "district_officer",
    "district_chairman", "province_officer"].includes(r),
  dossierCreate: (r) => ["commune_officer", "commune_chairman"].includes(r),
  payroll: (r) => ["admin", "commune_officer", "commune_chairman", "district_officer",
    "district_chairman", "province_officer", "auditor", "provider"].includes(r),
  payrollPrepare: (r) => ["commune_officer", "district_officer", "province_officer"].includes(r),
  payrollApprove: (r) => ["commune_chairman", "district_chairman"].includes(r),
  payrollPay: (r) => ["commune_officer", "district_officer", "province_officer", "provider"].includes(r),
  reports: (r) => r !== "provider",
  audit: (r) => ["admin", "auditor"].includes(r),
};

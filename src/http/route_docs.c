/* route_docs.c: what each route of the table in router.c means, for the
 * OpenAPI document (openapi.h). Keep one entry per route: a route without
 * one fails tests/api/test_openapi.c. To add a route: a line in the router
 * table, a line here (summaries in Vietnamese and English, query keys, the
 * request and answer schema names), and the schemas below if new.
 */
#include <string.h>

#include "http/openapi.h"

/* Keep in step with enum router_perm (router.h). */
static const char *const perm_names[] = {
    "public",          "authenticated",   "person_read",   "person_write",
    "dossier_read",    "dossier_act",     "decision_sign", "report_read",
    "audit_read",      "users_manage",    "reorganise",    "payroll_read",
    "payroll_prepare", "payroll_approve", "payroll_pay",
};

_Static_assert(sizeof perm_names / sizeof perm_names[0] == ROUTER_PERM_COUNT,
               "perm_names must name every enum router_perm value");

const char *openapi_perm_name(enum router_perm perm)
{
    if ((unsigned)perm >= ROUTER_PERM_COUNT)
        return "unknown";
    return perm_names[perm];
}

static const struct openapi_route_doc docs[] = {
    {"GET", "/healthz", "system", "Kiểm tra máy chủ và cơ sở dữ liệu",
     "Health of the server and the database", "", NULL, "Health", 200},
    {"GET", "/api/v1/openapi.json", "system", "Mô tả API (OpenAPI 3)",
     "This API description (OpenAPI 3)", "", NULL, "OpenAPI", 200},
    {"GET", "/api/v1/units", "units",
     "Đơn vị hành chính trực thuộc một đơn vị vào một ngày",
     "Units under a parent on a date", "date,parent", NULL, "UnitList", 200},
    {"GET", "/api/v1/units/:code", "units",
     "Một đơn vị hành chính và các cấp trên vào một ngày",
     "One unit and its ancestors on a date", "date", NULL, "UnitDetail", 200},
    {"GET", "/api/v1/units/:code/history", "units",
     "Mọi phiên bản của một mã đơn vị", "Every version of a unit code", "",
     NULL, "UnitHistory", 200},
    {"GET", "/api/v1/units/:code/successors", "units",
     "Đơn vị kế thừa sau sắp xếp", "Where a unit went at a reform", "", NULL,
     "UnitLinks", 200},
    {"GET", "/api/v1/units/:code/predecessors", "units",
     "Đơn vị được hình thành từ đâu", "What a unit was formed from", "", NULL,
     "UnitLinks", 200},
    {"POST", "/api/v1/quote", "rules", "Tính mức trợ cấp theo quy định",
     "Compute an allowance from the rules", "", "QuoteRequest", "QuoteResponse",
     200},
    {"POST", "/api/v1/session", "session", "Đăng nhập",
     "Log in: the user, the CSRF token and the session cookie", "",
     "LoginRequest", "Session", 200},
    {"DELETE", "/api/v1/session", "session", "Đăng xuất", "Log out", "", NULL,
     "Status", 200},
    {"GET", "/api/v1/me", "session", "Người dùng đang đăng nhập và mã CSRF",
     "The signed-in user and the CSRF token", "", NULL, "Session", 200},
    {"GET", "/api/v1/jobs/:id", "session",
     "Tiến độ một việc dài của người dùng (mã X-Job-Id)",
     "How far a long request of the caller has got (its X-Job-Id token)", "",
     NULL, "Job", 200},
    {"GET", "/api/v1/users", "users", "Danh sách tài khoản (lọc, phân trang)",
     "Accounts, filtered and paged", "role,area,active,page,per_page", NULL,
     "UserList", 200},
    {"POST", "/api/v1/users", "users", "Tạo tài khoản", "Create an account", "",
     "UserCreate", "UserAnswer", 201},
    {"GET", "/api/v1/users/:id", "users", "Một tài khoản (ETag là phiên bản)",
     "One account (the ETag is its version)", "", NULL, "UserAnswer", 200},
    {"PATCH", "/api/v1/users/:id", "users",
     "Sửa, khoá hoặc mở khoá tài khoản (cần phiên bản)",
     "Change, deactivate or reactivate an account (needs the version)", "",
     "UserUpdate", "UserAnswer", 200},
    {"GET", "/api/v1/audit", "audit",
     "Nhật ký thay đổi trong địa bàn (mới nhất trước)",
     "The audit log of the reader's area, newest first",
     "entity,entity_id,actor,page,per_page", NULL, "AuditList", 200},
    {"GET", "/api/v1/persons", "registry",
     "Tìm người theo CCCD hoặc tên (không dấu), lọc, phân trang",
     "Search persons by id number or name (diacritics optional), filtered "
     "and paged, in Vietnamese order",
     "q,unit,category,status,page,per_page", NULL, "PersonList", 200},
    {"POST", "/api/v1/persons", "registry", "Thêm người (kèm nơi cư trú)",
     "Create a person with their residence", "", "PersonCreate", "PersonDetail",
     201},
    {"GET", "/api/v1/persons/:id", "registry",
     "Hồ sơ một người (ETag là phiên bản)",
     "One person's whole record (the ETag is the person's version)", "", NULL,
     "PersonDetail", 200},
    {"PATCH", "/api/v1/persons/:id", "registry",
     "Sửa thông tin người (cần phiên bản)",
     "Correct a person (needs the version)", "", "PersonUpdate", "PersonDetail",
     200},
    {"POST", "/api/v1/persons/:id/documents", "registry",
     "Thêm giấy tờ chứng minh", "Add an evidence document", "",
     "DocumentCreate", "PersonDetail", 201},
    {"PUT", "/api/v1/persons/:id/payment", "registry",
     "Đặt phương thức chi trả mới từ một ngày (cần phiên bản hồ sơ hưởng)",
     "Set a new payment arrangement from a date (needs the beneficiary "
     "record's version)",
     "", "PaymentSet", "PersonDetail", 200},
    {"GET", "/api/v1/beneficiaries", "registry",
     "Danh sách đối tượng hưởng (lọc, phân trang)",
     "Beneficiary records, filtered and paged, in Vietnamese order",
     "q,unit,category,status,page,per_page", NULL, "PersonList", 200},
    {"GET", "/api/v1/dossiers", "dossiers",
     "Hồ sơ trong địa bàn: thời hạn, số ngày làm việc còn lại, quá hạn",
     "Dossiers in the caller's area (inbox): deadline, working days left, "
     "overdue",
     "unit,state,kind,step,overdue,person,page,per_page", NULL, "DossierList",
     200},
    {"POST", "/api/v1/dossiers", "dossiers", "Tiếp nhận hồ sơ tại cấp xã",
     "Register a dossier submitted at the commune", "", "DossierCreate",
     "DossierAnswer", 201},
    {"GET", "/api/v1/dossiers/:id", "dossiers",
     "Một hồ sơ: các bước, thao tác, khiếu nại, quyết định (ETag là phiên "
     "bản)",
     "One dossier: steps, acts, complaints, decision (the ETag is its "
     "version)",
     "", NULL, "DossierAnswer", 200},
    {"POST", "/api/v1/dossiers/:id/transitions", "dossiers",
     "Thực hiện một thao tác của thủ tục ở bước hiện tại (cần phiên bản)",
     "Take an action of the procedure at the current step (needs the "
     "version)",
     "", "DossierAct", "DossierAnswer", 200},
    {"POST", "/api/v1/dossiers/:id/complaints", "dossiers",
     "Tiếp nhận khiếu nại (giữ hồ sơ ở bước hiện tại đến khi trả lời)",
     "Record a complaint (holds the dossier at its step until answered)", "",
     "ComplaintCreate", "DossierAnswer", 201},
    {"POST", "/api/v1/dossiers/:id/complaints/:cid/resolve", "dossiers",
     "Trả lời khiếu nại bằng văn bản", "Answer a complaint in writing", "",
     "ComplaintAnswer", "DossierAnswer", 200},
    {"GET", "/api/v1/decisions", "decisions",
     "Quyết định trong địa bàn (lọc, phân trang)",
     "Decisions in the caller's area, filtered and paged",
     "unit,kind,from,to,person,page,per_page", NULL, "DecisionList", 200},
    {"POST", "/api/v1/decisions", "decisions",
     "Ký quyết định kết thúc hồ sơ (chủ tịch có thẩm quyền theo ngày ký)",
     "Sign the decision concluding a dossier (the chairman competent on the "
     "signing date)",
     "", "DecisionCreate", "DecisionAnswer", 201},
    {"GET", "/api/v1/decisions/:id", "decisions", "Một quyết định",
     "One decision", "", NULL, "DecisionAnswer", 200},
    {"GET", "/api/v1/decisions/:id/print", "decisions",
     "Bản in quyết định (HTML)", "The printable decision letter (HTML)", "",
     NULL, "HtmlPage", 200},
    {"GET", "/api/v1/units/:code/posting", "dossiers",
     "Danh sách niêm yết công khai của xã vào một ngày (không có thông tin "
     "HIV)",
     "The public posting list of a commune on a date (never HIV "
     "information)",
     "date", NULL, "PostingList", 200},
    {"GET", "/api/v1/procedures", "dossiers",
     "Dữ liệu thủ tục: các bước, thời hạn, vai trò, căn cứ",
     "The procedure data: steps, deadlines, roles, legal basis", "", NULL,
     "Procedures", 200},
    {"GET", "/api/v1/tasks", "tasks",
     "Công việc trong địa bàn: sự kiện theo tuổi, tạm dừng đủ 3 tháng, bước "
     "quá hạn, xác định xã sau sắp xếp",
     "Tasks in the caller's area: life events, three-month suspensions, "
     "overdue steps, assignments after the reorganisation",
     "unit,kind,state,due_before,person,page,per_page", NULL, "TaskList", 200},
    {"POST", "/api/v1/tasks/generate", "tasks",
     "Tạo công việc của một tháng trong địa bàn (tạo lại không thay đổi gì)",
     "Generate a month's tasks in the caller's area (idempotent)", "",
     "TaskGenerate", "TaskGenerated", 200},
    {"POST", "/api/v1/tasks/:id/done", "tasks",
     "Đánh dấu công việc đã xong kèm ghi chú (xác định xã: chọn một xã kế "
     "thừa)",
     "Close a task with a note (an assignment: choose one of the "
     "candidates)",
     "", "TaskDone", "TaskAnswer", 200},
    {"POST", "/api/v1/admin/reorganise", "admin",
     "Áp dụng sắp xếp đơn vị hành chính (một giao dịch; chạy thử được)",
     "Apply a reorganisation of administrative units (one transaction; dry "
     "run available)",
     "", "Reorganise", "ReorganiseSummary", 200},
    {"GET", "/api/v1/reports/summary", "reports",
     "Số liệu tổng hợp: đối tượng theo diện và địa bàn, tiền trợ cấp 12 "
     "tháng",
     "Aggregates: beneficiaries by category and unit, 12 months of money",
     "date,unit", NULL, "Summary", 200},
    {"GET", "/api/v1/reports/oversight", "reports",
     "Số liệu giám sát của một ngày và địa bàn: đối tượng, kinh phí đã chi, "
     "hồ sơ (trung vị ngày làm việc), khiếu nại",
     "The oversight document of a date and a unit: beneficiaries, money "
     "paid, dossiers (median working days), complaints",
     "date,unit", NULL, "Oversight", 200},
    {"GET", "/api/v1/reports/oversight.xlsx", "reports",
     "Số liệu giám sát dạng bảng tính (mỗi bảng một trang tính)",
     "The oversight document's tables as XLSX (one sheet per table)",
     "date,unit", NULL, "FileDownload", 200},
    {"GET", "/api/v1/reports/oversight.pdf", "reports",
     "Báo cáo giám sát dạng PDF", "The oversight report as PDF", "date,unit",
     NULL, "FileDownload", 200},
    {"GET", "/api/v1/reports/oversight/print", "reports",
     "Bản in báo cáo giám sát (HTML, có biểu đồ kinh phí theo tháng)",
     "The oversight report's print page (HTML, with the monthly money chart)",
     "date,unit", NULL, "HtmlPage", 200},
    {"GET", "/api/v1/reports/forms/:form", "reports",
     "Báo cáo định kỳ 6 tháng theo mẫu 10a-10d (JSON; 10a.xlsx, 10a.pdf: "
     "bảng tính, PDF); bố cục mẫu chưa được kiểm chứng",
     "The twice-yearly report on Forms 10a-10d (JSON; 10a.xlsx, 10a.pdf: "
     "spreadsheet, PDF); the layouts are unverified",
     "unit,year,half", NULL, "ReportForm", 200},
    {"GET", "/api/v1/reports/forms/:form/print", "reports",
     "Bản in báo cáo định kỳ theo mẫu 10a-10d (HTML)",
     "The print page of a Form 10a-10d report (HTML)", "unit,year,half", NULL,
     "HtmlPage", 200},
    {"GET", "/api/v1/payrolls", "payrolls",
     "Danh sách chi trả trong địa bàn (lọc theo tháng, trạng thái)",
     "Payrolls in the caller's area, by month and state",
     "month,state,page,per_page", NULL, "PayrollList", 200},
    {"POST", "/api/v1/payrolls", "payrolls",
     "Lập (hoặc lập lại) danh sách chi trả tháng của một địa bàn (theo dõi "
     "tiến độ: tiêu đề X-Job-Id)",
     "Prepare (or prepare again) the payroll of an area and month (progress: "
     "an X-Job-Id header)",
     "", "PayrollPrepare", "PayrollDetail", 201},
    {"GET", "/api/v1/payrolls/:id", "payrolls",
     "Một danh sách chi trả: điểm chi trả, các dòng có giải thích",
     "One payroll: payment points, lines with their explanations",
     "page,per_page,point", NULL, "PayrollDetail", 200},
    {"POST", "/api/v1/payrolls/:id/check", "payrolls",
     "Kiểm tra danh sách (không phải người lập)",
     "Check a payroll (not by its preparer)", "", "PayrollMove",
     "PayrollDetail", 200},
    {"POST", "/api/v1/payrolls/:id/approve", "payrolls",
     "Phê duyệt danh sách (Chủ tịch; không phải người lập, người kiểm tra)",
     "Approve a payroll (a chairman; neither preparer nor checker)", "",
     "PayrollMove", "PayrollDetail", 200},
    {"POST", "/api/v1/payrolls/:id/send", "payrolls",
     "Gửi danh sách đã duyệt cho tổ chức chi trả",
     "Send an approved payroll to the payment provider", "", "PayrollMove",
     "PayrollDetail", 200},
    {"POST", "/api/v1/payrolls/:id/blocks", "payrolls",
     "Giữ lại (hoặc thôi giữ) một dòng trước khi duyệt",
     "Hold back (or release) a line before approval", "", "PayrollBlock",
     "PayrollDetail", 200},
    {"GET", "/api/v1/payrolls/:id/provider.csv", "payrolls",
     "Tệp gửi tổ chức chi trả (CSV UTF-8 có BOM)",
     "The provider file (CSV, UTF-8 with BOM)", "", NULL, "FileDownload", 200},
    {"GET", "/api/v1/payrolls/:id/provider.xlsx", "payrolls",
     "Tệp gửi tổ chức chi trả (XLSX)", "The provider file (XLSX)", "", NULL,
     "FileDownload", 200},
    {"GET", "/api/v1/payrolls/:id/lists/:point", "payrolls",
     "Danh sách ký nhận của điểm chi trả (HTML; thêm .pdf để lấy PDF; điểm "
     "0: thu hồi)",
     "The signed list of a payment point (HTML; .pdf for the PDF; point 0: "
     "recoveries)",
     "", NULL, "FileDownload", 200},
    {"POST", "/api/v1/payrolls/:id/reconciliation", "payrolls",
     "Nhận tệp kết quả chi trả của tổ chức chi trả (CSV hoặc XLSX; theo dõi "
     "tiến độ: tiêu đề X-Job-Id)",
     "Import the provider's result file (CSV or XLSX, raw body; progress: an "
     "X-Job-Id header)",
     "", "ResultFile", "Reconciliation", 201},
    {"GET", "/api/v1/payrolls/:id/reconciliation", "payrolls",
     "Các lần nhận kết quả và sai lệch", "Result imports and mismatches", "",
     NULL, "ReconciliationList", 200},
    {"GET", "/api/v1/reports/budget", "reports",
     "Số liệu kinh phí chi trả theo tháng, quý, năm, địa bàn, diện",
     "Budget figures by month, quarter or year, area and category",
     "area,year,period", NULL, "Budget", 200},
    {"GET", "/api/v1/reports/bhyt", "reports",
     "Danh sách cấp, thôi cấp thẻ BHYT của tháng (XLSX)",
     "Health-insurance cards to issue or end in a month (XLSX)",
     "area,month,format", NULL, "FileDownload", 200},
};

/* Schemas in the OpenAPI 3.0 dialect of JSON Schema, as JSON text. */
static const struct openapi_schema schemas[] = {
    {"Error",
     "{\"type\":\"object\",\"properties\":{\"error\":{\"type\":\"object\","
     "\"properties\":"
     "{\"code\":{\"type\":\"string\"},\"message\":{\"type\":\"string\"},"
     "\"field\":"
     "{\"type\":\"string\"}},\"required\":[\"code\",\"message\"]}},"
     "\"required\":"
     "[\"error\"],\"description\":\"The one error shape: a stable code,"
     " a Vietnamese message, the field concerned (if any).\"}"},
    {"Health",
     "{\"type\":\"object\",\"properties\":{\"status\":{\"type\":\"string\"},"
     "\"database\":{\"type\":\"string\"},\"version\":{\"type\":\"string\"},"
     "\"engine\":"
     "{\"type\":\"string\",\"enum\":[\"sqlite\",\"postgresql\"]}},\"required\":"
     "[\"status\",\"database\",\"version\",\"engine\"]}"},
    {"Unit",
     "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"},"
     "\"name\":"
     "{\"type\":\"string\"},\"type\":{\"type\":\"string\"},\"level\":{\"type\":"
     "\"integer\"},\"level_name\":{\"type\":\"string\",\"enum\":[\"province\","
     "\"district\",\"commune\"]},\"parent_code\":{\"type\":\"string\","
     "\"nullable\":"
     "true},\"valid_from\":{\"type\":\"string\",\"format\":\"date\"},\"valid_"
     "to\":"
     "{\"type\":\"string\",\"format\":\"date\",\"nullable\":true}},"
     "\"required\":"
     "[\"code\",\"name\",\"level\",\"valid_from\"]}"},
    {"UnitList",
     "{\"type\":\"object\",\"properties\":{\"date\":{\"type\":\"string\","
     "\"format\":"
     "\"date\"},\"parent\":{\"type\":\"string\",\"nullable\":true},\"count\":"
     "{\"type\":\"integer\"},\"units\":{\"type\":\"array\",\"items\":{\"$ref\":"
     "\"#/components/schemas/"
     "Unit\"}},\"note\":{\"type\":\"string\"},\"data_date\":"
     "{\"type\":\"string\"}},\"required\":[\"date\",\"units\"]}"},
    {"UnitDetail",
     "{\"type\":\"object\",\"properties\":{\"date\":{\"type\":\"string\","
     "\"format\":"
     "\"date\"},\"unit\":{\"$ref\":\"#/components/schemas/"
     "Unit\"},\"ancestors\":"
     "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Unit\"}}},"
     "\"required\":[\"unit\",\"ancestors\"]}"},
    {"UnitHistory",
     "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"},"
     "\"versions\":"
     "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/schemas/Unit\"}}},"
     "\"required\":[\"code\",\"versions\"]}"},
    {"UnitLink",
     "{\"type\":\"object\",\"properties\":{\"effective\":{\"type\":\"string\"},"
     "\"new_code\":{\"type\":\"string\"},\"new_name\":{\"type\":\"string\"},"
     "\"old_code\":{\"type\":\"string\"},\"old_name\":{\"type\":\"string\"},"
     "\"kind\":{\"type\":\"string\",\"enum\":[\"full\",\"partial\"]}}}"},
    {"UnitLinks", "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":"
                  "\"string\"},\"successors\":"
                  "{\"type\":\"array\",\"items\":{\"$ref\":\"#/components/"
                  "schemas/UnitLink\"}},"
                  "\"predecessors\":{\"type\":\"array\",\"items\":{\"$ref\":\"#"
                  "/components/schemas/UnitLink\"}}},"
                  "\"required\":[\"code\"]}"},
    {"QuoteRequest", "{\"type\":\"object\",\"description\":\"A person and a "
                     "period to compute the allowance for:"
                     " docs/rules.md.\"}"},
    {"QuoteResponse", "{\"type\":\"object\",\"description\":\"Monthly amounts "
                      "with the rule lines applied:"
                      " docs/rules.md.\"}"},
    {"LoginRequest",
     "{\"type\":\"object\",\"properties\":{\"username\":{\"type\":\"string\"},"
     "\"password\":{\"type\":\"string\",\"format\":\"password\"}},\"required\":"
     "[\"username\",\"password\"]}"},
    {"Area", "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":"
             "\"string\"},\"name\":"
             "{\"type\":\"string\"}},\"required\":[\"code\",\"name\"],"
             "\"nullable\":true}"},
    {"SessionUser",
     "{\"type\":\"object\",\"properties\":{\"username\":{\"type\":\"string\"},"
     "\"full_name\":{\"type\":\"string\"},\"role\":{\"$ref\":\"#/components/"
     "schemas/Role\"},"
     "\"area_code\":{\"type\":\"string\",\"nullable\":true},\"area\":{\"$ref\":"
     "\"#/components/schemas/Area\"}},\"required\":[\"username\",\"full_name\","
     "\"role\",\"area_code\",\"area\"]}"},
    {"Session",
     "{\"type\":\"object\",\"properties\":{\"user\":{\"$ref\":\"#/components/"
     "schemas/SessionUser\"},"
     "\"csrf_token\":{\"type\":\"string\",\"description\":\"Send back in "
     "X-CSRF-Token on every POST,"
     " PUT, PATCH and DELETE.\"},"
     "\"today\":{\"type\":\"string\",\"format\":\"date\","
     "\"description\":\"The server's date in Vietnam (ANSINH_TODAY when "
     "set).\"}},\"required\":[\"user\",\"csrf_token\",\"today\"]}"},
    {"Status",
     "{\"type\":\"object\",\"properties\":{\"status\":{\"type\":\"string\"}},"
     "\"required\":[\"status\"]}"},
    {"Role", "{\"type\":\"string\",\"enum\":[\"admin\",\"commune_officer\","
             "\"commune_chairman\","
             "\"district_officer\",\"district_chairman\",\"province_officer\","
             "\"supervisor\",\"auditor\",\"provider\"]}"},
    {"User",
     "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
     "\"username\":"
     "{\"type\":\"string\"},\"full_name\":{\"type\":\"string\"},\"role\":{\"$"
     "ref\":"
     "\"#/components/schemas/Role\"},\"area_code\":{\"type\":\"string\","
     "\"nullable\":true},\"area\":{\"$ref\":\"#/components/schemas/Area\"},"
     "\"active\":{\"type\":\"boolean\"},\"version\":{\"type\":\"integer\","
     "\"description\":"
     "\"Send back with an update (or as If-Match); 409 when stale.\"},"
     "\"created_at\":{\"type\":\"string\",\"format\":\"date-time\"},\"updated_"
     "at\":"
     "{\"type\":\"string\",\"format\":\"date-time\",\"nullable\":true}},"
     "\"required\":"
     "[\"id\",\"username\",\"full_name\",\"role\",\"area_code\",\"active\","
     "\"version\","
     "\"created_at\"]}"},
    {"UserAnswer", "{\"type\":\"object\",\"properties\":{\"user\":{\"$ref\":\"#"
                   "/components/schemas/User\"}},"
                   "\"required\":[\"user\"]}"},
    {"UserList",
     "{\"type\":\"object\",\"properties\":{\"users\":{\"type\":\"array\","
     "\"items\":"
     "{\"$ref\":\"#/components/schemas/"
     "User\"}},\"page\":{\"type\":\"integer\"},"
     "\"per_page\":{\"type\":\"integer\"},\"total\":{\"type\":\"integer\"}},"
     "\"required\":[\"users\",\"page\",\"per_page\",\"total\"]}"},
    {"UserCreate",
     "{\"type\":\"object\",\"properties\":{\"username\":{\"type\":\"string\"},"
     "\"full_name\":{\"type\":\"string\"},\"password\":{\"type\":\"string\","
     "\"format\":\"password\",\"minLength\":8},\"role\":{\"$ref\":\"#/"
     "components/schemas/Role\"},"
     "\"area_code\":{\"type\":\"string\",\"nullable\":true}},\"required\":"
     "[\"username\",\"full_name\",\"password\",\"role\"],"
     "\"additionalProperties\":"
     "false}"},
    {"UserUpdate",
     "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":\"integer\","
     "\"minimum\":1},\"full_name\":{\"type\":\"string\"},\"role\":{\"$ref\":"
     "\"#/components/schemas/Role\"},\"area_code\":{\"type\":\"string\","
     "\"nullable\":true},\"active\":{\"type\":\"boolean\"},\"password\":{"
     "\"type\":"
     "\"string\",\"format\":\"password\",\"minLength\":8}},"
     "\"additionalProperties\":"
     "false}"},
    {"AuditRecord",
     "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
     "\"at\":"
     "{\"type\":\"string\",\"format\":\"date-time\"},\"actor\":{\"type\":"
     "\"string\"},"
     "\"action\":{\"type\":\"string\"},\"entity\":{\"type\":\"string\"},"
     "\"entity_id\":"
     "{\"type\":\"string\"},\"area_path\":{\"type\":\"string\"},\"detail\":{"
     "\"type\":\"object\"},\"old_value\":{\"nullable\":true},\"new_value\":"
     "{\"nullable\":true},\"prev_hash\":{\"type\":\"string\"},\"hash\":{"
     "\"type\":"
     "\"string\"}},\"required\":[\"id\",\"at\",\"actor\",\"action\",\"prev_"
     "hash\","
     "\"hash\"]}"},
    {"AuditList",
     "{\"type\":\"object\",\"properties\":{\"records\":{\"type\":\"array\","
     "\"items\":"
     "{\"$ref\":\"#/components/schemas/AuditRecord\"}},\"page\":{\"type\":"
     "\"integer\"},\"per_page\":{\"type\":\"integer\"},\"total\":{\"type\":"
     "\"integer\"}},"
     "\"required\":[\"records\",\"page\",\"per_page\",\"total\"]}"},
    {"OpenAPI", "{\"type\":\"object\",\"description\":\"This document.\"}"},
    {"PersonHit",
     "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
     "\"id_number\":{\"type\":\"string\",\"nullable\":true},\"full_name\":"
     "{\"type\":\"string\"},\"birth_date\":{\"type\":\"string\",\"format\":"
     "\"date\"},\"sex\":{\"type\":\"string\",\"enum\":[\"M\",\"F\"]},"
     "\"version\":{\"type\":\"integer\"},\"unit_code\":{\"type\":\"string\","
     "\"nullable\":true},\"status\":{\"type\":\"string\",\"nullable\":true,"
     "\"enum\":[\"enrolled\",\"suspended\",\"terminated\",null]},"
     "\"categories\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
     "\"required\":[\"id\",\"full_name\",\"birth_date\",\"sex\"]}"},
    {"PersonList",
     "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":"
     "\"integer\"},\"page\":{\"type\":\"integer\"},\"per_page\":{\"type\":"
     "\"integer\"},\"items\":{\"type\":\"array\",\"items\":{\"$ref\":"
     "\"#/components/schemas/PersonHit\"}}},\"required\":[\"total\",\"page\","
     "\"per_page\",\"items\"]}"},
    {"PersonDetail",
     "{\"type\":\"object\",\"description\":\"person, household, "
     "residences, memberships with their documents, other documents, "
     "beneficiary (status, history) and payment (current, history): "
     "docs/registry.md.\",\"properties\":{\"person\":{\"type\":"
     "\"object\"},\"household\":{\"type\":\"object\",\"nullable\":true},"
     "\"residences\":{\"type\":\"array\"},\"memberships\":{\"type\":"
     "\"array\"},\"documents\":{\"type\":\"array\"},\"beneficiary\":{"
     "\"type\":\"object\",\"nullable\":true},\"payment\":{\"type\":"
     "\"object\",\"nullable\":true}},\"required\":[\"person\","
     "\"residences\",\"memberships\",\"documents\"]}"},
    {"PersonCreate",
     "{\"type\":\"object\",\"properties\":{\"full_name\":{\"type\":"
     "\"string\",\"maxLength\":100},\"birth_date\":{\"type\":\"string\","
     "\"format\":\"date\"},\"sex\":{\"type\":\"string\",\"enum\":[\"M\","
     "\"F\"]},\"id_number\":{\"type\":\"string\",\"nullable\":true,"
     "\"pattern\":\"^([0-9]{9}|[0-9]{12})$\"},\"household_id\":{\"type\":"
     "\"integer\",\"nullable\":true},\"residence\":{\"type\":\"object\","
     "\"properties\":{\"unit_code\":{\"type\":\"string\"},\"address\":{"
     "\"type\":\"string\"},\"valid_from\":{\"type\":\"string\",\"format\":"
     "\"date\"}},\"required\":[\"unit_code\"],\"additionalProperties\":"
     "false}},\"required\":[\"full_name\",\"birth_date\",\"sex\","
     "\"residence\"],\"additionalProperties\":false}"},
    {"PersonUpdate",
     "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":"
     "\"integer\",\"minimum\":1},\"full_name\":{\"type\":\"string\"},"
     "\"birth_date\":{\"type\":\"string\",\"format\":\"date\"},\"sex\":{"
     "\"type\":\"string\",\"enum\":[\"M\",\"F\"]},\"id_number\":{\"type\":"
     "\"string\",\"nullable\":true},\"household_id\":{\"type\":"
     "\"integer\",\"nullable\":true}},\"additionalProperties\":false}"},
    {"DocumentCreate",
     "{\"type\":\"object\",\"properties\":{\"kind\":{\"type\":\"string\","
     "\"enum\":[\"birth_certificate\",\"death_certificate\","
     "\"disability_certificate\",\"hiv_confirmation\","
     "\"poverty_certificate\",\"decision\",\"missing_declaration\","
     "\"facility_confirmation\",\"prison_confirmation\","
     "\"abandonment_record\",\"school_confirmation\",\"marital_status\","
     "\"authorisation\",\"other\"]},\"type\":{\"type\":\"string\"},"
     "\"number\":{\"type\":\"string\"},\"issued_on\":{\"type\":"
     "\"string\",\"format\":\"date\"},\"issuer\":{\"type\":\"string\"},"
     "\"membership_id\":{\"type\":\"integer\",\"nullable\":true}},"
     "\"required\":[\"kind\"],\"additionalProperties\":false}"},
    {"PaymentSet",
     "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":"
     "\"integer\",\"minimum\":1},\"valid_from\":{\"type\":\"string\","
     "\"format\":\"date\"},\"method\":{\"type\":\"string\",\"enum\":["
     "\"cash\",\"bank\",\"ewallet\"]},\"point_name\":{\"type\":"
     "\"string\"},\"point_officer\":{\"type\":\"string\"},\"bank_code\":{"
     "\"type\":\"string\",\"pattern\":\"^[0-9]{6}$\"},\"account_number\":"
     "{\"type\":\"string\"},\"wallet_provider\":{\"type\":\"string\"},"
     "\"receiver\":{\"type\":\"object\",\"nullable\":true,\"properties\":"
     "{\"full_name\":{\"type\":\"string\"},\"id_number\":{\"type\":"
     "\"string\"},\"relationship\":{\"type\":\"string\"},\"document\":{"
     "\"type\":\"string\"}},\"additionalProperties\":false}},\"required\":"
     "[\"version\",\"valid_from\",\"method\"],\"additionalProperties\":"
     "false}"},
    {"DossierSummary",
     "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"},"
     "\"version\":{\"type\":\"integer\"},\"person\":{\"type\":"
     "\"object\"},\"kind\":{\"type\":\"string\"},\"state\":{\"type\":"
     "\"string\",\"enum\":[\"open\",\"decided\",\"refused\","
     "\"withdrawn\"]},\"step\":{\"type\":\"string\",\"nullable\":true},"
     "\"deadline\":{\"type\":\"string\",\"format\":\"date\",\"nullable\":"
     "true},\"working_days_left\":{\"type\":\"integer\",\"nullable\":"
     "true},\"overdue\":{\"type\":\"boolean\"},\"paused\":{\"type\":"
     "\"boolean\"},\"held\":{\"type\":\"boolean\"}},\"required\":[\"id\","
     "\"version\",\"state\"]}"},
    {"DossierList",
     "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":"
     "\"integer\"},\"page\":{\"type\":\"integer\"},\"per_page\":{\"type\":"
     "\"integer\"},\"items\":{\"type\":\"array\",\"items\":{\"$ref\":"
     "\"#/components/schemas/DossierSummary\"}}},\"required\":[\"total\","
     "\"page\",\"per_page\",\"items\"]}"},
    {"DossierAnswer",
     "{\"type\":\"object\",\"description\":\"The dossier with its "
     "procedure, current step, step visits, acts, complaints, decision and "
     "the actions the caller may take: docs/dossiers.md.\",\"properties\":"
     "{\"dossier\":{\"type\":\"object\"},\"complaint_id\":{\"type\":"
     "\"integer\"}},\"required\":[\"dossier\"]}"},
    {"DossierCreate",
     "{\"type\":\"object\",\"properties\":{\"person_id\":{\"type\":"
     "\"integer\"},\"kind\":{\"type\":\"string\",\"enum\":[\"grant\","
     "\"adjust\",\"stop\",\"transfer\",\"care\",\"funeral\"]},"
     "\"submitted_on\":{\"type\":\"string\",\"format\":\"date\"},"
     "\"categories\":{\"type\":\"array\",\"items\":{\"type\":"
     "\"string\"},\"maxItems\":8},\"disability\":{\"type\":\"string\","
     "\"enum\":[\"severe\",\"especially_severe\"]},\"certificate_on\":{"
     "\"type\":\"string\",\"format\":\"date\"},\"event_on\":{\"type\":"
     "\"string\",\"format\":\"date\"},\"proposed\":{\"type\":\"string\","
     "\"enum\":[\"suspend\",\"resume\",\"terminate\"]},\"ground\":{"
     "\"type\":\"string\"},\"applicant\":{\"type\":\"string\"},\"note\":"
     "{\"type\":\"string\"},\"to_unit\":{\"type\":\"string\","
     "\"pattern\":\"^[0-9]{5}$\",\"description\":\"A stop for a move "
     "(ground moved): the commune the person moved to; signing the stop "
     "opens the transfer dossier there (RULES.md §6.3).\"},\"to_address\":{"
     "\"type\":\"string\"}},\"required\":[\"person_id\",\"kind\"],"
     "\"additionalProperties\":false}"},
    {"DossierAct",
     "{\"type\":\"object\",\"properties\":{\"action\":{\"type\":"
     "\"string\"},\"version\":{\"type\":\"integer\",\"minimum\":1},"
     "\"date\":{\"type\":\"string\",\"format\":\"date\"},\"note\":{"
     "\"type\":\"string\"}},\"required\":[\"action\"],"
     "\"additionalProperties\":false}"},
    {"ComplaintCreate",
     "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":"
     "\"integer\",\"minimum\":1},\"complainant\":{\"type\":\"string\"},"
     "\"content\":{\"type\":\"string\"},\"received_on\":{\"type\":"
     "\"string\",\"format\":\"date\"}},\"required\":[\"complainant\","
     "\"content\"],\"additionalProperties\":false}"},
    {"ComplaintAnswer",
     "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":"
     "\"integer\",\"minimum\":1},\"answer\":{\"type\":\"string\"},"
     "\"resolved_on\":{\"type\":\"string\",\"format\":\"date\"}},"
     "\"required\":[\"answer\"],\"additionalProperties\":false}"},
    {"Decision",
     "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
     "\"integer\"},\"dossier_id\":{\"type\":\"integer\"},\"number\":{"
     "\"type\":\"string\"},\"signed_on\":{\"type\":\"string\","
     "\"format\":\"date\"},\"signer\":{\"type\":\"object\"},\"kind\":{"
     "\"type\":\"string\",\"enum\":[\"grant\",\"adjust\",\"suspend\","
     "\"resume\",\"terminate\"]},\"effective_month\":{\"type\":"
     "\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"},\"person\":{"
     "\"type\":\"object\"}},\"required\":[\"id\",\"number\","
     "\"signed_on\",\"kind\",\"effective_month\"]}"},
    {"DecisionAnswer",
     "{\"type\":\"object\",\"properties\":{\"decision\":{\"$ref\":"
     "\"#/components/schemas/Decision\"}},\"required\":[\"decision\"]}"},
    {"DecisionList",
     "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":"
     "\"integer\"},\"page\":{\"type\":\"integer\"},\"per_page\":{\"type\":"
     "\"integer\"},\"items\":{\"type\":\"array\",\"items\":{\"$ref\":"
     "\"#/components/schemas/Decision\"}}},\"required\":[\"total\","
     "\"page\",\"per_page\",\"items\"]}"},
    {"DecisionCreate",
     "{\"type\":\"object\",\"properties\":{\"dossier_id\":{\"type\":"
     "\"integer\"},\"version\":{\"type\":\"integer\",\"minimum\":1},"
     "\"number\":{\"type\":\"string\",\"maxLength\":50},\"signed_on\":{"
     "\"type\":\"string\",\"format\":\"date\"},\"kind\":{\"type\":"
     "\"string\"},\"reason_text\":{\"type\":\"string\"}},\"required\":"
     "[\"dossier_id\",\"number\"],\"additionalProperties\":false}"},
    {"HtmlPage", "{\"type\":\"string\",\"description\":\"A text/html page (the "
                 "printable letter), not JSON.\"}"},
    {"FileDownload",
     "{\"type\":\"string\",\"format\":\"binary\",\"description\":\"A "
     "document, not JSON: CSV (text/csv, UTF-8 with BOM), XLSX, PDF or a "
     "text/html print page, with Content-Disposition.\"}"},
    {"ResultFile",
     "{\"type\":\"string\",\"format\":\"binary\",\"description\":\"The "
     "provider's result file as the raw body (Content-Type text/csv or the "
     "XLSX media type): columns MaThamChieu, SoTien, TrangThai, NgayChi; "
     "docs/payroll.md.\"}"},
    {"PayrollPrepare",
     "{\"type\":\"object\",\"properties\":{\"area\":{\"type\":"
     "\"string\"},\"month\":{\"type\":\"string\",\"pattern\":"
     "\"^[0-9]{4}-[0-9]{2}$\"},\"lookback\":{\"type\":\"integer\","
     "\"minimum\":0,\"maximum\":120}},\"required\":[\"area\",\"month\"],"
     "\"additionalProperties\":false}"},
    {"PayrollMove",
     "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":"
     "\"integer\",\"minimum\":1}},\"additionalProperties\":false,"
     "\"description\":\"The version may come as If-Match instead.\"}"},
    {"PayrollBlock", "{\"type\":\"object\",\"properties\":{\"ref\":{\"type\":"
                     "\"string\"},\"reason\":{\"type\":[\"string\",\"null\"]}},"
                     "\"required\":[\"ref\"],\"additionalProperties\":false}"},
    {"PayrollList",
     "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":"
     "\"integer\"},\"page\":{\"type\":\"integer\"},\"per_page\":{"
     "\"type\":\"integer\"},\"items\":{\"type\":\"array\"}},"
     "\"required\":[\"total\",\"items\"]}"},
    {"PayrollDetail",
     "{\"type\":\"object\",\"properties\":{\"payroll\":{\"type\":"
     "\"object\"},\"points\":{\"type\":\"array\"},\"lines\":{\"type\":"
     "\"array\"},\"total\":{\"type\":\"integer\"},\"summary\":{"
     "\"type\":\"object\"}},\"required\":[\"payroll\"]}"},
    {"Reconciliation",
     "{\"type\":\"object\",\"properties\":{\"import\":{\"type\":"
     "\"object\"},\"repeated\":{\"type\":\"boolean\"},\"tasks\":{"
     "\"type\":\"integer\"},\"state\":{\"type\":\"string\"},"
     "\"mismatches\":{\"type\":\"array\"}},\"required\":[\"import\","
     "\"repeated\",\"mismatches\"]}"},
    {"ReconciliationList",
     "{\"type\":\"object\",\"properties\":{\"payroll\":{\"type\":"
     "\"object\"},\"imports\":{\"type\":\"array\"}},\"required\":["
     "\"payroll\",\"imports\"]}"},
    {"Budget",
     "{\"type\":\"object\",\"properties\":{\"area_code\":{\"type\":"
     "\"string\"},\"year\":{\"type\":\"integer\"},\"period\":{\"type\":"
     "\"string\"},\"items\":{\"type\":\"array\"},\"totals\":{\"type\":"
     "\"array\"}},\"required\":[\"items\",\"totals\"]}"},
    {"PostingList",
     "{\"type\":\"object\",\"properties\":{\"unit\":{\"type\":"
     "\"object\"},\"date\":{\"type\":\"string\",\"format\":\"date\"},"
     "\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
     "\"properties\":{\"full_name\":{\"type\":\"string\"},\"birth_year\":"
     "{\"type\":\"integer\"},\"kind_name\":{\"type\":\"string\"},"
     "\"categories\":{\"type\":\"array\"},\"posted_from\":{\"type\":"
     "\"string\"},\"posted_until\":{\"type\":\"string\",\"nullable\":"
     "true}}}},\"note\":{\"type\":\"string\"}},\"required\":[\"unit\","
     "\"date\",\"items\"]}"},
    {"Task", "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":"
             "\"integer\"},\"version\":{\"type\":\"integer\"},\"kind\":{"
             "\"type\":\"string\",\"enum\":[\"child_4\",\"child_16\","
             "\"child_22\",\"elderly_80\",\"k7_3\",\"suspended_3m\","
             "\"overdue_step\",\"assign_commune\",\"assign_user\"]},\"title\":"
             "{\"type\":\"string\"},\"rules_ref\":{\"type\":\"string\"},"
             "\"decision\":{\"type\":\"string\"},\"decision_text\":{\"type\":"
             "\"string\"},\"state\":{\"type\":\"string\",\"enum\":[\"open\","
             "\"done\"]},\"unit\":{\"type\":\"object\"},\"person\":{\"type\":"
             "\"object\",\"nullable\":true},\"event_on\":{\"type\":\"string\","
             "\"format\":\"date\"},\"due_on\":{\"type\":\"string\",\"format\":"
             "\"date\"},\"overdue\":{\"type\":\"boolean\"},\"candidates\":{"
             "\"type\":\"array\"}},\"required\":[\"id\",\"version\",\"kind\","
             "\"rules_ref\",\"decision\",\"state\",\"due_on\"]}"},
    {"TaskList",
     "{\"type\":\"object\",\"properties\":{\"total\":{\"type\":"
     "\"integer\"},\"page\":{\"type\":\"integer\"},\"per_page\":{"
     "\"type\":\"integer\"},\"items\":{\"type\":\"array\",\"items\":{"
     "\"$ref\":\"#/components/schemas/Task\"}}},\"required\":[\"total\","
     "\"page\",\"per_page\",\"items\"]}"},
    {"TaskAnswer", "{\"type\":\"object\",\"properties\":{\"task\":{\"$ref\":"
                   "\"#/components/schemas/Task\"}},\"required\":[\"task\"]}"},
    {"TaskDone", "{\"type\":\"object\",\"properties\":{\"version\":{\"type\":"
                 "\"integer\",\"minimum\":1},\"note\":{\"type\":\"string\","
                 "\"maxLength\":1000},\"unit_code\":{\"type\":\"string\","
                 "\"pattern\":\"^[0-9]{5}$\"}},\"required\":[\"note\"],"
                 "\"additionalProperties\":false}"},
    {"TaskGenerate",
     "{\"type\":\"object\",\"properties\":{\"month\":{\"type\":"
     "\"string\",\"pattern\":\"^[0-9]{4}-[0-9]{2}$\"}},\"required\":["
     "\"month\"],\"additionalProperties\":false}"},
    {"TaskGenerated",
     "{\"type\":\"object\",\"properties\":{\"month\":{\"type\":"
     "\"string\"},\"created\":{\"type\":\"integer\"},\"existing\":{"
     "\"type\":\"integer\"},\"by_kind\":{\"type\":\"object\"}},"
     "\"required\":[\"month\",\"created\",\"existing\"]}"},
    {"Reorganise",
     "{\"type\":\"object\",\"properties\":{\"to\":{\"type\":"
     "\"string\",\"format\":\"date\"},\"dry_run\":{\"type\":"
     "\"boolean\"}},\"required\":[\"to\"],\"additionalProperties\":"
     "false}"},
    {"ReorganiseSummary",
     "{\"type\":\"object\",\"description\":\"What the reorganisation "
     "moved (or would move): docs/reorganise.md.\",\"properties\":{"
     "\"effective\":{\"type\":\"string\"},\"dry_run\":{\"type\":"
     "\"boolean\"},\"first_run\":{\"type\":\"boolean\"},"
     "\"residences_moved\":{\"type\":\"integer\"},\"assignment_tasks\":"
     "{\"type\":\"integer\"},\"dossiers_moved\":{\"type\":"
     "\"integer\"},\"dossiers_carried\":{\"type\":\"integer\"},"
     "\"users_changed\":{\"type\":\"integer\"}},\"required\":["
     "\"effective\",\"dry_run\"]}"},
    {"Summary",
     "{\"type\":\"object\",\"description\":\"Aggregates of a date and "
     "a unit: docs/reports.md.\",\"properties\":{\"date\":{\"type\":"
     "\"string\",\"format\":\"date\"},\"unit\":{\"type\":\"object\","
     "\"nullable\":true},\"beneficiaries\":{\"type\":\"integer\"},"
     "\"by_category\":{\"type\":\"object\"},\"by_unit\":{\"type\":"
     "\"object\"},\"money\":{\"type\":\"object\"}},\"required\":["
     "\"date\",\"beneficiaries\",\"by_category\",\"by_unit\","
     "\"money\"]}"},
    {"ReportForm",
     "{\"type\":\"object\",\"description\":\"A Form 10a-10d report "
     "(aggregates only; layouts unverified): docs/oversight.md.\","
     "\"properties\":{\"form\":{\"type\":\"string\"},\"label\":{"
     "\"type\":\"string\"},\"title\":{\"type\":\"string\"},"
     "\"layout_confidence\":{\"type\":\"string\",\"enum\":["
     "\"confirmed\",\"secondary\",\"unverified\"]},\"basis\":{"
     "\"type\":\"string\"},\"unit\":{\"type\":\"object\","
     "\"nullable\":true},\"year\":{\"type\":\"integer\"},\"half\":{"
     "\"type\":\"integer\"},\"from\":{\"type\":\"string\","
     "\"format\":\"date\"},\"to\":{\"type\":\"string\",\"format\":"
     "\"date\"},\"as_of\":{\"type\":\"string\",\"format\":\"date\"},"
     "\"deadline\":{\"type\":\"object\",\"nullable\":true},"
     "\"money_source\":{\"type\":\"string\"},\"columns\":{\"type\":"
     "\"array\"},\"rows\":{\"type\":\"array\"},\"notes\":{\"type\":"
     "\"array\"}},\"required\":[\"form\",\"label\",\"title\","
     "\"layout_confidence\",\"unit\",\"year\",\"half\",\"from\","
     "\"to\",\"as_of\",\"deadline\",\"columns\",\"rows\"]}"},
    {"Oversight",
     "{\"type\":\"object\",\"description\":\"The oversight document "
     "(aggregates only): docs/oversight.md.\",\"properties\":{\"date\":{"
     "\"type\":\"string\",\"format\":\"date\"},\"unit\":{\"type\":"
     "\"object\",\"nullable\":true},\"periods\":{\"type\":\"object\"},"
     "\"beneficiaries\":{\"type\":\"object\",\"properties\":{\"total\":"
     "{\"type\":\"integer\"},\"by_category\":{\"type\":\"array\"},"
     "\"by_unit\":{\"type\":\"array\"}}},\"money\":{\"type\":"
     "\"object\",\"properties\":{\"months\":{\"type\":\"array\"},"
     "\"years\":{\"type\":\"array\"}}},\"dossiers\":{\"type\":"
     "\"object\"},\"complaints\":{\"type\":\"object\"}},\"required\":["
     "\"date\",\"unit\",\"periods\",\"beneficiaries\",\"money\","
     "\"dossiers\",\"complaints\"]}"},
    {"Job", "{\"type\":\"object\",\"description\":\"A long request named by "
            "its X-Job-Id header: docs/http.md.\",\"properties\":{\"id\":{"
            "\"type\":\"string\"},\"state\":{\"type\":\"string\","
            "\"enum\":[\"running\",\"done\",\"failed\"]},\"done\":{"
            "\"type\":\"integer\"},\"total\":{\"type\":\"integer\"},"
            "\"started_at\":{\"type\":\"string\",\"format\":"
            "\"date-time\"},\"updated_at\":{\"type\":\"string\","
            "\"format\":\"date-time\"}},\"required\":[\"id\",\"state\","
            "\"done\",\"total\",\"started_at\",\"updated_at\"]}"},
    {"Procedures",
     "{\"type\":\"object\",\"description\":\"Flags, signers and "
     "procedures with their steps and actions: docs/dossiers.md.\","
     "\"properties\":{\"flags\":{\"type\":\"array\"},\"signers\":{"
     "\"type\":\"array\"},\"procedures\":{\"type\":\"array\"}},"
     "\"required\":[\"flags\",\"signers\",\"procedures\"]}"},
};

const struct openapi_route_doc *openapi_docs(size_t *n)
{
    *n = sizeof docs / sizeof docs[0];
    return docs;
}

const struct openapi_schema *openapi_schemas(size_t *n)
{
    *n = sizeof schemas / sizeof schemas[0];
    return schemas;
}

const struct openapi_route_doc *openapi_doc_find(const char *method,
                                                 const char *pattern)
{
    size_t i;

    for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        if (strcmp(docs[i].method, method) == 0 &&
            strcmp(docs[i].pattern, pattern) == 0)
            return &docs[i];
    }
    return NULL;
}

// A supervisor (aggregates only) opens the oversight view of the province
// and downloads its XLSX.
import fs from "node:fs";

export default async function (t) {
  const { page } = t;
  await t.login("supervisor");
  await page.getByRole("heading", { name: "Số liệu giám sát" }).waitFor();
  await page.getByLabel("Mã đơn vị (để trống: địa bàn của bạn)").fill("37");
  await page.getByRole("button", { name: "Xem" }).click();
  await page.getByRole("heading", { name: /Tỉnh Ninh Bình — đến ngày 10\/03\/2026/ }).waitFor({ timeout: 60000 });
  await t.sees(page.getByText("Đối tượng đang hưởng"), "beneficiaries figure shown");
  t.check(await page.locator("svg.chart").count() >= 2, "charts drawn (inline SVG)");
  t.check(!(await page.getByRole("link", { name: "Tra cứu" }).count()), "no person search in a supervisor's menu");
  await t.shot("01-oversight", { fullPage: true });
  // The whole report's XLSX, from the server: one sheet per table.
  const [download] = await Promise.all([page.waitForEvent("download"),
    page.getByRole("button", { name: "Tải XLSX cả báo cáo" }).click()]);
  const file = `${t.tmp}/${download.suggestedFilename()}`;
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  t.check(/^giam-sat.*\.xlsx$/.test(download.suggestedFilename()), `downloaded ${download.suggestedFilename()}`);
  t.check(bytes.length > 200 && bytes[0] === 0x50 && bytes[1] === 0x4b, "the file is an XLSX (a ZIP)");
  t.check(bytes.includes("xl/worksheets/sheet6.xml"), "the server's XLSX: six sheets, one per table");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("heading", { name: "Số liệu giám sát" }).waitFor();
  await t.shot("02-oversight-phone");
  // A national account's document has no unit: the page names the country.
  await page.setViewportSize({ width: 1366, height: 768 });
  await t.logout();
  await t.login("admin");
  await page.goto(`${t.base}/#/oversight`);
  await page.getByRole("button", { name: "Xem" }).click();
  await page.getByRole("heading", { name: /Cả nước — đến ngày 10\/03\/2026/ }).waitFor({ timeout: 60000 });
  await t.shot("03-oversight-nation");
}

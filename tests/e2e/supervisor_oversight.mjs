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
  t.check(await page.getByText("Đối tượng đang hưởng").isVisible(), "beneficiaries figure shown");
  t.check(await page.locator("svg.chart").count() >= 2, "charts drawn (inline SVG)");
  t.check(!(await page.getByRole("link", { name: "Tra cứu" }).count()), "no person search in a supervisor's menu");
  await t.shot("01-oversight", { fullPage: true });
  // The whole report's XLSX when the server has it, else a table's.
  const whole = page.getByRole("button", { name: "Tải XLSX cả báo cáo" });
  const button = (await whole.count()) ? whole : page.getByRole("button", { name: /Xuất XLSX/ }).first();
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const file = `${t.tmp}/${download.suggestedFilename()}`;
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  t.check(/\.xlsx$/.test(download.suggestedFilename()), `downloaded ${download.suggestedFilename()}`);
  t.check(bytes.length > 200 && bytes[0] === 0x50 && bytes[1] === 0x4b, "the file is an XLSX (a ZIP)");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("heading", { name: "Số liệu giám sát" }).waitFor();
  await t.shot("02-oversight-phone");
}

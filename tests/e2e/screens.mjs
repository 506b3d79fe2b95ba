// Screenshots of the main screens (Vietnamese text visible), at 1366x768
// and on a phone, and the English switch.
export default async function (t) {
  const { page } = t;
  await t.login("commune.13285.officer");
  await t.open("/search?q=nguyen");
  await page.getByText(/Tìm thấy \d+ người\./).waitFor();
  t.check(await page.getByRole("link", { name: /Nguyễn/ }).count() > 0, "a search without diacritics finds names with them");
  await t.shot("01-search");
  await page.getByRole("link", { name: /Nguyễn/ }).first().click();
  await page.getByRole("heading", { name: "Trợ cấp theo tháng" }).waitFor();
  await page.getByText(/\d{1,3}(\.\d{3})+\u00a0đ/).first().waitFor();
  t.check(true, "the person page shows amounts as 1.250.000 đ");
  await t.shot("02-person", { fullPage: true });
  await t.open("/tasks");
  await page.getByRole("button", { name: /Tạo công việc tháng 03\/2026/ }).click();
  await page.getByText(/Đã tạo \d+ công việc mới/).waitFor();
  await t.shot("03-tasks");
  await t.open("/posting");
  await page.getByRole("heading", { name: /Kết quả xét duyệt hồ sơ trợ giúp xã hội/ }).waitFor();
  await t.shot("04-posting");
  await t.open("/units");
  await page.getByRole("button", { name: "Trước sắp xếp (30/06/2025)" }).click();
  await page.getByRole("button", { name: "Tỉnh Hà Nam", exact: true }).click();
  await page.getByRole("cell", { name: "Thành phố Phủ Lý", exact: true }).waitFor();
  t.check(true, "Hà Nam and its districts on 30/06/2025");
  await t.shot("05-units-before-reform");
  await t.open("/payrolls");
  await page.getByRole("heading", { name: "Lập danh sách chi trả" }).waitFor();
  await t.shot("06-payrolls");
  // Keyboard: the skip link is the first stop and leads to the content.
  await t.open("/");
  await page.getByRole("heading", { name: "Việc cần làm" }).waitFor();
  t.check(await page.waitForFunction(() => document.activeElement.tagName === "H1", null, { timeout: 5000 }).then(() => true, () => false),
    "a new page puts the focus on its heading");
  t.check(await page.evaluate(() => document.querySelector("a[href], button").textContent.includes("Bỏ qua đến nội dung chính")),
    "the first focusable element is the skip link");
  await page.keyboard.press("Tab");
  t.check(await page.evaluate(() => document.activeElement.classList.contains("guide-link")), "Tab from the heading reaches the page's guide link");
  // English, remembered.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("navigation", { name: "Functions" }).getByRole("link", { name: "Search" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "To do" }).waitFor();
  t.check(true, "English stays after a reload");
  await t.shot("07-home-english");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await page.getByRole("heading", { name: "Việc cần làm" }).waitFor();
  // A phone.
  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole("button", { name: "Menu" }).click();
  await page.getByRole("navigation", { name: "Chức năng" }).getByRole("link", { name: "Hồ sơ", exact: true }).click();
  await page.getByRole("heading", { name: "Hộp hồ sơ" }).waitFor();
  await t.shot("08-inbox-phone");
  await t.open("/dossiers/new");
  await page.getByRole("heading", { name: "Tiếp nhận hồ sơ" }).waitFor();
  await t.shot("09-new-dossier-phone");
}

// A commune officer cannot open a person of another commune: the page says
// "not found" (the API answers 404, as for a person who does not exist)
// and shows nothing of the person.
export default async function (t) {
  const { page } = t;
  // A person of another commune of Ninh Bình, found as the administrator.
  const units = await t.apiAs("admin", "GET", `/api/v1/units?date=${t.TODAY}&parent=37`);
  let p = null;
  for (const u of units.json.units) {
    if (u.code === "13285") continue;
    const r = await t.apiAs("admin", "GET", `/api/v1/persons?unit=${u.code}&per_page=1`);
    if (r.status === 200 && r.json.items.length && r.json.items[0].id_number) { p = r.json.items[0]; break; }
  }
  t.check(p !== null, `a person of another commune: ${p && p.unit_code}`);
  const mine = await t.apiAs("commune.13285.officer", "GET", `/api/v1/persons/${p.id}`);
  t.check(mine.status === 404, "the API answers 404 to the officer of 13285");

  await t.login("commune.13285.officer");
  await t.open(`/persons/${p.id}`);
  await page.getByText("Không tìm thấy người này trong địa bàn của bạn.").waitFor();
  t.check(!(await page.getByText(p.full_name).count()), "the other commune's person's name is not shown");
  await t.shot("01-other-commune-person");
  // Search by their id number finds nobody.
  await t.open(`/search?q=${p.id_number}`);
  await page.getByText("Tìm thấy 0 người.").waitFor();
  t.check(true, "searching their CCCD finds nobody");
  // Their own person opens.
  const own = await t.apiAs("commune.13285.officer", "GET", "/api/v1/persons?per_page=1");
  await t.open(`/persons/${own.json.items[0].id}`);
  await page.getByRole("heading", { name: own.json.items[0].full_name }).waitFor();
  t.check(true, "a person of the officer's own commune opens");
}

// Study groups as people use them: create one, invite by code, join, assign a role;
// moderation: a member flags, an instructor hides, the author still sees it, the log records it.
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, newReader, signIn } from "./support";
import { openSeedDocument } from "./reader-support";

test("create a group, invite by code, join, and make the newcomer an instructor", async ({ browser }) => {
  const owner = await newReader(browser, "Olga Owner");
  await owner.page.getByRole("link", { name: "Groups" }).click();
  await owner.page.getByLabel("Group name").fill("Thursday seminar");
  await owner.page.getByRole("button", { name: "Create group" }).click();
  await expect(owner.page.getByRole("heading", { level: 1, name: "Thursday seminar" })).toBeVisible();
  const code = (await owner.page.getByRole("list", { name: "Invitations" }).locator("code").first().textContent())!.trim();
  expect(code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  await expectNoSeriousAxeViolations(owner.page);

  const student = await newReader(browser, "Sam Student");
  await student.page.goto(`/join/${code}`);
  await student.page.getByRole("button", { name: "Join group" }).click();
  await expect(student.page.getByRole("heading", { level: 1, name: "Thursday seminar" })).toBeVisible();
  await expect(student.page.getByText("You are member")).toBeVisible();
  // A member sees no invitations or settings.
  await expect(student.page.getByRole("heading", { name: "Invitations" })).toHaveCount(0);

  await owner.page.reload();
  const members = owner.page.getByRole("list", { name: "Members" });
  await expect(members).toContainText("Sam Student");
  await owner.page.getByLabel("Role of Sam Student").selectOption("instructor");
  await expect(owner.page.getByRole("list", { name: "Moderation log" })).toContainText("changed a role");

  // The owner renames a tag in the vocabulary.
  await owner.page.getByRole("button", { name: "Rename evidence" }).click();
  await owner.page.getByLabel("New name for evidence").fill("data");
  await owner.page.getByRole("button", { name: "Save name" }).click();
  const vocabulary = owner.page.getByRole("list", { name: "Tag vocabulary" });
  await expect(vocabulary).toContainText("data");
  await expect(vocabulary).not.toContainText("evidence");

  await student.page.reload();
  await expect(student.page.getByText("You are instructor")).toBeVisible();

  // The reader can now write to the new group.
  await openSeedDocument(student.page);
  await expect(student.page.getByLabel("New annotations go to")).toContainText("Thursday seminar");

  await owner.context.close();
  await student.context.close();
});

test("a wrong invite code is explained, not a crash", async ({ browser }) => {
  const reader = await newReader(browser, "Wanda Wrongcode");
  await reader.page.goto("/groups");
  await reader.page.getByLabel("Invite code").fill("ZZZZZZZZ");
  await reader.page.getByRole("button", { name: "Join group" }).click();
  await expect(reader.page.getByRole("main").getByRole("alert")).toContainText("not valid");
  await reader.context.close();
});

test("a member flags, the instructor hides; the author still sees it, others do not", async ({ browser }) => {
  const ben = await browser.newContext();
  const benPage = await ben.newPage();
  await signIn(benPage, "ben@demo.marginalia.test", "reading-together");
  await expect(benPage.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await openSeedDocument(benPage);
  const chensNote = benPage.getByRole("article", { name: "Note by Dr. Mei Chen" });
  await chensNote.getByRole("button", { name: "Flag" }).click();
  await chensNote.getByLabel("Why should a moderator look at this?").fill("Opinion stated as fact");
  await chensNote.getByRole("button", { name: "Send flag" }).click();
  await expect(chensNote.getByRole("status")).toContainText("moderators will take a look");

  const chen = await browser.newContext();
  const chenPage = await chen.newPage();
  await signIn(chenPage, "chen@demo.marginalia.test", "reading-together");
  await expect(chenPage.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await openSeedDocument(chenPage);
  const bensHighlight = chenPage.getByRole("article", { name: "Highlight by Ben Okafor" });
  await bensHighlight.getByRole("button", { name: "Hide" }).click();
  await expect(bensHighlight.getByText("Hidden by a moderator")).toBeVisible();

  await benPage.reload();
  await expect(benPage.getByRole("article", { name: "Highlight by Ben Okafor" })).toContainText("Hidden by a moderator");

  const ana = await browser.newContext();
  const anaPage = await ana.newPage();
  await signIn(anaPage, "ana@demo.marginalia.test", "reading-together");
  await expect(anaPage.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await openSeedDocument(anaPage);
  await expect(anaPage.getByRole("article", { name: "Note by Dr. Mei Chen" })).toBeVisible();
  await expect(anaPage.getByRole("article", { name: "Highlight by Ben Okafor" })).toHaveCount(0);

  await chenPage.goto("/groups");
  await chenPage.getByRole("link", { name: /Physiology 101 reading group/ }).click();
  const log = chenPage.getByRole("list", { name: "Moderation log" });
  await expect(log).toContainText("flagged an annotation");
  await expect(log).toContainText("Opinion stated as fact");
  await expect(log).toContainText("hid an annotation");

  // Restore the demo for other tests.
  await openSeedDocument(chenPage);
  await chenPage.getByRole("article", { name: "Highlight by Ben Okafor" }).getByRole("button", { name: "Unhide" }).click();
  await expect(chenPage.getByRole("article", { name: "Highlight by Ben Okafor" }).getByText("Hidden by a moderator")).toHaveCount(0);
  await Promise.all([ben.close(), chen.close(), ana.close()]);
});

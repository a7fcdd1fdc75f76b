// The page of bc-invoice-server in a real browser: Debian's chromium, driven by playwright-core (no
// browser download). Loads `/`, pastes the documentation's Confirm Invoice example into the document box by
// its label, submits with the keyboard, and expects the objectId error at line 13, column 21 with its
// caret under the column, the value masked (redaction is on by default), and nothing fetched from
// anywhere but the server.
//
//   NODE_PATH=<node_modules> node page.cjs BASE_URL FIXTURE
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const assert = require("assert");
const { chromium } = require("playwright-core");

const [base, fixture] = process.argv.slice(2);
const text = fs.readFileSync(fixture, "utf8");

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "bc-invoice-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    chromiumSandbox: false,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    const requested = [];
    page.on("request", (request) => requested.push(request.url()));
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));

    await page.goto(`${base}/`);
    assert.strictEqual(await page.title(), "bc-invoice: check a document");
    // The kinds are in the select, the rules in their list, redaction on by default.
    const kinds = await page.getByLabel("Kind").locator("option").allTextContents();
    assert.ok(kinds.includes("Confirm Invoice request (confirm-invoice)") || kinds.some((k) => k.endsWith("(confirm-invoice)")), kinds.join(" | "));
    assert.strictEqual(kinds[0], "Detect from the document");
    assert.ok(await page.locator("#rule-gstin-checksum").count() === 1);
    assert.ok(await page.getByLabel("Hide document values in messages (redact)").isChecked());

    // Paste, then submit from the keyboard.
    await page.getByLabel("Document (JSON)").fill(text);
    await page.getByRole("button", { name: "Check" }).focus();
    await page.keyboard.press("Enter");
    const verdict = page.locator("#verdict");
    await verdict.waitFor({ timeout: 10000 });
    assert.strictEqual(await verdict.textContent(), "Not valid: confirm-invoice (detected); 1 error(s), 0 warning(s)");

    const headings = await page.locator("#result h2").allTextContents();
    assert.deepStrictEqual(headings, ["Errors (1)", "Warnings (0)"]);
    const item = page.locator("#result ol.findings li").first();
    const itemText = await item.textContent();
    assert.ok(itemText.startsWith("line 13, column 21 /invoiceConfirmation/objectId: [redacted] does not match"), itemText);
    const message = await item.locator(".message").textContent();
    assert.ok(!message.includes('"string"'), `a value shown despite redaction: ${message}`);
    const source = await item.locator("pre.source").textContent();
    const lines = text.split("\n");
    assert.strictEqual(source, `${lines[12]}\n${" ".repeat(20)}^`);
    assert.strictEqual(lines[12].slice(20, 28), '"string"');
    assert.strictEqual(await item.locator(".caret").textContent(), "^");

    // Without redaction, the message quotes the value.
    await page.getByLabel("Hide document values in messages (redact)").uncheck();
    await page.getByRole("button", { name: "Check" }).click();
    await page.waitForFunction(() => document.querySelector("#result li .message")?.textContent.startsWith('"string" does not match'));

    // A rule's finding links to the rule's documentation on the page, and the link works from the keyboard.
    const ruled = fs.readFileSync(path.join(path.dirname(fixture), "../mistakes/create-invoice.buyer-gstin-too-short.json"), "utf8");
    await page.getByLabel("Document (JSON)").fill(ruled);
    await page.getByRole("button", { name: "Check" }).click();
    const link = page.locator('#result a[href="#rule-gstin-format"]');
    await link.waitFor({ timeout: 10000 });
    await link.focus();
    await page.keyboard.press("Enter");
    assert.ok(await page.evaluate(() => location.hash === "#rule-gstin-format"));
    assert.ok((await page.locator("#rule-gstin-format").textContent()).startsWith("gstin-format (default: warn)"));

    const foreign = requested.filter((url) => !url.startsWith(`${base}/`));
    assert.deepStrictEqual(foreign, [], "requests to elsewhere");
    assert.deepStrictEqual(errors, [], "errors in the page");
    console.log(`page: ok (${requested.length} requests, all to the server)`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch((error) => {
  console.error(`page: FAIL ${error.stack || error}`);
  process.exit(1);
});

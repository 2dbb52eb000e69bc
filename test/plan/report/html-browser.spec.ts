import { strict as assert } from "assert";
import { existsSync, mkdtempSync, readFileSync, statSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { pathToFileURL } from "url";
import { Browser, chromium, Page } from "playwright-core";
import { planOf, runPlanCli } from "../../helpers/plan";

/**
 * Debian's Chromium: CHROMIUM_PATH when set, else where the chromium package puts it. Never a
 * browser that a test tool downloads, and never a skip: a missing browser fails the test, since
 * `.ci/run` installs it.
 */
function chromiumPath(): string {
    const given = process.env.CHROMIUM_PATH;
    if (given) {
        assert.ok(existsSync(given), `CHROMIUM_PATH is ${given}, which does not exist`);
        return given;
    }
    const found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
    assert.ok(
        found,
        "no Chromium at /usr/bin/chromium or /usr/bin/chromium-browser: install Debian's " +
            "(apt-get install -y --no-install-recommends chromium, as .ci/run does) or set CHROMIUM_PATH",
    );
    return found;
}

describe("plan report in Chromium", function () {
    const plan = planOf("production");
    const dir = mkdtempSync(join(tmpdir(), "plan-report-"));
    const file = join(dir, "index.html");
    const fileUrl = pathToFileURL(file).href;
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    let browser: Browser;
    let page: Page;

    before(async function () {
        // The report as users get it: `npm run plan -- --stack production --out DIR`, real diagram included.
        const run = runPlanCli(["--stack", "production", "--out", dir]);
        assert.equal(run.status, 0, run.stderr);
        browser = await chromium.launch({
            executablePath: chromiumPath(),
            headless: true,
            // Root in CI needs --no-sandbox; the rest keeps Chromium's own traffic (updates, sync,
            // safe browsing) off a closed network, so any request seen comes from the page.
            args: [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        // Every request but the page itself is recorded and refused, so the report cannot pass by
        // reaching a network that happens to be there.
        await context.route("**/*", (route) =>
            route.request().url() === fileUrl ? route.continue() : route.abort("blockedbyclient"),
        );
        page = await context.newPage();
        page.on("request", (request) => {
            if (request.url() !== fileUrl) requests.push(request.url());
        });
        page.on("console", (message) => {
            if (message.type() === "error") consoleErrors.push(message.text());
        });
        await page.goto(fileUrl, { waitUntil: "load" });
    });

    after(async () => {
        await browser?.close();
    });

    it("loads without a single request beyond the file, and without a console error", () => {
        assert.deepEqual(requests, []);
        assert.deepEqual(consoleErrors, []);
    });

    it("renders the diagram's <svg> with a non-zero size", async () => {
        const box = await page.locator("#diagram svg").first().boundingBox();
        assert.ok(box && box.width > 0 && box.height > 0, JSON.stringify(box));
    });

    it("draws a diagram node for every ECS service, the database, the cache and the load balancer", async () => {
        const titles = await page.locator("#diagram svg g.node > title").allTextContents();
        const svgText = (await page.locator("#diagram svg").first().textContent()) ?? "";
        assert.ok(titles.length >= 10, `only ${titles.length} nodes`);
        for (const service of ["fraud-api", "fraud-worker", "fraud-ml"]) {
            assert.ok(svgText.includes(service), `no ${service} in the diagram`);
        }
        assert.ok(svgText.includes("db.r5.large"), "no database in the diagram");
        assert.ok(svgText.includes("cache.r6g.large"), "no cache in the diagram");
        assert.ok(svgText.includes("application, internet-facing"), "no load balancer in the diagram");
    });

    it("shows one policy row per violation, or says there are none", async () => {
        const rows = await page.locator("#policy table tbody tr").count();
        assert.equal(rows, plan.policy.violations.length);
        if (rows === 0) assert.match(await page.locator("#policy").innerText(), /No violations/);
    });

    it("shows one cost row per priced item", async () => {
        const priced = plan.cost.items.filter((item) => item.monthly !== null).length;
        assert.ok(priced > 0);
        assert.equal(await page.locator("#cost table.priced tbody tr").count(), priced);
    });

    it("lists every component of the plan in the resources section", async () => {
        const sections = await page.locator("#resources section.component").all();
        const listed = await Promise.all(sections.map((section) => section.getAttribute("data-urn")));
        const components = plan.resources.filter((r) => !r.custom).map((r) => r.urn);
        assert.deepEqual([...listed].sort(), [...components].sort());
    });

    it("makes a full-page screenshot worth looking at", async () => {
        const png = join(dir, "report.png");
        await page.screenshot({ path: png, fullPage: true });
        const signature = readFileSync(png).subarray(0, 8).toString("hex");
        assert.equal(signature, "89504e470d0a1a0a", "not a PNG");
        assert.ok(statSync(png).size > 50_000, `${png} is only ${statSync(png).size} bytes`);
        console.log(`      screenshot: ${png}`);
    });
});

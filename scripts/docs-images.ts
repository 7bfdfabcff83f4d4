// `npm run docs:images`: regenerates the tutorial's images (docs/images/*.png) from the project's own
// renderers and the demo repository. Beside each PNG it writes the Markdown the code produced and the HTML
// page photographed, which test/docs/images.test.ts compares with what the code produces now (no browser
// needed there). Needs Debian's `chromium`; the plan image also needs terraform and the provider mirror
// (PLUGIN_DIR, default /opt/tf-plugins) — without them the recorded plan JSON is re-rendered and it says so.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderPage } from "./docs-images/html.js";
import { planDemoPullRequest, terraformAvailable } from "./docs-images/plan.js";
import {
  IMAGES,
  askOnDemo,
  diagnosisShot,
  planShot,
  pullRequestShot,
  reviewShot,
  type Shot,
} from "./docs-images/sources.js";

const PLAN_JSON = join(IMAGES, "src", "plan.json");
const pluginDir = process.env.PLUGIN_DIR ?? "/opt/tf-plugins";
const browser = process.env.CHROMIUM ?? "chromium";
// Headless Chromium as root (containers, CI) needs --no-sandbox; it opens only our own local pages.
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--hide-scrollbars",
  "--force-device-scale-factor=1",
];
const WIDTH = 894;

if (spawnSync(browser, ["--version"]).status !== 0) {
  console.error(`docs:images: ${browser} not found (Debian: apt-get install chromium); nothing written.`);
  process.exit(1);
}

const ask = await askOnDemo();
const shots: Shot[] = [pullRequestShot(ask)];
try {
  if (terraformAvailable(pluginDir)) {
    writeFileSync(PLAN_JSON, `${JSON.stringify(JSON.parse(planDemoPullRequest(ask, pluginDir)), null, 1)}\n`);
    console.log(
      "plan-comment: terraform plan of the demo pull request, recorded in docs/images/src/plan.json",
    );
  } else if (existsSync(PLAN_JSON)) {
    console.log(`plan-comment: terraform or ${pluginDir} missing; re-rendering the recorded plan JSON`);
  } else {
    throw new Error(`terraform or ${pluginDir} missing and no recorded ${PLAN_JSON}`);
  }
  shots.push(planShot(readFileSync(PLAN_JSON, "utf8")));
  shots.push(await diagnosisShot());
  shots.push(await reviewShot(ask));
} finally {
  ask.remove();
}

for (const shot of shots) {
  const html = join(IMAGES, `${shot.name}.html`);
  writeFileSync(
    join(IMAGES, `${shot.name}.md`),
    shot.markdown.endsWith("\n") ? shot.markdown : `${shot.markdown}\n`,
  );
  writeFileSync(html, renderPage(shot));
  // First ask the page how tall it is (its script puts the height in the title), then photograph it.
  const dom = spawnSync(browser, [
    ...CHROMIUM_FLAGS,
    `--window-size=${WIDTH},100`,
    "--dump-dom",
    `file://${html}`,
  ]);
  const height = Number(/<title>(\d+)<\/title>/.exec(dom.stdout.toString())?.[1] ?? "1200");
  const png = join(IMAGES, `${shot.name}.png`);
  const shot_ = spawnSync(browser, [
    ...CHROMIUM_FLAGS,
    `--window-size=${WIDTH},${height}`,
    `--screenshot=${png}`,
    `file://${html}`,
  ]);
  if (shot_.status !== 0 || !existsSync(png))
    throw new Error(`chromium could not photograph ${html}: ${shot_.stderr.toString()}`);
  console.log(`${shot.name}.png: ${WIDTH}×${height}`);
}

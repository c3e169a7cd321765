// Not part of `cargo xtask bench`: the scan's tail, from the last API answer (the page's own
// resource timing) to the end of bench.js's scan row (every alias's totals in the document, then
// two animation frames), and what the page's main thread ran in it. Runs the scan as
// profile-scan.mjs does, against a simulator already started (URL=http://127.0.0.1:PORT/; SUBS=
// L001,L002,L003 for the scan-subaccounts row), with Chromium's CPU profile on (sampled every
// 200 µs; serve a dist whose live wasm is target/wasm-bindgen/release/offboard-live_bg.wasm to
// keep the functions' names). The profile's clock is matched to the page's by a 3 ms marker
// the click runs. Prints the times from the click (last answer, inventory attached, end, tail)
// and the tail's time by what ran (the innermost component's render, the scanner's last build,
// Yew's DOM work; "(program)" is mostly the browser's style, layout and paint); writes
// OUT.cpuprofile and OUT.tail.json (also the 2 s after the end: what follows once painted).
// The sampling profiler slows the page: compare runs with each other, not with the bench.
import fs from "node:fs";
import { chromium } from "playwright-core";
import { API_PATH, ARGS, CHROMIUM, fillLargeSignIn } from "./chromium.mjs";
const url = process.env.URL;
const out = process.env.OUT ?? "/tmp/scan-prof/tail";
const subs = (process.env.SUBS ?? "").split(",").filter(Boolean);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
await page.addInitScript((aliases) => {
  performance.setResourceTimingBufferSize(100_000);
  const shown = () => {
    const inventory = document.querySelector('[data-testid="inventory"]');
    const totals = [...document.querySelectorAll('[data-testid="ob-inv-summary-account"]')].map((e) => e.textContent).join(" ");
    return inventory && aliases.every((a) => totals.includes(`${a} (sub-account)`));
  };
  new MutationObserver((_, observer) => {
    if (!shown()) return;
    observer.disconnect();
    window.__attached = performance.now();
    requestAnimationFrame((t1) => { window.__frame1 = t1; requestAnimationFrame((t) => (window.__end = t)); });
  }).observe(document, { childList: true, subtree: true, characterData: true });
}, subs);
await fillLargeSignIn(page, url, subs);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
await page.evaluate(() => document.addEventListener("click", function tailClickMarker() {
  window.__clickedAt = performance.now();
  const t = performance.now();
  while (performance.now() - t < 3) {}
}, { capture: true, once: true }));
await page.getByRole("button", { name: "Connect", exact: true }).click();
await page.waitForFunction(() => window.__end != null, null, { timeout: 300_000, polling: 50 });
// What follows on its own (the plan once painted): until the plan is in the document.
await page.getByTestId("deletion-plan").waitFor({ timeout: 120_000 });
await page.waitForTimeout(300);
const { profile } = await cdp.send("Profiler.stop");
const marks = await page.evaluate((api) => {
  const re = new RegExp(api);
  const from = window.__clickedAt;
  const answers = performance.getEntriesByType("resource").filter((e) => e.startTime >= from && re.test(new URL(e.name).pathname));
  return {
    clicked: from, attached: window.__attached, frame1: window.__frame1, end: window.__end,
    last_answer: Math.max(...answers.map((e) => e.responseEnd)), answers: answers.length,
    measures: performance.getEntriesByType("measure").map((m) => [m.name, Math.round(m.startTime - from), Math.round(m.duration)]),
    marks: performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime - from)]),
    elements: document.getElementsByTagName("*").length,
  };
}, API_PATH.source);
fs.writeFileSync(out + ".cpuprofile", JSON.stringify(profile));
// Profile clock ↔ page clock, by the click marker's first sample.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const times = [];
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) { t += profile.timeDeltas[i]; times.push(t); }
const stack = (id) => { const s = []; for (let x = id; x != null; x = parent.get(x)) s.push(byId.get(x).callFrame.functionName || `(${byId.get(x).callFrame.url.split("/").pop() || "anon"})`); return s; };
const mi = profile.samples.findIndex((id) => stack(id).includes("tailClickMarker"));
const offset = times[mi] / 1000 - marks.clicked; // profile ms = page ms + offset
const rel = (p) => Math.round(p - marks.clicked);
const window_ = (from, to) => {
  const self = new Map(), incl = new Map(), parts = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const at = times[i] / 1000 - offset;
    if (at < from || at >= to) continue;
    const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    total += d;
    const s = stack(profile.samples[i]);
    self.set(s[0], (self.get(s[0]) ?? 0) + d);
    for (const f of new Set(s)) incl.set(f, (incl.get(f) ?? 0) + d);
    // The innermost component render, the scanner's build or Yew's DOM work, else the frame.
    let part = s.find((f) => /FunctionProvider>::run$|rebuild_own|Reconcilable/.test(f)) ?? s[0];
    if (/Reconcilable/.test(part)) part = "(Yew's DOM work)";
    part = part.replace(/ as yew::functional::FunctionProvider>::run/, "").replace(/^<offboard::components::/, "");
    parts.set(part, (parts.get(part) ?? 0) + d);
  }
  const short = (f) => f.replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
  const top = (m, n, keep = () => true) => [...m].filter(([f]) => keep(f)).sort((a, b) => b[1] - a[1]).slice(0, n).map(([f, ms]) => [short(f), Math.round(ms * 10) / 10]);
  return {
    ms: Math.round(to - from), sampled_ms: Math.round(total), by_part: top(parts, 15),
    self: top(self, 20),
    ours: top(incl, 45, (f) => /offboard|closure::|clc::|yew::|FunctionProvider|__wbg|\(program\)|\(garbage|\(idle\)|Run|style|layout/i.test(f)),
  };
};
const report = {
  ms: { last_answer: rel(marks.last_answer), attached: rel(marks.attached), frame1: rel(marks.frame1), end: rel(marks.end), tail: Math.round(marks.end - marks.last_answer) },
  answers: marks.answers, elements: marks.elements, measures: marks.measures, marks: marks.marks,
  tail: window_(marks.last_answer, marks.end),
  after: window_(marks.end, marks.end + 2000),
};
fs.writeFileSync(out + ".tail.json", JSON.stringify(report, null, 1));
console.log(JSON.stringify({ ...report.ms, elements: report.elements, tail_by_part: report.tail.by_part }));
await browser.close();

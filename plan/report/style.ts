/**
 * The report's stylesheet, inlined into the page: system fonts only and no `url()`, so the page
 * fetches nothing and reads the same offline, in a CI artifact or attached to a review.
 */
export const REPORT_CSS = `
:root {
    color-scheme: light;
    --ink: #1b1f24;
    --muted: #57606a;
    --rule: #d0d7de;
    --band: #f6f8fa;
    --accent: #0b5cad;
    --bad: #b42318;
    --bad-bg: #fdecea;
    --warn: #8a5300;
    --warn-bg: #fff4d6;
    --good: #1a7f37;
    --good-bg: #e6f4ea;
}
* { box-sizing: border-box; }
body {
    margin: 0;
    color: var(--ink);
    background: #fff;
    font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 1px solid var(--rule); }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { margin: 32px 0 12px; font-size: 22px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
h3 { margin: 24px 0 4px; font-size: 17px; }
h4 { margin: 16px 0 6px; font-size: 15px; }
p { margin: 6px 0; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
a { color: var(--accent); }
.lede { color: var(--muted); margin: 0 0 12px; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0 16px; padding: 0; list-style: none; }
.summary li { background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 6px 12px; }
nav ul { display: flex; gap: 16px; margin: 0 0 12px; padding: 0; list-style: none; }
figure { margin: 0; padding: 12px; border: 1px solid var(--rule); border-radius: 6px; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 8px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 12px; font-size: 14px; }
caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
th, td { border: 1px solid var(--rule); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--band); }
tbody tr:nth-child(even) { background: #fbfcfd; }
tfoot th, tfoot td { background: var(--band); font-weight: 600; }
td.number, th.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td { overflow-wrap: anywhere; }
.message { white-space: pre-line; }
table.violations code { white-space: nowrap; }
/* Fixed columns, so the tables of all components line up as one list when scrolling. */
table.owned { table-layout: fixed; }
table.owned th:nth-child(1) { width: 27%; }
table.owned th:nth-child(2) { width: 21%; }
table.owned th:nth-child(3) { width: 16%; }
table.owned th:nth-child(5) { width: 11%; }
.verdict { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; }
.verdict.pass { color: var(--good); background: var(--good-bg); }
.verdict.advisory { color: var(--warn); background: var(--warn-bg); }
.verdict.fail { color: var(--bad); background: var(--bad-bg); }
.level { display: inline-block; white-space: nowrap; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; }
.level.mandatory { color: var(--bad); background: var(--bad-bg); }
.level.advisory { color: var(--warn); background: var(--warn-bg); }
.flag { display: inline-block; margin: 0 4px 2px 0; padding: 0 6px; border-radius: 4px; font-size: 12px;
    color: var(--good); background: var(--good-bg); white-space: nowrap; }
.exceeded { color: var(--bad); }
.path { color: var(--muted); font-size: 13px; margin: 0; }
ul.settings { margin: 0; padding: 0; list-style: none; }
ul.settings li { margin: 0; }
.settings .key { color: var(--muted); }
.none { color: var(--muted); }
footer { color: var(--muted); font-size: 13px; padding: 24px; border-top: 1px solid var(--rule); margin-top: 32px; }
@media print { nav { display: none; } figure { break-inside: avoid; } }
`;

// `npm run bench`: the median wall time and peak memory of the offline plan of each stack over five
// runs, against a floor that loads the SDKs under mocks and registers nothing. A benchmark, not a
// test: it prints numbers and asserts nothing. Target (issue #2): each plan within 2x the floor's
// median time and under 300 MiB peak.
import { spawnSync } from "child_process";
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";

const ROOT = join(__dirname, "..");
const RUNS = 5;

interface Sample {
    readonly seconds: number;
    readonly peakMiB: number;
}

/** Runs `script` with `args` in a fresh node process, with the same loader `npm run plan` uses. */
function measure(script: string, args: string[]): Sample {
    const dir = mkdtempSync(join(tmpdir(), "bench-"));
    const peakFile = join(dir, "peak");
    const started = process.hrtime.bigint();
    const run = spawnSync(
        process.execPath,
        [
            "-r",
            join(ROOT, "plan", "engine", "ts-hook.cjs"),
            "-r",
            join(__dirname, "report-peak-memory.ts"),
            script,
            ...args,
        ],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, BENCH_PEAK_FILE: peakFile } },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) {
        throw new Error(`${script} ${args.join(" ")} exited ${run.status}: ${run.stderr}`);
    }
    const peakKiB = Number(readFileSync(peakFile, "utf8").trim());
    rmSync(dir, { recursive: true });
    return { seconds, peakMiB: peakKiB / 1024 };
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function bench(label: string, script: string, args: string[]): { label: string; seconds: number; peakMiB: number } {
    const samples = Array.from({ length: RUNS }, () => measure(script, args));
    return {
        label,
        seconds: median(samples.map((s) => s.seconds)),
        peakMiB: Math.max(...samples.map((s) => s.peakMiB)),
    };
}

const floor = bench("floor (SDKs under mocks, no resources)", join(__dirname, "floor.ts"), []);
const rows = [floor];
for (const stack of ["local", "staging", "production"]) {
    rows.push(
        bench(`plan --stack ${stack} --json`, join(ROOT, "plan", "cli", "plan.ts"), ["--stack", stack, "--json"]),
    );
}

console.log(`median of ${RUNS} runs each, peak = highest maxRSS of the runs`);
console.log("| run | median wall time | x floor | peak memory |");
console.log("|---|---:|---:|---:|");
for (const row of rows) {
    const ratio = row.seconds / floor.seconds;
    console.log(`| ${row.label} | ${row.seconds.toFixed(2)} s | ${ratio.toFixed(2)} | ${row.peakMiB.toFixed(0)} MiB |`);
}

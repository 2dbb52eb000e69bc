// Preloaded into each benchmarked process (`node -r`): on exit, appends the process's peak resident
// memory (maxRSS, KiB) to the file named by BENCH_PEAK_FILE, so the parent can read it.
import { appendFileSync } from "fs";

const target = process.env.BENCH_PEAK_FILE;
if (target) {
    process.on("exit", () => appendFileSync(target, `${process.resourceUsage().maxRSS}\n`));
}

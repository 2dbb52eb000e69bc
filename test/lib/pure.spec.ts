import { strict as assert } from "assert";
import { cidrContains, isPrivateCidr, parseCidr } from "../../lib/cidr";
import { describeFargateMemory, fargateMemoryOptions } from "../../lib/fargate";
import { dailyOverlapsWeekly, parseDailyWindow, parseWeeklyWindow } from "../../lib/windows";

describe("lib/cidr", () => {
    const cases: Array<[string, ReturnType<typeof parseCidr>]> = [
        ["10.0.0.0/16", { address: 167772160, prefix: 16 }],
        ["192.168.1.0/24", { address: 3232235776, prefix: 24 }],
        ["10.0.0.1/16", undefined], // host bits set
        ["10.0.0.0/33", undefined],
        ["256.0.0.0/16", undefined],
        ["10.0.0.0", undefined],
    ];
    for (const [text, expected] of cases) {
        it(`parses ${text} as ${JSON.stringify(expected)}`, () => assert.deepEqual(parseCidr(text), expected));
    }

    it("knows the RFC 1918 ranges and nothing else", () => {
        const privacy = ["10.0.0.0/16", "172.31.0.0/16", "192.168.0.0/16", "172.32.0.0/16", "8.8.0.0/16"].map((c) =>
            isPrivateCidr(parseCidr(c)!),
        );
        assert.deepEqual(privacy, [true, true, true, false, false]);
    });

    it("does not let a wider block sit inside a narrower one", () => {
        assert.equal(cidrContains(parseCidr("10.0.0.0/16")!, parseCidr("10.0.0.0/8")!), false);
    });
});

describe("lib/fargate", () => {
    it("offers 512, 1024 and 2048 MiB for 256 CPU units", () =>
        assert.deepEqual(fargateMemoryOptions(256), [512, 1024, 2048]));
    it("offers 2 to 8 GiB in 1 GiB steps for 1024 CPU units", () =>
        assert.deepEqual(fargateMemoryOptions(1024), [2048, 3072, 4096, 5120, 6144, 7168, 8192]));
    it("offers nothing for a size Fargate lacks", () => assert.deepEqual(fargateMemoryOptions(300), []));
    it("describes the range for error messages", () =>
        assert.equal(describeFargateMemory(512), "1024 to 4096 in steps of 1024"));
});

describe("lib/windows", () => {
    it("parses a daily window into minutes, across midnight too", () => {
        assert.deepEqual(parseDailyWindow("03:00-04:00"), { start: 180, end: 240 });
        assert.deepEqual(parseDailyWindow("23:30-00:15"), { start: 1410, end: 1455 });
    });

    it("rejects malformed daily windows", () => {
        for (const text of ["3:00-4:00", "03:00", "24:00-01:00", "03:00-03:00", "03:00-04:00-05:00"]) {
            assert.equal(parseDailyWindow(text), undefined, text);
        }
    });

    it("parses a weekly window, wrapping past Sunday", () => {
        assert.deepEqual(parseWeeklyWindow("sun:04:30-sun:05:30"), { start: 8910, end: 8970 });
        assert.deepEqual(parseWeeklyWindow("sun:23:30-mon:00:30"), { start: 10050, end: 10110 });
        assert.equal(parseWeeklyWindow("sunday:04:30-sun:05:30"), undefined);
    });

    const overlaps: Array<[string, string, boolean]> = [
        ["03:00-04:00", "sun:04:30-sun:05:30", false],
        ["05:00-05:45", "sun:04:30-sun:05:30", true],
        ["04:00-05:00", "sun:04:30-sun:05:30", true],
        ["23:45-00:30", "mon:00:00-mon:01:00", true], // the Sunday-night backup runs into Monday's window
        ["04:00-04:30", "sun:04:30-sun:05:30", false], // touching ends do not overlap
    ];
    for (const [daily, weekly, expected] of overlaps) {
        it(`${expected ? "finds" : "finds no"} overlap between ${daily} and ${weekly}`, () =>
            assert.equal(dailyOverlapsWeekly(parseDailyWindow(daily)!, parseWeeklyWindow(weekly)!), expected));
    }
});

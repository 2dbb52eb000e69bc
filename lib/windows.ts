/**
 * Parsing and overlap checks for RDS time windows. RDS takes the daily backup window as
 * `HH:MM-HH:MM` (UTC, at least 30 minutes) and the weekly maintenance window as
 * `ddd:HH:MM-ddd:HH:MM`; the two must not overlap
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupWindow).
 */

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** A half-open interval of minutes, [start, end), with end > start (it may run past midnight). */
export interface MinuteInterval {
    readonly start: number;
    readonly end: number;
}

function parseClock(text: string): number | undefined {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
    return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Parses a daily `HH:MM-HH:MM` window into minutes of the day; undefined when malformed. */
export function parseDailyWindow(text: string): MinuteInterval | undefined {
    const parts = text.split("-");
    if (parts.length !== 2) {
        return undefined;
    }
    const start = parseClock(parts[0]);
    const end = parseClock(parts[1]);
    if (start === undefined || end === undefined || start === end) {
        return undefined;
    }
    return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

/** Parses a weekly `ddd:HH:MM-ddd:HH:MM` window into minutes of the week; undefined when malformed. */
export function parseWeeklyWindow(text: string): MinuteInterval | undefined {
    const parts = text.toLowerCase().split("-");
    if (parts.length !== 2) {
        return undefined;
    }
    const points = parts.map((part) => {
        const day = DAYS.indexOf(part.slice(0, 3) as (typeof DAYS)[number]);
        const clock = part[3] === ":" ? parseClock(part.slice(4)) : undefined;
        return day < 0 || clock === undefined ? undefined : day * MINUTES_PER_DAY + clock;
    });
    const [start, end] = points;
    if (start === undefined || end === undefined || start === end) {
        return undefined;
    }
    return { start, end: end > start ? end : end + MINUTES_PER_WEEK };
}

/** Length of a window in minutes. */
export function windowMinutes(window: MinuteInterval): number {
    return window.end - window.start;
}

/**
 * True when the daily window, repeated every day of the week, intersects the weekly window.
 * Both may wrap (past midnight, past Sunday), so each is compared with its neighbours.
 */
export function dailyOverlapsWeekly(daily: MinuteInterval, weekly: MinuteInterval): boolean {
    for (let day = -1; day <= 7; day++) {
        const start = daily.start + day * MINUTES_PER_DAY;
        const end = daily.end + day * MINUTES_PER_DAY;
        for (const shift of [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK]) {
            if (start < weekly.end + shift && weekly.start + shift < end) {
                return true;
            }
        }
    }
    return false;
}

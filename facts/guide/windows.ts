/**
 * The data tier's time windows, all UTC: the deployment guide's RDS backup window (Backup & Disaster
 * Recovery › Database Backups, `--preferred-backup-window "03:00-04:00"`), and the windows the
 * guide leaves open, placed after it so that none of them runs during the backup. The later
 * windows are computed from the backup window: moving it moves them.
 */

/** The daily RDS backup window (`HH:MM-HH:MM`). */
export const GUIDE_BACKUP_WINDOW = "03:00-04:00";

const MINUTES_PER_DAY = 24 * 60;
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** How long each of our windows is, and the gap between the database's and the cache's windows. */
const WINDOW_MINUTES = 60;
const GAP_MINUTES = 30;

/** `HH:MM` -> minutes after midnight. */
function minutesOf(clock: string): number {
    const [hours, minutes] = clock.split(":").map(Number);
    return hours * 60 + minutes;
}

/** Minutes after midnight (possibly past the next one) -> `HH:MM`. */
function clockOf(minutes: number): string {
    const inDay = minutes % MINUTES_PER_DAY;
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${pad(Math.floor(inDay / 60))}:${pad(inDay % 60)}`;
}

/** A weekly `ddd:HH:MM` point, `minutes` after the start of `day` (rolling into the next day). */
function weeklyPoint(day: (typeof DAYS)[number], minutes: number): string {
    const next = (DAYS.indexOf(day) + Math.floor(minutes / MINUTES_PER_DAY)) % DAYS.length;
    return `${DAYS[next]}:${clockOf(minutes)}`;
}

const backupEnd = minutesOf(GUIDE_BACKUP_WINDOW.split("-")[1]);
const databaseMaintenanceStart = backupEnd + GAP_MINUTES;
const cacheMaintenanceStart = databaseMaintenanceStart + WINDOW_MINUTES + GAP_MINUTES;

/**
 * The RDS weekly maintenance window: Sunday, half an hour after the backup window ends, for an
 * hour (`sun:04:30-sun:05:30`); RDS refuses one that overlaps the backup window.
 */
export const DATABASE_MAINTENANCE_WINDOW = `${weeklyPoint("sun", databaseMaintenanceStart)}-${weeklyPoint("sun", databaseMaintenanceStart + WINDOW_MINUTES)}`;

/** The ElastiCache daily snapshot window: the hour after the database's backup (`04:00-05:00`). */
export const CACHE_SNAPSHOT_WINDOW = `${clockOf(backupEnd)}-${clockOf(backupEnd + WINDOW_MINUTES)}`;

/**
 * The ElastiCache weekly maintenance window: Sunday, half an hour after the database's maintenance
 * ends, for an hour (`sun:06:00-sun:07:00`), so the two data stores never restart together.
 */
export const CACHE_MAINTENANCE_WINDOW = `${weeklyPoint("sun", cacheMaintenanceStart)}-${weeklyPoint("sun", cacheMaintenanceStart + WINDOW_MINUTES)}`;

/**
 * Text layout shared by the readable outputs of the plan (cost estimate, diff): one way to align a
 * table and to print dollars, so the two read alike.
 */

/** An amount in USD with cents and thousands separators, e.g. `1,161.44`. */
export const usd = (value: number): string =>
    value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Lays out rows as columns two spaces apart, the last `rightAligned` columns right-aligned, trailing
 * blanks trimmed. Every row must have as many cells as the first.
 */
export function columns(rows: readonly (readonly string[])[], rightAligned: number): string[] {
    const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
    const firstRight = widths.length - rightAligned;
    return rows.map((row) =>
        row
            .map((cell, col) => (col >= firstRight ? cell.padStart(widths[col]) : cell.padEnd(widths[col])))
            .join("  ")
            .trimEnd(),
    );
}

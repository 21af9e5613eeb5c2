/**
 * Date-times in bodies are ISO-8601 with an explicit offset (`2019-11-27T12:01:01+08:00`, every API
 * page's samples); answers the gateway writes carry seconds and the offset of its region.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch, or undefined when `value` is not such a date-time. */
export function parseIsoDateTime(value: string): number | undefined {
	const match = ISO_WITH_OFFSET.exec(value);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second] = match.map(Number);
	// Date.parse rolls 2026-02-30 over to March; a calendar date that does not exist is no date.
	const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
	if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
		return undefined;
	}
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

export function isIsoDateTime(value: string): boolean {
	return parseIsoDateTime(value) !== undefined;
}

/** `2026-11-29T12:00:01+08:00` for an instant, in a UTC offset given in minutes. */
export function formatIsoDateTime(ms: number, offsetMinutes: number): string {
	const stamp = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
	const abs = Math.abs(offsetMinutes);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${stamp}${offsetMinutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

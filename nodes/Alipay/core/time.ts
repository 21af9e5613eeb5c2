/**
 * Alipay's time strings. Request-Time is a millisecond epoch (current docs) or ISO-8601 (older
 * SDKs); Response-Time and notification times are ISO-8601 with an offset, to the second.
 * All of them are signed verbatim, so these helpers only ever read or produce them.
 */

/** `2026-11-29T12:00:01+08:00` for the given instant, in the given UTC offset (minutes). */
export function formatIsoWithOffset(date: Date, offsetMinutes = 0): string {
	const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
	const stamp = shifted.toISOString().slice(0, 19);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	const hh = String(Math.floor(abs / 60)).padStart(2, '0');
	const mm = String(abs % 60).padStart(2, '0');
	return `${stamp}${sign}${hh}:${mm}`;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch for any form Alipay or its SDKs send, or undefined. */
export function parseAlipayTime(value: string): number | undefined {
	const text = value.trim();
	if (/^\d{10,16}$/.test(text)) {
		const n = Number(text);
		// Ten digits are seconds; anything longer is milliseconds.
		return text.length <= 10 ? n * 1000 : n;
	}
	if (!ISO_WITH_ZONE.test(text)) return undefined;
	// PHP's DATE_ISO8601 writes +0800; Date.parse wants +08:00.
	const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
	const ms = Date.parse(normalised);
	return Number.isNaN(ms) ? undefined : ms;
}

/** True when `value` is an ISO-8601 date-time with an explicit zone, as Alipay body fields are. */
export function isIsoDateTime(value: string): boolean {
	return ISO_WITH_ZONE.test(value) && parseAlipayTime(value) !== undefined;
}

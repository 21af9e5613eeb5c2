import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * Best-effort memory of notifications already started, kept in the trigger's static data.
 * n8n saves it only when the trigger answers the HTTP request itself; deliveries that arrive at
 * the same moment both miss it, and a worker or another node writing static data can wipe it
 * (docs/queue-mode.md). It stops Alipay's spaced-out resends (2 min to 15 h
 * apart), not concurrent ones, so every output item also carries its identity for idempotent
 * downstream steps.
 */

/** Alipay stops resending 24 hours after the first attempt; an hour of margin. */
export const MEMORY_WINDOW_MS = 25 * 60 * 60 * 1000;
/** Bounds the workflow row n8n rewrites on each save (about 35 bytes per entry). */
export const MEMORY_LIMIT = 1000;

const STATIC_DATA_KEY = 'alipayNotificationsSeen';

/** [digest, first seen in ms]: digests keep the row small and hold no customer data. */
type Entry = [string, number];

function digest(key: string): string {
	return createHash('sha256').update(key).digest('base64').slice(0, 16);
}

export class NotificationMemory {
	constructor(
		private readonly staticData: IDataObject,
		private readonly limit = MEMORY_LIMIT,
		private readonly windowMs = MEMORY_WINDOW_MS,
	) {}

	private read?: Entry[];

	/**
	 * Read through n8n's static data (an observing proxy around every element) once per
	 * notification, not once for the check and again for the record.
	 */
	private entries(now: number): Entry[] {
		if (!this.read) {
			const stored = this.staticData[STATIC_DATA_KEY];
			this.read = Array.isArray(stored)
				? (stored as unknown[])
						.filter(
							(entry): entry is Entry =>
								Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
						)
						.map(([digest, seenAt]): Entry => [digest, seenAt])
				: [];
		}
		return this.read.filter(([, seenAt]) => now - seenAt < this.windowMs);
	}

	has(key: string, now = Date.now()): boolean {
		const wanted = digest(key);
		return this.entries(now).some(([seen]) => seen === wanted);
	}

	/** Records the key and drops expired and oldest entries beyond the limit. */
	remember(key: string, now = Date.now()): void {
		const kept = [...this.entries(now), [digest(key), now] as Entry].slice(-this.limit);
		this.read = kept;
		this.staticData[STATIC_DATA_KEY] = kept as unknown as IDataObject[];
	}
}

/**
 * `rateLimitPerSecond`: each client ID gets that many requests per second of simulated time; the
 * rest are answered `U REQUEST_TRAFFIC_EXCEED_LIMIT` (signed, nothing processed), as Alipay throttles.
 * A client's window opens with its first request and lasts one second of the simulator's clock, so
 * a burst is judged the same whenever it comes, and /_sim/clock/advance ends a window at once.
 */
export class RateLimiter {
	private readonly windows = new Map<string, { opened: number; count: number }>();

	constructor(private readonly perSecond: number | undefined) {}

	/** Counts the request against its client's window; false when that window is already full. */
	admit(clientId: string, now: number): boolean {
		if (this.perSecond === undefined) return true;
		const window = this.windows.get(clientId);
		if (!window || now - window.opened >= 1000) {
			this.windows.set(clientId, { opened: now, count: 1 });
			return true;
		}
		if (window.count >= this.perSecond) return false;
		window.count++;
		return true;
	}
}

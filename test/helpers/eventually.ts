/**
 * Polls until `read` gives a value `done` accepts, and returns it. The limit is a hang detector
 * just under jest's test timeout (jest.config.js), not a speed check: on a busy machine a condition
 * may take seconds to hold, and waiting longer is right; a condition that never holds fails with
 * `what` in the message.
 */
export async function eventually<T>(
	read: () => T | Promise<T>,
	done: (value: T) => boolean,
	what: string,
	limitMs = 25_000,
): Promise<T> {
	const started = Date.now();
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() - started > limitMs) throw new Error(`still waiting for ${what} after ${limitMs / 1000} s`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

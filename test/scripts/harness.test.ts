const { untilDone } = require('../../scripts/lib/harness') as {
	untilDone: <T>(check: () => Promise<Record<string, unknown>>, o: { what: string; stallMs: number; deadlineMs?: number; intervalMs?: number }) => Promise<T>;
};

/** A wait's outcome once fake time has run `ms` on: its value, or the message it failed with. */
async function outcome(wait: Promise<unknown>, ms: number): Promise<{ value?: unknown; error?: string }> {
	const settled = wait.then(
		(value) => ({ value }),
		(error: Error) => ({ error: error.message }),
	);
	await jest.advanceTimersByTimeAsync(ms);
	return await Promise.race([settled, Promise.resolve({ error: 'still waiting' })]);
}

describe('untilDone: a wait that fails fast when progress stops (the queue suite)', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	it('returns the value once the check reports done', async () => {
		let polls = 0;
		const wait = untilDone(async () => ({ done: ++polls === 3, value: 'all acknowledged', progress: polls }), { what: 'acks', stallMs: 10_000 });
		expect(await outcome(wait, 5_000)).toEqual({ value: 'all acknowledged' });
	});

	it('waits as long as progress moves, and fails naming what is pending once it has not moved for the stall window', async () => {
		let acknowledged = 0;
		const check = async () => ({ done: false, progress: Math.min(++acknowledged, 50), pending: `${Math.min(acknowledged, 50)} of 60 acknowledged; waiting for ntf_7` });
		const wait = untilDone(check, { what: 'every notification to be acknowledged', stallMs: 10_000 });
		// 50 polls of progress (50 s), then nothing moves: still waiting 10 s later, failed after 11.
		expect(await outcome(wait, 59_000)).toEqual({ error: 'still waiting' });
		expect(await outcome(wait, 3_000)).toEqual({
			error: 'every notification to be acknowledged: no progress for 11 s; 50 of 60 acknowledged; waiting for ntf_7',
		});
	});

	it('a resend due later extends the stall window to that moment', async () => {
		const wait = untilDone(async () => ({ done: false, progress: 0, dueAtMs: 60_000, pending: 'next resend at 60 s' }), { what: 'acks', stallMs: 10_000 });
		expect(await outcome(wait, 65_000)).toEqual({ error: 'still waiting' });
		expect(await outcome(wait, 10_000)).toEqual({ error: 'acks: no progress for 71 s; next resend at 60 s' });
	});

	it('fails at once on a failure the check reports', async () => {
		const wait = untilDone(async () => ({ done: false, progress: 1, failure: 'Alipay gave up on ntf_3 after 8 attempts' }), { what: 'acks', stallMs: 10_000 });
		expect(await outcome(wait, 0)).toEqual({ error: 'acks: Alipay gave up on ntf_3 after 8 attempts' });
	});

	it('a check that keeps throwing counts as no progress, and its error is in the message', async () => {
		const wait = untilDone(
			async () => {
				throw new Error('HTTP 503 Database is not ready!');
			},
			{ what: 'executions to settle', stallMs: 5_000 },
		);
		expect(await outcome(wait, 7_000)).toEqual({ error: 'executions to settle: no progress for 6 s; last check failed: HTTP 503 Database is not ready!' });
	});
});

import { loadPrivateKey } from '../../nodes/Alipay/core';
import { measureSimulatorThroughput } from '../../simulator/bench';
import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { startTestSimulator } from '../helpers/simulator';

describe('simulator throughput measurement', () => {
	const target = (baseUrl: string, alipayPublicKey: string) => ({
		baseUrl,
		clientId: TEST_CLIENT_ID,
		merchantPrivateKey: loadPrivateKey(TEST_KEYS.merchantPrivate),
		alipayPublicKey,
	});

	it('sends every request once, each a payment the simulator creates and signs', async () => {
		const sim = await startTestSimulator();
		try {
			// How fast is npm run bench's business; here only that every request was made.
			await measureSimulatorThroughput(target(sim.baseUrl, sim.alipayPublicKey), { requests: 12, concurrency: 4 });
			const { payments } = await sim.control<{ payments: unknown[] }>('GET', '/_sim/payments');
			expect(payments).toHaveLength(12);
		} finally {
			await sim.close();
		}
	});

	it('fails instead of counting answers it cannot verify', async () => {
		const sim = await startTestSimulator();
		// A simulator with a key of its own: its public key does not verify the first one's answers.
		const other = await startTestSimulator({ alipayPrivateKey: undefined });
		try {
			await expect(
				measureSimulatorThroughput(target(sim.baseUrl, other.alipayPublicKey), { requests: 2, concurrency: 1 }),
			).rejects.toThrow(/bench request failed/);
		} finally {
			await Promise.all([sim.close(), other.close()]);
		}
	});
});

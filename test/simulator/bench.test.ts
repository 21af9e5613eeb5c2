import { measureSimulatorThroughput } from '../../simulator/bench';

describe('simulator throughput measurement', () => {
	it('measures a positive rate of fully verified signed requests on loopback', async () => {
		const perSecond = await measureSimulatorThroughput(0.5, 4);
		expect(Number.isFinite(perSecond)).toBe(true);
		expect(perSecond).toBeGreaterThan(1);
	}, 20_000);
});

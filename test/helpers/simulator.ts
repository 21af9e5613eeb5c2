import { startSimulator, type RunningSimulator, type SimulatorMerchant, type SimulatorOptions } from '../../simulator';
import { TEST_CLIENT_ID, TEST_KEYS } from './keys';

/**
 * A simulator for tests: 127.0.0.1 on a random port, the fixture keys (TEST_KEYS.merchantPublic
 * registered for TEST_CLIENT_ID, TEST_KEYS.alipayPrivate as the gateway key), silent.
 *
 *   let sim: TestSimulator;
 *   beforeAll(async () => { sim = await startTestSimulator(); });
 *   afterAll(() => sim.close());
 */
export interface TestSimulator extends RunningSimulator {
	/** Calls the control API (`/_sim/...`) and returns the parsed JSON; throws on a non-2xx status. */
	control<T = any>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
}

/** Merchants for `startTestSimulator({ merchants })`: TEST_CLIENT_ID plus more client IDs, all with the fixture key. */
export function fixtureMerchants(...moreClientIds: string[]): SimulatorMerchant[] {
	return [TEST_CLIENT_ID, ...moreClientIds].map((clientId) => ({ clientId, publicKey: TEST_KEYS.merchantPublic }));
}

export async function startTestSimulator(overrides: SimulatorOptions = {}): Promise<TestSimulator> {
	const sim = await startSimulator({
		host: '127.0.0.1',
		port: 0,
		merchants: fixtureMerchants(),
		alipayPrivateKey: TEST_KEYS.alipayPrivate,
		log: () => undefined,
		// The fixture client ID is a sandbox one; tests of resends need them, as production sends them.
		sandboxResends: true,
		...overrides,
	});
	return {
		...sim,
		async control(method, path, body) {
			const res = await fetch(`${sim.baseUrl}${path.startsWith('/') ? path : `/${path}`}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			if (!res.ok) throw new Error(`${method} ${path} → HTTP ${res.status}: ${text}`);
			return JSON.parse(text);
		},
	};
}

import {
	AlipayClient,
	AlipayUnknownResultError,
	Throttle,
	type RequestOf,
} from '../../nodes/Alipay/core';
import { samplePayRequest } from '../../simulator/samples';
import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { signedSend } from '../helpers/signedSend';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, expectResult, payBody } from './wire';

describe('rate limit (rateLimitPerSecond, --rate-limit)', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	// Real time stands still under the simulator: only advanceClock moves it, so no window ends by luck.
	const frozen = Date.now();
	const realNow = () => frozen;

	beforeAll(async () => {
		sim = await startTestSimulator({ rateLimitPerSecond: 2, realNow });
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	beforeEach(async () => {
		// A fresh window for every test.
		sim.advanceClock(1000);
		await sim.control('DELETE', '/_sim/data');
	});
	afterAll(() => sim.close());

	const payments = async () => (await sim.control('GET', '/_sim/payments')).payments as Array<{ paymentRequestId: string }>;

	it('answers requests over the limit with a signed U REQUEST_TRAFFIC_EXCEED_LIMIT and does not process them', async () => {
		const bodies = [payBody(), payBody(), payBody()];
		const answers = await Promise.all(bodies.map((body) => merchant.call('/v1/payments/pay', body)));
		const statuses = answers.map((a) => a.json.result.resultCode).sort();
		expect(statuses).toEqual(['REQUEST_TRAFFIC_EXCEED_LIMIT', 'SUCCESS', 'SUCCESS']);
		const limited = answers.find((a) => a.json.result.resultCode === 'REQUEST_TRAFFIC_EXCEED_LIMIT')!;
		expectResult(limited, 'U', 'REQUEST_TRAFFIC_EXCEED_LIMIT');
		expect(limited.verified).toBe(true);
		expect((await payments()).map((p) => p.paymentRequestId).sort()).toEqual(
			bodies.filter((_, i) => answers[i].json.result.resultStatus === 'S').map((b) => b.paymentRequestId).sort(),
		);
	});

	it('lets the client in again once a second of simulated time has passed', async () => {
		const bodies = [payBody(), payBody(), payBody()];
		const answers = await Promise.all(bodies.map((body) => merchant.call('/v1/payments/pay', body)));
		const limited = bodies[answers.findIndex((a) => a.json.result.resultStatus === 'U')];
		sim.advanceClock(1000);
		expectResult(await merchant.call('/v1/payments/pay', limited), 'S', 'SUCCESS');
	});

	it('is counted per client ID', async () => {
		const other = await startTestSimulator({
			rateLimitPerSecond: 1,
			realNow,
			merchants: [
				{ clientId: TEST_CLIENT_ID, publicKey: TEST_KEYS.merchantPublic },
				{ clientId: 'SANDBOX_5YOTHER000000001', publicKey: TEST_KEYS.merchantPublic },
			],
		});
		try {
			const wire = new WireMerchant(other.baseUrl, other.alipayPublicKey);
			const [first, otherClient, second] = await Promise.all([
				wire.call('/v1/payments/pay', payBody()),
				wire.call('/v1/payments/pay', payBody(), { clientId: 'SANDBOX_5YOTHER000000001' }),
				wire.call('/v1/payments/pay', payBody()),
			]);
			expect([first, second].map((a) => a.json.result.resultCode).sort()).toEqual(['REQUEST_TRAFFIC_EXCEED_LIMIT', 'SUCCESS']);
			expectResult(otherClient, 'S', 'SUCCESS');
		} finally {
			await other.close();
		}
	});

	describe('the core client against it', () => {
		/** The client's sleep moves the simulator's clock (and the client's own) instead of waiting. */
		function clientSharing(throttle: Throttle, time: { now: number; slept: number }, rateLimitWaitMs?: number) {
			return new AlipayClient({
				clientId: TEST_CLIENT_ID,
				alipayPublicKey: sim.alipayPublicKey,
				baseUrl: sim.baseUrl,
				sandbox: true,
				retry: { attempts: 1, delaysMs: [100], rateLimitWaitMs },
				throttle,
				sleep: async (ms) => {
					time.now += ms;
					time.slept += ms;
					sim.advanceClock(ms);
				},
				send: signedSend(async (request) => {
					const res = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
					return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
				}),
			});
		}

		// The simulator types its sample by its own contract; on the wire it is the node's pay request.
		const pay = (n: number) =>
			samplePayRequest(`RATE_${Date.now()}_${n}`, 'http://127.0.0.1:9/notify') as unknown as RequestOf<'pay'>;

		it('rides out the limit: 5 payments at once against 2 per second all succeed, each created once', async () => {
			const throttle = new Throttle();
			const time = { now: Date.now(), slept: 0 };
			const requests = [1, 2, 3, 4, 5].map(pay);
			const outcomes = await Promise.all(requests.map((r) => clientSharing(throttle, time).call('pay', r)));
			expect(outcomes.every((o) => o.result.status === 'S')).toBe(true);
			expect(outcomes.some((o) => o.attempts > 1)).toBe(true);
			const created = (await payments()).map((p) => p.paymentRequestId).sort();
			expect(created).toEqual(requests.map((r) => r.paymentRequestId).sort());
			const log = (await sim.control('GET', '/_sim/requests')).requests as Array<{ resultCode?: string }>;
			expect(log.filter((r) => r.resultCode === 'REQUEST_TRAFFIC_EXCEED_LIMIT').length).toBeGreaterThanOrEqual(3);
		});

		it('reports outcome unknown once the total wait allowed is used up', async () => {
			await merchant.call('/v1/payments/pay', payBody());
			await merchant.call('/v1/payments/pay', payBody());
			const time = { now: Date.now(), slept: 0 };
			const request = pay(6);
			const error = await clientSharing(new Throttle(), time, 250)
				.call('pay', request)
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(AlipayUnknownResultError);
			expect((error as AlipayUnknownResultError).resultCode).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT');
			// 100 ms of backing off did not reach the next window, and 200 more would pass the 250 allowed.
			expect(time.slept).toBe(100);
			expect((await payments()).some((p) => p.paymentRequestId === request.paymentRequestId)).toBe(false);
		});
	});
});

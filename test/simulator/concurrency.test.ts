import { Agent, request } from 'node:http';
import { endpointPath, loadPrivateKey, loadPublicKey, signRequest, verifyResponse } from '../../nodes/Alipay/core';
import { TEST_KEYS } from '../helpers/keys';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { payBody } from './wire';

/**
 * Load: many clients at once. Requests are signed with the core here (1,000 openssl processes would
 * dominate the runtime); the wire tests cover signing with openssl and jsrsasign.
 */
const CLIENTS = 50;
const PER_CLIENT = 20;
const clientIds = Array.from({ length: CLIENTS }, (_, i) => `SANDBOX_5YLOAD${String(i).padStart(10, '0')}`);
const privateKey = loadPrivateKey(TEST_KEYS.merchantPrivate);
const alipayPublicKey = loadPublicKey(TEST_KEYS.alipayPublic);

describe('concurrent load', () => {
	let sim: TestSimulator;
	let agent: Agent;

	beforeAll(async () => {
		sim = await startTestSimulator({ merchants: clientIds.map((clientId) => ({ clientId, publicKey: TEST_KEYS.merchantPublic })) });
		agent = new Agent({ keepAlive: true, maxSockets: 100 });
	});
	afterAll(async () => {
		agent.destroy();
		await sim.close();
	});

	function post(api: 'pay' | 'refund', clientId: string, body: unknown): Promise<{ json: any; verified: boolean }> {
		const path = endpointPath(api, true);
		const text = JSON.stringify(body);
		const headers = signRequest({ path, clientId, body: text, privateKey });
		return new Promise((resolve, reject) => {
			const req = request(`${sim.baseUrl}${path}`, { method: 'POST', agent, headers }, (res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () => {
					const raw = Buffer.concat(chunks).toString('utf8');
					const verdict = verifyResponse({ path, clientId, headers: res.headers, body: raw, publicKey: alipayPublicKey });
					resolve({ json: JSON.parse(raw), verified: verdict.ok && verdict.signed });
				});
			});
			req.on('error', reject);
			req.end(text);
		});
	}

	it('leaves a consistent state after 1,000 concurrent pays from 50 clients: none lost, none duplicated', async () => {
		// Every client uses the same request IDs (they are scoped per client) and sends two of them twice.
		const unique = PER_CLIENT - 2;
		const sends = clientIds.flatMap((clientId, c) => {
			const bodies = Array.from({ length: unique }, (_, i) =>
				payBody({ paymentRequestId: `ORDER_${i}`, paymentAmount: { currency: 'SGD', value: String(100 + c * 100 + i) } }),
			);
			return [...bodies, bodies[0], bodies[1]].map((body) => ({ clientId, body }));
		});
		expect(sends).toHaveLength(1000);
		const answers = await Promise.all(sends.map(({ clientId, body }) => post('pay', clientId, body)));

		expect(answers.filter((a) => a.json.result.resultStatus !== 'S')).toEqual([]);
		expect(answers.every((a) => a.verified)).toBe(true);
		const byKey = new Map<string, Set<string>>();
		sends.forEach(({ clientId, body }, i) => {
			const key = `${clientId}/${String(body.paymentRequestId)}`;
			byKey.set(key, (byKey.get(key) ?? new Set()).add(answers[i].json.paymentId));
		});
		expect(byKey.size).toBe(CLIENTS * unique);
		expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);

		const { payments } = await sim.control('GET', '/_sim/payments');
		expect(payments).toHaveLength(CLIENTS * unique);
		expect(new Set(payments.map((p: { paymentId: string }) => p.paymentId)).size).toBe(CLIENTS * unique);
		const stored = new Map<string, { clientId: string; paymentRequestId: string; paymentAmount: { value: string } }>(
			payments.map((p: { paymentId: string }) => [p.paymentId, p]),
		);
		sends.forEach(({ clientId, body }, i) => {
			const payment = stored.get(answers[i].json.paymentId)!;
			expect(payment).toMatchObject({ clientId, paymentRequestId: body.paymentRequestId, paymentAmount: body.paymentAmount });
		});
	}, 30_000);

	it('never refunds more than was paid when 20 refunds of one payment race', async () => {
		const [clientId] = clientIds;
		const paid = await post('pay', clientId, payBody({ paymentAmount: { currency: 'SGD', value: '1450' } }));
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
		const answers = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				post('refund', clientId, { refundRequestId: `RACE_${i}`, paymentId: paid.json.paymentId, refundAmount: { currency: 'SGD', value: '100' } }),
			),
		);
		const codes = answers.map((a) => a.json.result.resultCode);
		expect(codes.filter((c) => c === 'SUCCESS')).toHaveLength(14);
		expect(codes.filter((c) => c === 'REFUND_AMOUNT_EXCEED')).toHaveLength(6);
		const state = await sim.control('GET', `/_sim/payments/${paid.json.paymentId}`);
		expect(state.refundedAmount.value).toBe('1400');
		expect(state.refunds).toHaveLength(14);
	});
});

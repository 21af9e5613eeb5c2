import { sleep, type INodeParameters } from 'n8n-workflow';
import type { TestSimulator } from '../../../helpers/simulator';
import { gatewayRequests, ORDER_CODE_PARAMETERS, runAlipay, simulatorPayments, useSimulator } from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

const payments = () => simulatorPayments(sim);

async function fault(mode: string, endpoint: string, timing: 'before' | 'after', count = 1): Promise<void> {
	await sim.control('POST', '/_sim/faults', { mode, endpoint, timing, count });
}

async function paidPaymentId(): Promise<string> {
	const run = await runAlipay({
		sim,
		parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { paymentRequestId: `PAID-${Date.now()}` } },
	});
	const paymentId = run.items[0].json.paymentId as string;
	await sim.control('POST', `/_sim/payments/${paymentId}/pay`);
	return paymentId;
}

function refundParameters(paymentId: string): INodeParameters {
	return {
		resource: 'payment',
		operation: 'refund',
		paymentId,
		refundAmount: '1.00',
		currency: 'SGD',
		options: { retryDelaySeconds: 0.01 },
	};
}

const FAULTS: Array<[string, 'before' | 'after']> = [
	['drop', 'before'],
	['drop', 'after'],
	['http500', 'before'],
	['http500', 'after'],
	['unknown', 'before'],
	['unknown', 'after'],
];

describe('retry safety: one payment or refund per item, whatever the gateway does', () => {
	test.each(FAULTS)(
		'Create Order Code creates exactly one payment per item when the gateway answers %s (%s processing)',
		async (mode, timing) => {
			await fault(mode, 'pay', timing, 2);
			const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, items: [{}, {}] });
			expect(run.error).toBeUndefined();
			const created = await payments();
			expect(created).toHaveLength(2);
			expect(new Set(run.items.map((i) => i.json.paymentId))).toEqual(new Set(created.map((p) => p.paymentId)));
			const payCalls = (await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay');
			// Each faulted attempt was repeated byte for byte (so with the same paymentRequestId).
			expect(payCalls).toHaveLength(4);
			const faulted = payCalls.filter((r) => r.fault === mode);
			expect(faulted).toHaveLength(2);
			for (const attempt of faulted) {
				expect(payCalls.some((r) => !r.fault && r.requestBody === attempt.requestBody)).toBe(true);
			}
			expect(new Set(payCalls.map((r) => JSON.parse(String(r.requestBody)).paymentRequestId))).toEqual(
				new Set(created.map((p) => p.paymentRequestId)),
			);
		},
	);

	test.each(FAULTS)(
		'Refund refunds exactly once per item when the gateway answers %s (%s processing)',
		async (mode, timing) => {
			const paymentId = await paidPaymentId();
			await fault(mode, 'refund', timing, 2);
			const run = await runAlipay({ sim, parameters: refundParameters(paymentId), items: [{}, {}] });
			expect(run.error).toBeUndefined();
			const [payment] = await payments();
			expect(payment.refunds).toHaveLength(2);
			expect(new Set(run.items.map((i) => i.json.refundId)).size).toBe(2);
		},
	);

	test('an answer slower than the timeout is asked for again with the same ID and still makes one payment', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'latency', endpoint: 'pay', latencyMs: 1300, count: 1 });
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, options: { retryDelaySeconds: 0.01, timeoutSeconds: 1 } },
		});
		expect(run.error).toBeUndefined();
		// Let the slow first request finish at the gateway before counting.
		await sleep(400);
		const created = await payments();
		expect(created).toHaveLength(1);
		expect(run.items[0].json.paymentId).toBe(created[0].paymentId);
	});

	test('after every attempt failed, the item fails as outcome unknown, never as success, naming the request ID to reuse', async () => {
		await fault('unknown', 'pay', 'after', 3);
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { paymentRequestId: 'UNSURE-1' } },
		});
		expect(run.items).toHaveLength(0);
		expect(run.error?.message).toMatch(/outcome unknown after 3 attempts, treat it as pending/);
		expect(run.error?.description).toContain('UNSURE-1');
		expect(run.error?.description).toMatch(/same paymentRequestId|same Payment Request ID/);
	});

	test('with Continue On Fail, an unknown outcome is an error item marked UNKNOWN with its request ID', async () => {
		await fault('drop', 'pay', 'after', 3);
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { paymentRequestId: 'UNSURE-2' } },
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ outcome: 'UNKNOWN', paymentRequestId: 'UNSURE-2' });
		expect(run.items[0].json.paymentId).toBeUndefined();
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	test("n8n's Retry On Fail re-runs the node with the same default request ID, so it completes the first payment instead of making a second", async () => {
		// Three lost answers exhaust the node's own attempts in n8n's first try; n8n's retry then succeeds.
		await fault('drop', 'pay', 'after', 3);
		const run = await runAlipay({
			sim,
			parameters: ORDER_CODE_PARAMETERS,
			settings: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});
		expect(run.error).toBeUndefined();
		const created = await payments();
		expect(created).toHaveLength(1);
		expect(run.items[0].json.paymentId).toBe(created[0].paymentId);
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay')).toHaveLength(4);
	});

	test('an F answer is final: it is not retried', async () => {
		const run = await runAlipay({
			sim,
			parameters: { resource: 'payment', operation: 'cancel', findBy: 'paymentId', paymentId: 'NO_SUCH_PAYMENT' },
		});
		expect(run.error?.message).toContain('ORDER_NOT_EXIST');
		expect(await gatewayRequests(sim)).toHaveLength(1);
	});

	test('REPEAT_REQ_INCONSISTENT explains that the request ID was already used with different content', async () => {
		await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { paymentRequestId: 'SAME-ID' } },
		});
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, amount: '13.00', additionalFields: { paymentRequestId: 'SAME-ID' } },
		});
		expect(run.error?.message).toContain('REPEAT_REQ_INCONSISTENT');
		expect(run.error?.description).toMatch(/already used with different content/);
		expect(run.error?.description).toContain('SAME-ID');
		expect(await payments()).toHaveLength(1);
	});
});

describe('response signatures', () => {
	test.each([['unsigned'], ['badSignature']])('a %s success answer is rejected and never output', async (mode) => {
		await fault(mode, 'pay', 'before', 1);
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS });
		expect(run.items).toHaveLength(0);
		expect(run.error?.message).toMatch(/signature|signed/i);
		expect(run.error?.description).toMatch(/Alipay Public Key|proxies/);
		// Not retried: a forged answer is not an unknown outcome to wait out.
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay')).toHaveLength(1);
	});

	test('a wrong Alipay Public Key in the credential fails the first call with a message naming that field', async () => {
		const { generateKeyPairSync } = await import('node:crypto');
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
			.publicKey.export({ format: 'der', type: 'spki' })
			.toString('base64');
		const { simulatorCredentials } = await import('./fixtures');
		const run = await runAlipay({
			sim,
			parameters: { resource: 'payment', operation: 'get', findBy: 'paymentId', paymentId: 'X' },
			credentials: simulatorCredentials(sim, { alipayPublicKey: other }),
		});
		// ORDER_NOT_EXIST is signed by the gateway: with the wrong key even a refusal cannot be trusted.
		expect(run.error?.message).toMatch(/not validly signed/);
		expect(run.error?.description).toContain('Alipay Public Key');
	});
});

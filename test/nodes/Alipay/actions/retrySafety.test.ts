import { generateKeyPairSync } from 'node:crypto';
import type { INodeParameters } from 'n8n-workflow';
import { eventually } from '../../../helpers/eventually';
import type { TestSimulator } from '../../../helpers/simulator';
import { ENDPOINTS } from '../../../../nodes/Alipay/core';
import { gatewayRequests, ORDER_CODE_PARAMETERS, REGISTER_PARAMETERS, runAlipay, simulatorCredentials, simulatorPayments, useSimulator } from './fixtures';

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
	it.each(FAULTS)(
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

	it.each(FAULTS)(
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

	it('an answer slower than the timeout is asked for again with the same ID and still makes one payment', async () => {
		// The first answer is held far past the 2 s timeout and the retries have that long each, so a
		// busy machine only makes the test slower, never changes which attempt is cut off.
		await sim.control('POST', '/_sim/faults', { mode: 'latency', endpoint: 'pay', latencyMs: 5000, count: 1 });
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, options: { retryDelaySeconds: 0.01, timeoutSeconds: 2 } },
		});
		expect(run.error).toBeUndefined();
		// Count payments once the gateway has also handled the slow first request (it logs a request when done).
		const payCalls = await eventually(
			async () => (await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay'),
			(calls) => calls.length === 2,
			'the slow first request to be handled',
		);
		expect(payCalls[0].requestBody).toBe(payCalls[1].requestBody);
		const created = await payments();
		expect(created).toHaveLength(1);
		expect(run.items[0].json.paymentId).toBe(created[0].paymentId);
	});

	it('after every attempt failed, the item fails as outcome unknown, never as success, naming the request ID to reuse', async () => {
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

	it('with Continue On Fail, an unknown outcome is an error item marked UNKNOWN with its request ID', async () => {
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

	it("n8n's Retry On Fail re-runs the node with the same default request ID, so it completes the first payment instead of making a second", async () => {
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

	describe("n8n's execution Retry (a new execution that carries the failed one's saved state)", () => {
		const NO_NODE_RETRY = { retryDelaySeconds: 0.01, maxAttempts: 1 };

		it.each([
			['Create Order Code', 'pay', { ...ORDER_CODE_PARAMETERS, options: NO_NODE_RETRY }],
			// One merchant per item: a second registration of the same merchant would be refused.
			['Register', 'registration', { ...REGISTER_PARAMETERS, referenceMerchantId: '={{ "SM_" + $itemIndex }}', options: NO_NODE_RETRY }],
		] as const)(
			'%s whose answer was lost is completed by the Retry, not made twice',
			async (_name, endpoint, parameters) => {
				await fault('drop', endpoint, 'after', 1);
				const failed = await runAlipay({ sim, parameters, items: [{}, {}], executionId: 'exec-101' });
				expect(failed.error?.message).toMatch(/outcome unknown/);
				const retried = await runAlipay({ sim, parameters, items: [{}, {}], executionId: 'exec-102', retryOf: failed.run });
				expect(retried.error).toBeUndefined();
				const calls = (await gatewayRequests(sim)).filter((r) => r.endpoint === endpoint);
				const idOf = (call: (typeof calls)[number]) => JSON.parse(String(call.requestBody))[ENDPOINTS[endpoint].requestIdField!];
				// Item 0 was sent in both executions with one ID; item 1 only in the Retry (the first stopped at item 0).
				expect(calls).toHaveLength(3);
				expect(new Set(calls.map(idOf)).size).toBe(2);
				const lost = calls.find((call) => call.fault === 'drop')!;
				expect(calls.filter((call) => idOf(call) === idOf(lost))).toHaveLength(2);
				expect(retried.items.map((item) => item.json[ENDPOINTS[endpoint].requestIdField!])).toContain(idOf(lost));
			},
		);

		it('Refund whose answer was lost refunds once across the Retry, and the retried execution outputs that refund', async () => {
			const paymentId = await paidPaymentId();
			const parameters = { ...refundParameters(paymentId), options: NO_NODE_RETRY };
			await fault('drop', 'refund', 'after', 1);
			const failed = await runAlipay({ sim, parameters, executionId: 'exec-201' });
			expect(failed.error?.message).toMatch(/outcome unknown/);
			const retried = await runAlipay({ sim, parameters, executionId: 'exec-202', retryOf: failed.run });
			const retriedAgain = await runAlipay({ sim, parameters, executionId: 'exec-203', retryOf: failed.run });
			const [payment] = await payments();
			expect(payment.refunds).toHaveLength(1);
			expect(retried.items[0].json.refundId).toBe(payment.refunds[0].refundId);
			expect(retriedAgain.items[0].json.refundId).toBe(payment.refunds[0].refundId);
		});

		it('a Retry two minutes later sends new times (code expiry, terminal request time) and Alipay still sees the same payment', async () => {
			const parameters = {
				...ORDER_CODE_PARAMETERS,
				additionalFields: { codeValidityMinutes: 5, storeTerminalId: 'POS-17' },
				options: NO_NODE_RETRY,
			};
			await fault('drop', 'pay', 'after', 1);
			const failed = await runAlipay({ sim, parameters, executionId: 'exec-401' });
			expect(failed.error?.message).toMatch(/outcome unknown/);
			const later = Date.now() + 120_000;
			const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
			let retried;
			try {
				retried = await runAlipay({ sim, parameters, executionId: 'exec-402', retryOf: failed.run });
			} finally {
				clock.mockRestore();
			}
			expect(retried.error).toBeUndefined();
			const bodies = (await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay').map((r) => JSON.parse(String(r.requestBody)));
			expect(bodies).toHaveLength(2);
			expect(bodies[0].paymentRequestId).toBe(bodies[1].paymentRequestId);
			expect(bodies[0].paymentExpiryTime).not.toBe(bodies[1].paymentExpiryTime);
			expect(bodies[0].order.env.storeTerminalRequestTime).not.toBe(bodies[1].order.env.storeTerminalRequestTime);
			const created = await payments();
			expect(created).toHaveLength(1);
			expect(retried.items[0].json.paymentId).toBe(created[0].paymentId);
		});

		it('two executions of the same input are two requests: two refunds', async () => {
			const paymentId = await paidPaymentId();
			const parameters = refundParameters(paymentId);
			await runAlipay({ sim, parameters, executionId: 'exec-301' });
			await runAlipay({ sim, parameters, executionId: 'exec-302' });
			const [payment] = await payments();
			expect(payment.refunds).toHaveLength(2);
		});
	});

	it('an F answer is final: it is not retried', async () => {
		const run = await runAlipay({
			sim,
			parameters: { resource: 'payment', operation: 'cancel', findBy: 'paymentId', paymentId: 'NO_SUCH_PAYMENT' },
		});
		expect(run.error?.message).toContain('ORDER_NOT_EXIST');
		expect(await gatewayRequests(sim)).toHaveLength(1);
	});

	it('REPEAT_REQ_INCONSISTENT explains that the request ID was already used with different content', async () => {
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
	it.each([['unsigned'], ['badSignature']])('a %s success answer is rejected and never output', async (mode) => {
		await fault(mode, 'pay', 'before', 1);
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS });
		expect(run.items).toHaveLength(0);
		expect(run.error?.message).toMatch(/signature|signed/i);
		expect(run.error?.description).toMatch(/Alipay Public Key|proxies/);
		// Not retried: a forged answer is not an unknown outcome to wait out.
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay')).toHaveLength(1);
	});

	it('a wrong Alipay Public Key in the credential fails the first call with a message naming that field', async () => {
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

describe('signed refusals of the request itself are final and name the credential field to fix', () => {
	const strangerPrivate = generateKeyPairSync('rsa', { modulusLength: 2048 })
		.privateKey.export({ format: 'der', type: 'pkcs8' })
		.toString('base64');

	it.each([
		['a Merchant Private Key Alipay does not have', { privateKey: strangerPrivate }, 'INVALID_SIGNATURE', /Merchant Private Key/],
		['an unknown Client ID', { clientId: 'SANDBOX_5YNOBODY00000001' }, 'CLIENT_INVALID', /Client ID/],
		['a Key Version Alipay does not have', { keyVersion: 7 }, 'KEY_NOT_FOUND', /Key Version/],
	])('%s: Create Order Code was refused, nothing was charged, and it says so', async (_name, overrides, code, field) => {
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, credentials: simulatorCredentials(sim, overrides) });
		expect(run.error?.message).toMatch(new RegExp(`^Create Order Code was refused by Alipay: ${code}`));
		expect(run.error?.description).toMatch(field);
		expect(run.error?.description).toMatch(/Alipay processed nothing, so running it again once this is fixed is safe/);
		// Refused once, not retried: a signed refusal is final.
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay')).toHaveLength(1);
		expect(await payments()).toHaveLength(0);
	});
});

describe('answers that may follow a processed request are outcome unknown, never success or refusal', () => {
	const continueOnFail = { onError: 'continueRegularOutput' as const };

	it.each([
		['a bad response signature', { mode: 'badSignature' }],
		["a CDN's HTTP 522 after processing", { mode: 'http500', status: 522, timing: 'after' }],
		['a validly signed answer about another payment', { mode: 'otherAnswer', count: 3 }],
		['a validly signed answer dated 90 days ago', { mode: 'stale', count: 3 }],
	])('%s: outcome UNKNOWN with the request ID, and the next safe step', async (_name, faultRule) => {
		await sim.control('POST', '/_sim/faults', { endpoint: 'pay', ...faultRule });
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { paymentRequestId: 'MAYBE-1' } },
			settings: continueOnFail,
		});
		const json = run.items[0].json;
		expect(json).toMatchObject({ outcome: 'UNKNOWN', paymentRequestId: 'MAYBE-1' });
		expect(json.paymentId).toBeUndefined();
		expect(String(json.description)).toMatch(/same paymentRequestId \(MAYBE-1\), or Get its status with that ID/);
		// The payment exists at the gateway: the answer was the only thing wrong.
		expect(await payments()).toHaveLength(1);
	});

	it('an unsigned refusal is outcome unknown too, keeping its code in the message', async () => {
		// The gateway signs every answer; the fault strips the signature, as anything between could.
		await runAlipay({ sim, parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { paymentRequestId: 'MAYBE-2' } } });
		await fault('unsigned', 'pay', 'before');
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, amount: '13.00', additionalFields: { paymentRequestId: 'MAYBE-2' } },
			settings: continueOnFail,
		});
		expect(run.items[0].json).toMatchObject({ outcome: 'UNKNOWN', paymentRequestId: 'MAYBE-2', resultCode: 'REPEAT_REQ_INCONSISTENT' });
		expect(String(run.items[0].json.error)).toMatch(/outcome unknown after 1 attempt \(unsigned REPEAT_REQ_INCONSISTENT\)/);
	});
});

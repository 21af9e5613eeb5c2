import { FaultBook } from '../../simulator/faults';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, expectResult, payBody } from './wire';

describe('fault injection', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator();
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterEach(() => sim.control('DELETE', '/_sim/faults'));
	afterAll(() => sim.close());

	const countPayments = async (paymentRequestId: unknown) =>
		(await sim.control('GET', '/_sim/payments')).payments.filter((p: { paymentRequestId: string }) => p.paymentRequestId === paymentRequestId).length;

	it('answers HTTP 500 for the next N matching requests without processing them, then recovers', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'http500', endpoint: 'pay', count: 2 });
		const body = payBody();
		for (let i = 0; i < 2; i++) {
			const failed = await merchant.call('/v1/payments/pay', body);
			expect(failed.status).toBe(500);
			expect(failed.signed).toBe(false);
		}
		expect(await countPayments(body.paymentRequestId)).toBe(0);
		expectResult(await merchant.call('/v1/payments/pay', body), 'S', 'SUCCESS');
		expect((await sim.control('GET', '/_sim/faults')).faults).toEqual([]);
	});

	it('drops the connection without an answer', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'drop', path: '/v1/payments/pay' });
		await expect(merchant.call('/v1/payments/pay', payBody())).rejects.toThrow(/socket hang up/);
	});

	it('answers a signed U/UNKNOWN_EXCEPTION, before processing by default and after it on request', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'unknown', endpoint: 'pay' });
		const body = payBody();
		expectResult(await merchant.call('/v1/payments/pay', body), 'U', 'UNKNOWN_EXCEPTION');
		expect(await countPayments(body.paymentRequestId)).toBe(0);
		await sim.control('POST', '/_sim/faults', { mode: 'unknown', endpoint: 'pay', timing: 'after' });
		expectResult(await merchant.call('/v1/payments/pay', body), 'U', 'UNKNOWN_EXCEPTION');
		expect(await countPayments(body.paymentRequestId)).toBe(1);
	});

	it('answers a signed U/PAYMENT_IN_PROCESS on pay, before processing or after it', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'inProcess', endpoint: 'pay' });
		const body = payBody();
		expectResult(await merchant.call('/v1/payments/pay', body), 'U', 'PAYMENT_IN_PROCESS');
		expect(await countPayments(body.paymentRequestId)).toBe(0);
		await sim.control('POST', '/_sim/faults', { mode: 'inProcess', endpoint: 'pay', timing: 'after' });
		expectResult(await merchant.call('/v1/payments/pay', body), 'U', 'PAYMENT_IN_PROCESS');
		expect(await countPayments(body.paymentRequestId)).toBe(1);
	});

	it('sends the real answer unsigned', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'unsigned', endpoint: 'inquiryPayment' });
		const answer = await merchant.call('/v1/payments/inquiryPayment', { paymentId: 'x' });
		expectResult(answer, 'F', 'ORDER_NOT_EXIST', false);
		expect(answer.headers['response-time']).toBeUndefined();
	});

	it('sends the real answer with a well-formed signature that does not verify', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'badSignature', endpoint: 'pay' });
		const answer = await merchant.call('/v1/payments/pay', payBody());
		expect(answer.json.result.resultStatus).toBe('S');
		expect(answer.signed).toBe(true);
		expect(answer.verified).toBe(false);
		expect(answer.headers.signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
	});

	it('answers another 5xx status when asked, e.g. a CDN origin error after processing', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'http500', endpoint: 'pay', status: 522, timing: 'after' });
		const body = payBody();
		expect((await merchant.call('/v1/payments/pay', body)).status).toBe(522);
		expect(await countPayments(body.paymentRequestId)).toBe(1);
	});

	it('answers, validly signed, about another request: every echoed ID changed', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'otherAnswer', endpoint: 'pay' });
		const body = payBody();
		const answer = await merchant.call('/v1/payments/pay', body);
		expect(answer.verified).toBe(true);
		expect(answer.json.paymentRequestId).not.toBe(body.paymentRequestId);
		const [payment] = (await sim.control('GET', `/_sim/payments?paymentRequestId=${body.paymentRequestId}`)).payments;
		expect(answer.json.paymentId).not.toBe(payment.paymentId);
	});

	it('answers, validly signed, with a response-time 90 days old', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'stale', endpoint: 'inquiryPayment' });
		const answer = await merchant.call('/v1/payments/inquiryPayment', { paymentId: 'x' });
		expect(answer.verified).toBe(true);
		expect(Date.now() - Date.parse(answer.headers['response-time'])).toBeGreaterThan(89 * 86_400_000);
	});

	it('with a rate, hits only the drawn share of matching requests, and still no more than count', async () => {
		const book = new FaultBook();
		book.add({ mode: 'unknown', endpoint: 'inquiryPayment', rate: 0.3, count: 2 });
		const draws = jest.spyOn(Math, 'random');
		for (const draw of [0.5, 0.29, 0.9, 0.1, 0.0]) draws.mockReturnValueOnce(draw);
		const hits = [0, 1, 2, 3, 4].map(() => book.take('inquiryPayment', '/ams/api/v1/payments/inquiryPayment')?.mode);
		draws.mockRestore();
		expect(hits).toEqual([undefined, 'unknown', undefined, 'unknown', undefined]);
		await expect(sim.control('POST', '/_sim/faults', { mode: 'drop', rate: 0 })).rejects.toThrow(/rate must be/);
		await expect(sim.control('POST', '/_sim/faults', { mode: 'http500', status: 404 })).rejects.toThrow(/status must be/);
	});

	it('adds latency and then answers normally', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'latency', latencyMs: 300 });
		const started = Date.now();
		expectResult(await merchant.call('/v1/payments/inquiryPayment', { paymentId: 'x' }), 'F', 'ORDER_NOT_EXIST');
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	it('only hits requests matching the endpoint name', async () => {
		await sim.control('POST', '/_sim/faults', { mode: 'http500', endpoint: 'refund' });
		expectResult(await merchant.call('/v1/payments/inquiryPayment', { paymentId: 'x' }), 'F', 'ORDER_NOT_EXIST');
		expect((await sim.control('GET', '/_sim/faults')).faults).toEqual([expect.objectContaining({ mode: 'http500', remaining: 1 })]);
	});

	it('refuses a fault it does not know, naming the allowed values', async () => {
		await expect(sim.control('POST', '/_sim/faults', { mode: 'explode' })).rejects.toThrow(/HTTP 400[\s\S]*mode must be one of latency, http500/);
		await expect(sim.control('POST', '/_sim/faults', { mode: 'drop', endpoint: 'payLater' })).rejects.toThrow(/endpoint must be one of/);
	});
});

describe('magic amounts of the old official mock gateway', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator();
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	const amount = (value: string) => ({ paymentAmount: { currency: 'SGD', value } });

	it('answers a pay of 9901 minor units with a signed U/UNKNOWN_EXCEPTION and creates nothing', async () => {
		const body = payBody(amount('9901'));
		expectResult(await merchant.call('/v1/payments/pay', body), 'U', 'UNKNOWN_EXCEPTION');
		expect((await sim.control('GET', '/_sim/payments')).payments).toEqual([]);
	});

	it('drops the connection of a pay of 9902 minor units', async () => {
		await expect(merchant.call('/v1/payments/pay', payBody(amount('9902')))).rejects.toThrow(/socket hang up/);
	});

	it('answers U for an inquiry of a 9903 payment and drops an inquiry of a 9904 payment', async () => {
		const u = await merchant.call('/v1/payments/pay', payBody(amount('9903')));
		expectResult(await merchant.call('/v1/payments/inquiryPayment', { paymentId: u.json.paymentId }), 'U', 'UNKNOWN_EXCEPTION');
		const drop = await merchant.call('/v1/payments/pay', payBody(amount('9904')));
		await expect(merchant.call('/v1/payments/inquiryPayment', { paymentId: drop.json.paymentId })).rejects.toThrow(/socket hang up/);
	});

	it('treats the magic amounts as ordinary when switched off', async () => {
		const plain = await startTestSimulator({ magicAmounts: false });
		try {
			const body = payBody(amount('9901'));
			expectResult(await new WireMerchant(plain.baseUrl, plain.alipayPublicKey).call('/v1/payments/pay', body), 'S', 'SUCCESS');
		} finally {
			await plain.close();
		}
	});
});

import { fixtureMerchants, startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, expectResult, payBody, registrationBody, uniqueId } from './wire';

const SECOND_CLIENT_ID = 'SANDBOX_5YSECOND00000001';

describe('idempotency per spec 2.10, keyed per client ID', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		sim = await startTestSimulator({
			merchants: fixtureMerchants(SECOND_CLIENT_ID),
		});
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	it('replays the stored pay answer for the same paymentRequestId and content, creating one payment', async () => {
		const body = payBody();
		const first = await merchant.call('/v1/payments/pay', body);
		const again = await merchant.call('/v1/payments/pay', body);
		expectResult(again, 'S', 'SUCCESS');
		expect(again.json).toEqual(first.json);
		const payments = await sim.control('GET', '/_sim/payments');
		expect(payments.payments.filter((p: { paymentRequestId: string }) => p.paymentRequestId === body.paymentRequestId)).toHaveLength(1);
	});

	it('treats differences outside the key fields as the same request', async () => {
		const body = payBody();
		const first = await merchant.call('/v1/payments/pay', body);
		const reworded = await merchant.call('/v1/payments/pay', { ...body, order: { ...(body.order as object), orderDescription: 'Two flat whites' } });
		expect(reworded.json.paymentId).toBe(first.json.paymentId);
	});

	it('treats a retry whose times moved on (paymentExpiryTime, storeTerminalRequestTime) as the same request', async () => {
		const body = payBody();
		const order = body.order as Record<string, unknown>;
		const first = await merchant.call('/v1/payments/pay', {
			...body,
			paymentExpiryTime: '2099-05-01T12:05:00+08:00',
			order: { ...order, env: { storeTerminalId: 'POS-17', storeTerminalRequestTime: '2099-05-01T12:00:00+08:00' } },
		});
		const later = await merchant.call('/v1/payments/pay', {
			...body,
			paymentExpiryTime: '2099-05-01T12:07:00+08:00',
			order: { ...order, env: { storeTerminalId: 'POS-17', storeTerminalRequestTime: '2099-05-01T12:02:00+08:00' } },
		});
		expectResult(later, 'S', 'SUCCESS');
		expect(later.json.paymentId).toBe(first.json.paymentId);
	});

	it.each([
		['amount', { paymentAmount: { currency: 'SGD', value: '1451' } }],
		['currency', { paymentAmount: { currency: 'USD', value: '1450' } }],
		['payment method', { paymentMethod: { paymentMethodType: 'ALIPAY_CN' } }],
		['settlement currency', { settlementStrategy: { settlementCurrency: 'USD' } }],
	])('answers REPEAT_REQ_INCONSISTENT when a pay retry changes the %s', async (_, change) => {
		const body = payBody();
		expectResult(await merchant.call('/v1/payments/pay', body), 'S', 'SUCCESS');
		expectResult(await merchant.call('/v1/payments/pay', { ...body, ...change }), 'F', 'REPEAT_REQ_INCONSISTENT');
	});

	it('keeps request IDs apart per client ID', async () => {
		const body = payBody();
		const mine = await merchant.call('/v1/payments/pay', body);
		const theirs = await merchant.call('/v1/payments/pay', { ...body, paymentAmount: { currency: 'SGD', value: '999' } }, { clientId: SECOND_CLIENT_ID });
		expectResult(theirs, 'S', 'SUCCESS');
		expect(theirs.json.paymentId).not.toBe(mine.json.paymentId);
	});

	it('replays a refund for the same refundRequestId and refuses a changed amount', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody());
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
		const refund = { refundRequestId: uniqueId('RF'), paymentId: paid.json.paymentId, refundAmount: { currency: 'SGD', value: '700' } };
		const first = await merchant.call('/v1/payments/refund', refund);
		const again = await merchant.call('/v1/payments/refund', refund);
		expect(again.json).toEqual(first.json);
		const state = await sim.control('GET', `/_sim/payments/${paid.json.paymentId}`);
		expect(state.refundedAmount.value).toBe('700');
		const changed = await merchant.call('/v1/payments/refund', { ...refund, refundAmount: { currency: 'SGD', value: '701' } });
		expectResult(changed, 'F', 'REPEAT_REQ_INCONSISTENT');
	});

	it('replays a registration for the same registrationRequestId and refuses a different merchant', async () => {
		const body = registrationBody();
		const first = await merchant.call('/v1/merchants/registration', body);
		expectResult(await merchant.call('/v1/merchants/registration', body), 'S', 'SUCCESS');
		expect((await sim.control('GET', '/_sim/registrations')).registrations.filter(
			(r: { registrationRequestId: string }) => r.registrationRequestId === body.registrationRequestId,
		)).toHaveLength(1);
		expectResult(first, 'S', 'SUCCESS');
		const other = { ...body, merchantInfo: { ...(body.merchantInfo as object), referenceMerchantId: uniqueId('SM') } };
		expectResult(await merchant.call('/v1/merchants/registration', other), 'F', 'REPEAT_REQ_INCONSISTENT');
	});

	it('creates exactly one payment when a lost answer is retried (fault after processing)', async () => {
		const body = payBody();
		await sim.control('POST', '/_sim/faults', { mode: 'drop', endpoint: 'pay', timing: 'after' });
		await expect(merchant.call('/v1/payments/pay', body)).rejects.toThrow();
		const retry = await merchant.call('/v1/payments/pay', body);
		expectResult(retry, 'S', 'SUCCESS');
		const payments = await sim.control('GET', '/_sim/payments');
		expect(payments.payments.filter((p: { paymentRequestId: string }) => p.paymentRequestId === body.paymentRequestId)).toHaveLength(1);
	});
});

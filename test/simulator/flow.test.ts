import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { NotifyReceiver, WireMerchant, payBody, uniqueId } from './wire';

describe('the whole Order Code path against the simulator, signed with openssl and verified with jsrsasign', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;
	let receiver: NotifyReceiver;

	beforeAll(async () => {
		sim = await startTestSimulator();
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
		receiver = await new NotifyReceiver(merchant.alipayPublicPem).start();
	});
	afterAll(async () => {
		await sim.close();
		await receiver.close();
	});

	it('goes pay → customer pays → notifyPayment → inquiryPayment → refund → inquiryRefund with every message verified', async () => {
		const body = payBody({}, `${receiver.url}/alipay/notify?shop=kopi`);
		const paid = await merchant.call('/v1/payments/pay', body);
		expect(paid.verified).toBe(true);
		expect(paid.json).toMatchObject({
			result: { resultCode: 'SUCCESS', resultStatus: 'S' },
			paymentRequestId: body.paymentRequestId,
			paymentAmount: { currency: 'SGD', value: '1450' },
		});
		const paymentId: string = paid.json.paymentId;
		const codes = paid.json.orderCodeForm.codeDetails as Array<{ displayType: string; codeValue: string }>;
		// As Alipay documents it: one SMALLIMAGE entry whose value is the code's link.
		expect(codes.map((c) => c.displayType)).toEqual(['SMALLIMAGE']);
		expect(codes[0].codeValue).toBe(`${sim.baseUrl}/_sim/scan/${paymentId}`);

		await sim.control('POST', `/_sim/payments/${paymentId}/pay`);
		await receiver.waitFor(1);
		const [notification] = receiver.received;
		expect(notification.verified).toBe(true);
		expect(notification.path).toBe('/alipay/notify?shop=kopi');
		expect(notification.json).toMatchObject({
			notifyType: 'PAYMENT_RESULT',
			result: { resultCode: 'SUCCESS', resultStatus: 'S' },
			paymentId,
			paymentRequestId: body.paymentRequestId,
			paymentAmount: { currency: 'SGD', value: '1450' },
		});

		const inquiry = await merchant.call('/v1/payments/inquiryPayment', { paymentId });
		expect(inquiry.verified).toBe(true);
		expect(inquiry.json).toMatchObject({ paymentStatus: 'SUCCESS', paymentResultCode: 'SUCCESS', paymentId });
		expect(inquiry.json.paymentTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

		const refundRequestId = uniqueId('RF');
		const refunded = await merchant.call('/v1/payments/refund', {
			refundRequestId,
			paymentId,
			refundAmount: { currency: 'SGD', value: '450' },
			refundReason: 'croissant out of stock',
		});
		expect(refunded.verified).toBe(true);
		expect(refunded.json).toMatchObject({ result: { resultStatus: 'S' }, refundRequestId, paymentId, refundAmount: { value: '450' } });

		const byRequestId = await merchant.call('/v1/payments/inquiryRefund', { refundRequestId });
		const byRefundId = await merchant.call('/v1/payments/inquiryRefund', { refundId: refunded.json.refundId });
		for (const answer of [byRequestId, byRefundId]) {
			expect(answer.verified).toBe(true);
			expect(answer.json).toMatchObject({ refundStatus: 'SUCCESS', refundId: refunded.json.refundId, refundAmount: { value: '450' } });
		}

		const after = await merchant.call('/v1/payments/inquiryPayment', { paymentRequestId: body.paymentRequestId });
		expect(after.json.transactions).toEqual([
			expect.objectContaining({ transactionType: 'REFUND', transactionId: refunded.json.refundId, transactionRequestId: refundRequestId }),
		]);
		const state = await sim.control('GET', `/_sim/payments/${paymentId}`);
		expect(state).toMatchObject({ status: 'SUCCESS', refundedAmount: { value: '450' } });
		expect(state.refunds).toHaveLength(1);
	});

	it('works the same under the production prefix /ams/api', async () => {
		const production = new WireMerchant(sim.baseUrl, sim.alipayPublicKey, '/ams/api');
		const body = payBody();
		const paid = await production.call('/v1/payments/pay', body);
		expect(paid.verified).toBe(true);
		const state = await sim.control('GET', `/_sim/payments/${paid.json.paymentId}`);
		expect(state.sandbox).toBe(false);
	});

	it('cancels an unpaid order code and reports it CANCELLED with a CANCEL transaction', async () => {
		const body = payBody();
		const paid = await merchant.call('/v1/payments/pay', body);
		const cancelled = await merchant.call('/v1/payments/cancel', { paymentRequestId: body.paymentRequestId });
		expect(cancelled.verified).toBe(true);
		expect(cancelled.json).toMatchObject({ result: { resultStatus: 'S' }, paymentId: paid.json.paymentId });
		expect(cancelled.json.cancelTime).toBeDefined();
		const again = await merchant.call('/v1/payments/cancel', { paymentId: paid.json.paymentId });
		expect(again.json).toMatchObject({ result: { resultStatus: 'S' }, cancelTime: cancelled.json.cancelTime });
		const inquiry = await merchant.call('/v1/payments/inquiryPayment', { paymentId: paid.json.paymentId });
		expect(inquiry.json.paymentStatus).toBe('CANCELLED');
		expect(inquiry.json.transactions).toEqual([expect.objectContaining({ transactionType: 'CANCEL' })]);
	});

	it('refunds a paid payment in full when it is cancelled inside the cancel window', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody());
		const paymentId = paid.json.paymentId;
		await sim.control('POST', `/_sim/payments/${paymentId}/pay`);
		const cancelled = await merchant.call('/v1/payments/cancel', { paymentId });
		expect(cancelled.json.result.resultStatus).toBe('S');
		const state = await sim.control('GET', `/_sim/payments/${paymentId}`);
		expect(state).toMatchObject({ status: 'CANCELLED', refundedAmount: { value: '1450' } });
		expect(state.refunds).toEqual([expect.objectContaining({ kind: 'CANCEL', refundAmount: { currency: 'SGD', value: '1450' } })]);
	});

	it('expires an unpaid order code at paymentExpiryTime when the clock passes it', async () => {
		const body = payBody({ paymentExpiryTime: new Date(Date.now() + 60_000).toISOString().replace(/\.\d+Z$/, '+00:00') });
		const paid = await merchant.call('/v1/payments/pay', body);
		const before = await merchant.call('/v1/payments/inquiryPayment', { paymentId: paid.json.paymentId });
		expect(before.json.paymentStatus).toBe('PROCESSING');
		await sim.control('POST', '/_sim/clock/advance', { seconds: 61 });
		const after = await merchant.call('/v1/payments/inquiryPayment', { paymentId: paid.json.paymentId });
		expect(after.json).toMatchObject({ paymentStatus: 'FAIL', paymentResultCode: 'ORDER_IS_CLOSED' });
	});

	it('records a declined payment as FAIL with the decline code', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody());
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/decline`, { resultCode: 'RISK_REJECT' });
		const inquiry = await merchant.call('/v1/payments/inquiryPayment', { paymentId: paid.json.paymentId });
		expect(inquiry.json).toMatchObject({ paymentStatus: 'FAIL', paymentResultCode: 'RISK_REJECT' });
	});

	it('refuses to pay an order code that is no longer open', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody());
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/expire`);
		await expect(sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`)).rejects.toThrow(/HTTP 409[\s\S]*FAIL, not PROCESSING/);
	});
});

describe('asynchronous refunds', () => {
	it('keeps a refund PROCESSING for the configured time, then reports SUCCESS with its refundTime', async () => {
		const sim = await startTestSimulator({ refundProcessingSeconds: 30 });
		try {
			const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
			const paid = await merchant.call('/v1/payments/pay', payBody());
			await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
			const refundRequestId = uniqueId('RF');
			const accepted = await merchant.call('/v1/payments/refund', {
				refundRequestId,
				paymentId: paid.json.paymentId,
				refundAmount: { currency: 'SGD', value: '1450' },
			});
			expect(accepted.json.result.resultStatus).toBe('S');
			expect(accepted.json.refundTime).toBeUndefined();
			const processing = await merchant.call('/v1/payments/inquiryRefund', { refundRequestId });
			expect(processing.json.refundStatus).toBe('PROCESSING');
			expect(processing.json.refundTime).toBeUndefined();
			const paymentDuring = await merchant.call('/v1/payments/inquiryPayment', { paymentId: paid.json.paymentId });
			expect(paymentDuring.json.transactions).toEqual([expect.objectContaining({ transactionStatus: 'PROCESSING' })]);
			sim.advanceClock(31_000);
			const done = await merchant.call('/v1/payments/inquiryRefund', { refundRequestId });
			expect(done.json.refundStatus).toBe('SUCCESS');
			expect(done.json.refundTime).toMatch(/\+08:00$/);
		} finally {
			await sim.close();
		}
	});
});

import {
	AlipayResultError,
	AlipayUnknownResultError,
	type CancelResponse,
	type InquiryPaymentResponse,
	type PaymentReference,
} from '../../../../nodes/Alipay/core';
import { waitForPaymentResult, type WaitSettings } from '../../../../nodes/Alipay/helpers/waitForResult';

/**
 * The waiting rules against a scripted gateway on a virtual clock: `sleep` moves the clock, so
 * every time below is exact and no test waits for real.
 */

const PAYMENT_ID = 'P-0001';
const REQUEST_ID = 'R-0001';
const ok = { resultCode: 'SUCCESS', resultStatus: 'S' as const };
const status = (paymentStatus: string): InquiryPaymentResponse =>
	({ result: ok, paymentId: PAYMENT_ID, paymentRequestId: REQUEST_ID, paymentStatus }) as InquiryPaymentResponse;
const unknown = () =>
	new AlipayUnknownResultError('Alipay could not tell the outcome of inquiryPayment: UNKNOWN_EXCEPTION', {
		endpoint: 'inquiryPayment',
		resultCode: 'UNKNOWN_EXCEPTION',
		resultStatus: 'U',
	});
const refused = (code: string, endpoint: 'inquiryPayment' | 'cancel' = 'inquiryPayment') =>
	new AlipayResultError(`Alipay refused ${endpoint}: ${code}`, { endpoint, resultCode: code, resultStatus: 'F' });

type Answer = InquiryPaymentResponse | Error;

/** A gateway whose inquiries answer from `answerAt(now)` and whose cancel answers `onCancel(now)`. */
function gateway(
	answerAt: (now: number, check: number) => Answer,
	onCancel: (now: number) => CancelResponse | Error = () => ({ result: ok, cancelTime: 'now' }) as CancelResponse,
) {
	const log: Array<{ call: 'inquire' | 'cancel' | 'sleep'; at: number; ms?: number }> = [];
	let now = 0;
	let checks = 0;
	const answer = <T>(value: T | Error): T => {
		if (value instanceof Error) throw value;
		return value;
	};
	return {
		log,
		sleeps: () => log.filter((e) => e.call === 'sleep').map((e) => e.ms),
		calls: (call: 'inquire' | 'cancel') => log.filter((e) => e.call === call).map((e) => e.at),
		deps: {
			inquire: async (_reference: PaymentReference) => {
				log.push({ call: 'inquire', at: now });
				return answer(answerAt(now, ++checks));
			},
			cancel: async (_reference: PaymentReference) => {
				log.push({ call: 'cancel', at: now });
				return answer(onCancel(now));
			},
			sleep: async (ms: number) => {
				log.push({ call: 'sleep', at: now, ms });
				now += ms;
			},
			now: () => now,
		},
	};
}

const SETTINGS: WaitSettings = {
	maxWaitMs: 30 * 60_000,
	firstIntervalMs: 2000,
	maxIntervalMs: 10_000,
	maxUnclearAnswers: 10,
	cancelIfUnpaid: true,
};

describe('waitForPaymentResult', () => {
	it('checks at once, then at growing intervals up to the cap, until a final status', async () => {
		const gw = gateway((now) => status(now >= 40_000 ? 'SUCCESS' : 'PROCESSING'));
		const result = await waitForPaymentResult({ paymentId: PAYMENT_ID }, SETTINGS, gw.deps);
		expect(gw.sleeps()).toEqual([2000, 3000, 4500, 6750, 10_000, 10_000, 10_000]);
		expect(gw.calls('inquire')[0]).toBe(0);
		expect(result).toMatchObject({ endedBy: 'finalStatus', checks: 8, paymentId: PAYMENT_ID, paymentRequestId: REQUEST_ID });
		expect(result.inquiry?.paymentStatus).toBe('SUCCESS');
		expect(gw.calls('cancel')).toEqual([]);
	});

	it.each(['FAIL', 'CANCELLED'])('stops at the final status %s without cancelling', async (final) => {
		const gw = gateway((_, check) => status(check < 3 ? 'PROCESSING' : final));
		const result = await waitForPaymentResult({ paymentId: PAYMENT_ID }, SETTINGS, gw.deps);
		expect(result).toMatchObject({ endedBy: 'finalStatus', checks: 3 });
		expect(gw.calls('cancel')).toEqual([]);
	});

	it('PENDING (paid, not final yet) is not a result: it keeps checking', async () => {
		const gw = gateway((_, check) => status(check < 4 ? 'PENDING' : 'SUCCESS'));
		const result = await waitForPaymentResult({ paymentId: PAYMENT_ID }, SETTINGS, gw.deps);
		expect(result).toMatchObject({ endedBy: 'finalStatus', checks: 4 });
	});

	it('unknown answers and ORDER_NOT_EXIST just after creation are asked again, up to the bound in a row', async () => {
		const script: Answer[] = [refused('ORDER_NOT_EXIST'), unknown(), status('PROCESSING'), unknown(), status('SUCCESS')];
		const gw = gateway((_, check) => script[check - 1]);
		const result = await waitForPaymentResult(
			{ paymentRequestId: REQUEST_ID },
			{ ...SETTINGS, maxUnclearAnswers: 3 },
			gw.deps,
		);
		expect(result).toMatchObject({ endedBy: 'finalStatus', checks: 5, paymentId: PAYMENT_ID });
	});

	it('too many unclear answers in a row fail with the last one, naming both IDs learnt so far', async () => {
		const gw = gateway((_, check) => (check === 1 ? status('PROCESSING') : unknown()));
		const failure = waitForPaymentResult({ paymentId: PAYMENT_ID }, { ...SETTINGS, maxUnclearAnswers: 3 }, gw.deps);
		await expect(failure).rejects.toMatchObject({
			name: 'AlipayUnknownResultError',
			ids: { paymentId: PAYMENT_ID, paymentRequestId: REQUEST_ID },
		});
		expect(gw.calls('inquire')).toHaveLength(4);
		expect(gw.calls('cancel')).toEqual([]);
	});

	it('a payment never found fails with ORDER_NOT_EXIST after the bound, naming the ID it was asked by', async () => {
		const gw = gateway(() => refused('ORDER_NOT_EXIST'));
		const failure = waitForPaymentResult({ paymentRequestId: REQUEST_ID }, { ...SETTINGS, maxUnclearAnswers: 5 }, gw.deps);
		await expect(failure).rejects.toMatchObject({ resultCode: 'ORDER_NOT_EXIST', ids: { paymentRequestId: REQUEST_ID } });
		expect(gw.calls('inquire')).toHaveLength(5);
	});

	it('any other refusal stops the wait at once', async () => {
		const gw = gateway(() => refused('CLIENT_INVALID'));
		await expect(waitForPaymentResult({ paymentId: PAYMENT_ID }, SETTINGS, gw.deps)).rejects.toMatchObject({
			resultCode: 'CLIENT_INVALID',
			ids: { paymentId: PAYMENT_ID },
		});
		expect(gw.calls('inquire')).toHaveLength(1);
	});

	it("at the code's expiry it checks once more, cancels the unpaid order and reports Alipay's status after the cancel", async () => {
		let cancelledAt: number | undefined;
		const gw = gateway(
			(now) => status(cancelledAt !== undefined && now >= cancelledAt ? 'CANCELLED' : 'PROCESSING'),
			(now) => {
				cancelledAt = now;
				return { result: ok, paymentId: PAYMENT_ID, cancelTime: '2026-11-29T12:03:00+08:00' } as CancelResponse;
			},
		);
		const result = await waitForPaymentResult({ paymentId: PAYMENT_ID }, { ...SETTINGS, expiresAt: 20_000 }, gw.deps);
		const inquiries = gw.calls('inquire');
		expect(inquiries.filter((at) => at <= 20_000).at(-1)).toBe(20_000);
		expect(gw.calls('cancel')).toEqual([20_000]);
		expect(Math.max(...gw.log.map((e) => e.at))).toBe(20_000);
		expect(result).toMatchObject({ endedBy: 'codeExpired', cancel: { cancelTime: '2026-11-29T12:03:00+08:00' } });
		expect(result.inquiry?.paymentStatus).toBe('CANCELLED');
	});

	it('Max Wait ends the wait when it comes before the expiry', async () => {
		const gw = gateway(() => status('PROCESSING'));
		const result = await waitForPaymentResult(
			{ paymentId: PAYMENT_ID },
			{ ...SETTINGS, maxWaitMs: 5000, expiresAt: 60_000 },
			gw.deps,
		);
		expect(result.endedBy).toBe('maxWait');
		expect(gw.calls('cancel')).toEqual([5000]);
	});

	it('a customer who paid after the last check is reported as paid when Alipay refuses the cancel', async () => {
		let paid = false;
		const gw = gateway(
			() => status(paid ? 'SUCCESS' : 'PROCESSING'),
			() => {
				paid = true; // paid between the last check and the cancel
				return refused('ORDER_STATUS_INVALID', 'cancel');
			},
		);
		const result = await waitForPaymentResult({ paymentId: PAYMENT_ID }, { ...SETTINGS, expiresAt: 10_000 }, gw.deps);
		expect(result).toMatchObject({ endedBy: 'codeExpired', paymentRequestId: REQUEST_ID });
		expect(result.inquiry?.paymentStatus).toBe('SUCCESS');
		expect(result.cancel).toBeUndefined();
	});

	it('a refused cancel on a payment still not final fails with the refusal, naming both IDs', async () => {
		const gw = gateway(
			() => status('PROCESSING'),
			() => refused('ORDER_STATUS_INVALID', 'cancel'),
		);
		await expect(
			waitForPaymentResult({ paymentId: PAYMENT_ID }, { ...SETTINGS, expiresAt: 5000 }, gw.deps),
		).rejects.toMatchObject({
			endpoint: 'cancel',
			resultCode: 'ORDER_STATUS_INVALID',
			ids: { paymentId: PAYMENT_ID, paymentRequestId: REQUEST_ID },
		});
	});

	it('an accepted cancel stands even when the check after it gets no clear answer', async () => {
		let cancelled = false;
		const gw = gateway(
			() => (cancelled ? unknown() : status('PROCESSING')),
			() => {
				cancelled = true;
				return { result: ok } as CancelResponse;
			},
		);
		const result = await waitForPaymentResult(
			{ paymentId: PAYMENT_ID },
			{ ...SETTINGS, expiresAt: 5000, maxUnclearAnswers: 1 },
			gw.deps,
		);
		expect(result.cancel).toBeDefined();
		expect(result.inquiry?.paymentStatus).toBe('PROCESSING');
	});

	it('without Cancel If Unpaid the order is left open and its last status reported', async () => {
		const gw = gateway(() => status('PROCESSING'));
		const result = await waitForPaymentResult(
			{ paymentId: PAYMENT_ID },
			{ ...SETTINGS, expiresAt: 5000, cancelIfUnpaid: false },
			gw.deps,
		);
		expect(result.endedBy).toBe('codeExpired');
		expect(result.cancel).toBeUndefined();
		expect(result.inquiry?.paymentStatus).toBe('PROCESSING');
		expect(gw.calls('cancel')).toEqual([]);
	});

	it('a code already expired gets one check and, unpaid, the cancel', async () => {
		const gw = gateway(() => status('PROCESSING'));
		const result = await waitForPaymentResult({ paymentId: PAYMENT_ID }, { ...SETTINGS, expiresAt: -1000 }, gw.deps);
		expect(gw.sleeps()).toEqual([]);
		expect(result).toMatchObject({ endedBy: 'codeExpired', checks: 2 });
		expect(gw.calls('cancel')).toEqual([0]);
	});

	it('a stopped execution stops asking and never cancels afterwards', async () => {
		let stopped = false;
		const gw = gateway((_, check) => {
			if (check === 2) stopped = true;
			return status('PROCESSING');
		});
		const failure = waitForPaymentResult({ paymentId: PAYMENT_ID }, { ...SETTINGS, expiresAt: 60_000 }, {
			...gw.deps,
			stopped: () => stopped,
		});
		await expect(failure).rejects.toMatchObject({
			message: expect.stringMatching(/stopped/),
			ids: { paymentId: PAYMENT_ID, paymentRequestId: REQUEST_ID },
		});
		expect(gw.calls('inquire')).toHaveLength(2);
		expect(gw.calls('cancel')).toEqual([]);
	});
});

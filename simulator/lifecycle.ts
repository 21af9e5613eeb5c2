import type { PaymentNotification, PspCustomerInfo } from './contract/wire';
import { isoTime } from './clock';
import type { SimContext } from './context';
import { resultMessage } from './gateway/results';
import type { NotificationRecord, PaymentRecord, RefundRecord } from './store';

/**
 * The payment state machine: PROCESSING ends SUCCESS (customer paid), FAIL
 * (declined or expired) or CANCELLED. The gateway handlers and the control API both move payments
 * through here, so notifications and persistence happen the same way whoever acts.
 */
export type WalletAction = 'pay' | 'decline' | 'expire';

const DEFAULT_CUSTOMER: PspCustomerInfo = {
	pspName: 'ALIPAYCN',
	pspCustomerId: '2088102123456789',
	displayCustomerId: '138****0000',
};

export interface WalletActionOptions {
	/** paymentResultCode of a decline (default USER_BALANCE_NOT_ENOUGH, as in the OC guide's sample). */
	resultCode?: string;
	customer?: PspCustomerInfo;
}

export type TransitionResult = { ok: true; payment: PaymentRecord } | { ok: false; error: string };

/** What the customer's wallet does with an open order code. */
export function applyWalletAction(
	ctx: SimContext,
	payment: PaymentRecord,
	action: WalletAction,
	options: WalletActionOptions = {},
): TransitionResult {
	expireIfDue(ctx, payment);
	if (payment.status !== 'PROCESSING') {
		return { ok: false, error: `payment ${payment.paymentId} is ${payment.status}, not PROCESSING` };
	}
	const now = ctx.clock.now();
	if (action === 'pay') {
		settle(ctx, payment, 'SUCCESS', 'SUCCESS', now);
		payment.customer = options.customer ?? DEFAULT_CUSTOMER;
	} else {
		const code = action === 'expire' ? ctx.config.expiredResultCode : options.resultCode ?? 'USER_BALANCE_NOT_ENOUGH';
		settle(ctx, payment, 'FAIL', code, action === 'expire' ? Math.min(now, payment.expiresAt) : now);
	}
	notifyPayment(ctx, payment);
	ctx.store.save();
	return { ok: true, payment };
}

/** Closes an unpaid order code whose expiry has passed; true when it did. Callers persist. */
export function expireIfDue(ctx: SimContext, payment: PaymentRecord): boolean {
	if (payment.status !== 'PROCESSING' || ctx.clock.now() < payment.expiresAt) return false;
	settle(ctx, payment, 'FAIL', ctx.config.expiredResultCode, payment.expiresAt);
	notifyPayment(ctx, payment);
	return true;
}

/** Arms the automatic expiry of an open order code on the simulator clock. */
export function scheduleExpiry(ctx: SimContext, payment: PaymentRecord): void {
	if (payment.status !== 'PROCESSING') return;
	ctx.clock.schedule(payment.expiresAt, () => {
		if (expireIfDue(ctx, payment)) ctx.store.save();
	});
}

function settle(ctx: SimContext, payment: PaymentRecord, status: 'SUCCESS' | 'FAIL', code: string, at: number): void {
	payment.status = status;
	payment.resultCode = code;
	payment.resultMessage = resultMessage(code);
	payment.paymentTime = at;
	ctx.log(`payment ${payment.paymentId} → ${status}${status === 'FAIL' ? ` (${code})` : ''}`);
}

function notifyPayment(ctx: SimContext, payment: PaymentRecord): void {
	if (payment.status === 'FAIL' && !ctx.config.notifyFailures) return;
	ctx.notifier.notify(paymentSubject(payment), payment.paymentNotifyUrl, paymentNotification(ctx, payment));
}

/** Who a payment's notifyPayment is about. */
export function paymentSubject(payment: PaymentRecord): Pick<NotificationRecord, 'kind' | 'clientId' | 'sandbox' | 'subjectId'> {
	return { kind: 'payment', clientId: payment.clientId, sandbox: payment.sandbox, subjectId: payment.paymentId };
}

/** notifyPayment body. */
export function paymentNotification(ctx: SimContext, payment: PaymentRecord): PaymentNotification {
	const succeeded = payment.status === 'SUCCESS';
	return {
		notifyType: 'PAYMENT_RESULT',
		result: {
			resultCode: payment.resultCode,
			resultStatus: succeeded ? 'S' : 'F',
			resultMessage: payment.resultMessage,
		},
		paymentRequestId: payment.paymentRequestId,
		paymentId: payment.paymentId,
		paymentAmount: payment.paymentAmount,
		...(succeeded ? { actualPaymentAmount: payment.paymentAmount } : {}),
		paymentCreateTime: isoTime(ctx, payment.createdAt),
		...(succeeded && payment.paymentTime !== undefined ? { paymentTime: isoTime(ctx, payment.paymentTime) } : {}),
		...(succeeded && payment.customer ? { pspCustomerInfo: payment.customer } : {}),
	};
}

/** Completes an asynchronous refund once its time has come; true when it did. Callers persist. */
export function settleRefund(ctx: SimContext, refund: RefundRecord): boolean {
	if (refund.status !== 'PROCESSING' || ctx.clock.now() < refund.refundTime) return false;
	refund.status = 'SUCCESS';
	ctx.log(`refund ${refund.refundId} → SUCCESS`);
	return true;
}

/** Arms the completion of an asynchronous refund on the simulator clock. */
export function scheduleRefundCompletion(ctx: SimContext, refund: RefundRecord): void {
	if (refund.status !== 'PROCESSING') return;
	ctx.clock.schedule(refund.refundTime, () => {
		if (settleRefund(ctx, refund)) ctx.store.save();
	});
}

export type CancelOutcome = { ok: true; payment: PaymentRecord } | { ok: false; code: string; message?: string };

/**
 * cancel: an open code closes; a paid payment inside the cancel window is refunded in
 * full; repeating a successful cancel succeeds again so retries are harmless.
 */
export function cancelPayment(ctx: SimContext, payment: PaymentRecord, newRefundId: () => string): CancelOutcome {
	expireIfDue(ctx, payment);
	const now = ctx.clock.now();
	if (payment.status === 'SUCCESS') {
		if (now > (payment.paymentTime ?? now) + ctx.config.cancelWindowSeconds * 1000) return { ok: false, code: 'CANCEL_WINDOW_EXCEED' };
		if (ctx.store.refundsOf(payment.paymentId).length > 0) {
			return { ok: false, code: 'ORDER_STATUS_INVALID', message: 'The payment is already partly refunded; refund the rest instead.' };
		}
		const refund: RefundRecord = {
			clientId: payment.clientId,
			refundId: newRefundId(),
			refundRequestId: `CANCEL_${payment.paymentId}`,
			paymentId: payment.paymentId,
			fingerprint: '',
			refundAmount: payment.paymentAmount,
			kind: 'CANCEL',
			status: 'SUCCESS',
			refundTime: now,
			response: {},
		};
		ctx.store.addRefund(refund);
	}
	if (payment.status !== 'CANCELLED') {
		payment.status = 'CANCELLED';
		payment.resultCode = 'ORDER_IS_CANCELED';
		payment.resultMessage = resultMessage('ORDER_IS_CANCELED');
		payment.cancelTime = now;
		ctx.log(`payment ${payment.paymentId} → CANCELLED`);
	}
	ctx.store.save();
	return { ok: true, payment };
}

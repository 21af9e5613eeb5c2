import { toMajorUnits } from '../nodes/Alipay/core/amount';
import { isoTime } from './clock';
import { orderCodeUrls, type SimContext } from './context';
import { registrationResult } from './registrations';
import type { NotificationRecord, PaymentRecord, RegistrationRecord } from './store';

/** What the control API (control.ts) and the wallet page show of the simulator's records and clock. */

export function clockView(ctx: SimContext) {
	return { now: isoTime(ctx, ctx.clock.now()), nowMs: ctx.clock.now(), offsetMs: ctx.clock.offset };
}

export function paymentView(ctx: SimContext, p: PaymentRecord) {
	const refunds = ctx.store.refundsOf(p.paymentId);
	const refunded = refunds.reduce((sum, r) => sum + BigInt(r.refundAmount.value), BigInt(0)).toString();
	return {
		paymentId: p.paymentId,
		paymentRequestId: p.paymentRequestId,
		clientId: p.clientId,
		sandbox: p.sandbox,
		status: p.status,
		resultCode: p.resultCode,
		paymentAmount: p.paymentAmount,
		amountText: `${toMajorUnits(p.paymentAmount.value, p.paymentAmount.currency)} ${p.paymentAmount.currency}`,
		refundedAmount: { currency: p.paymentAmount.currency, value: refunded },
		orderDescription: p.orderDescription,
		referenceMerchantId: p.referenceMerchantId,
		referenceStoreId: p.referenceStoreId,
		paymentNotifyUrl: p.paymentNotifyUrl,
		createTime: isoTime(ctx, p.createdAt),
		expiryTime: isoTime(ctx, p.expiresAt),
		...(p.paymentTime !== undefined ? { paymentTime: isoTime(ctx, p.paymentTime) } : {}),
		...(p.cancelTime !== undefined ? { cancelTime: isoTime(ctx, p.cancelTime) } : {}),
		orderCode: orderCodeUrls(ctx, p.paymentId),
		refunds: refunds.map((r) => ({
			refundId: r.refundId,
			refundRequestId: r.refundRequestId,
			kind: r.kind,
			status: r.status,
			refundAmount: r.refundAmount,
			refundTime: isoTime(ctx, r.refundTime),
			...(r.refundReason ? { refundReason: r.refundReason } : {}),
		})),
	};
}

export function registrationView(r: RegistrationRecord) {
	return {
		registrationRequestId: r.registrationRequestId,
		clientId: r.clientId,
		sandbox: r.sandbox === true,
		referenceMerchantId: r.referenceMerchantId,
		...(r.referenceStoreId ? { referenceStoreId: r.referenceStoreId } : {}),
		status: r.status,
		wallets: r.wallets,
		registrationNotifyURL: r.registrationNotifyUrl,
		...registrationResult(r),
	};
}

export function notificationView(ctx: SimContext, n: NotificationRecord) {
	return {
		id: n.id,
		kind: n.kind,
		clientId: n.clientId,
		sandbox: n.sandbox === true,
		subjectId: n.subjectId,
		url: n.url,
		body: n.body,
		createdAt: isoTime(ctx, n.createdAt),
		state: ctx.notifier.stateOf(n),
		acknowledged: n.acknowledged,
		...(n.nextAttemptAt !== undefined ? { nextAttemptAt: isoTime(ctx, n.nextAttemptAt), nextAttemptAtMs: n.nextAttemptAt } : {}),
		...(n.copyOf ? { copyOf: n.copyOf } : {}),
		...(n.suppressed ? { suppressed: true } : {}),
		attempts: n.attempts,
	};
}

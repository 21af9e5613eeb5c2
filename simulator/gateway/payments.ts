import { parseMinorUnits } from '../../nodes/Alipay/core/amount';
import { parseIsoDateTime } from '../contract';
import type { PayBody, PaymentReference, Transaction } from '../contract/wire';
import { isoTime } from '../clock';
import { newAlipayId, orderCodeUrls, type SimContext } from '../context';
import { cancelPayment, expireIfDue, scheduleExpiry, settleRefund } from '../lifecycle';
import { isMerchantApproved } from '../registrations';
import type { PaymentRecord } from '../store';
import { failure, success, type ResponseBody } from './results';
import type { GatewayCall } from './types';

/** The fields Alipay compares when a paymentRequestId comes again (Alipay's idempotency page). */
function payFingerprint(body: PayBody): string {
	return JSON.stringify([
		body.paymentAmount.currency,
		parseMinorUnits(body.paymentAmount.value, body.paymentAmount.currency),
		String(body.paymentMethod.paymentMethodType),
		String(body.paymentFactor.inStorePaymentScenario),
		body.settlementStrategy?.settlementCurrency ?? null,
	]);
}

export function pay(ctx: SimContext, call: GatewayCall): ResponseBody {
	const body = call.body as unknown as PayBody;
	const fingerprint = payFingerprint(body);
	const existing = ctx.store.findPayment(call.clientId, { paymentRequestId: body.paymentRequestId });
	if (existing) {
		if (existing.fingerprint !== fingerprint) return failure('REPEAT_REQ_INCONSISTENT');
		if (expireIfDue(ctx, existing)) ctx.store.save();
		if (existing.status === 'CANCELLED') return failure('ORDER_IS_CANCELED');
		if (existing.status === 'FAIL') return failure('ORDER_IS_CLOSED');
		return payAnswer(ctx, existing);
	}
	const merchant = body.order.merchant;
	if (ctx.config.requireRegistration && !isMerchantApproved(ctx, call.clientId, merchant.referenceMerchantId, merchant.store.referenceStoreId)) {
		return failure('MERCHANT_NOT_REGISTERED');
	}
	const now = ctx.clock.now();
	const expiresAt = body.paymentExpiryTime
		? (parseIsoDateTime(body.paymentExpiryTime) as number)
		: now + ctx.config.defaultExpirySeconds * 1000;
	if (expiresAt <= now) return failure('PARAM_ILLEGAL', 'paymentExpiryTime must be in the future');
	const paymentId = newAlipayId(ctx, 'payment');
	const paymentAmount = {
		currency: body.paymentAmount.currency,
		value: parseMinorUnits(body.paymentAmount.value, body.paymentAmount.currency),
	};
	const payment: PaymentRecord = {
		clientId: call.clientId,
		sandbox: call.sandbox,
		paymentId,
		paymentRequestId: body.paymentRequestId,
		fingerprint,
		status: 'PROCESSING',
		resultCode: 'PAYMENT_IN_PROCESS',
		resultMessage: 'The payment is being processed.',
		paymentAmount,
		paymentMethodType: body.paymentMethod.paymentMethodType,
		orderDescription: String(body.order.orderDescription),
		referenceMerchantId: String(merchant.referenceMerchantId),
		referenceStoreId: String(merchant.store.referenceStoreId),
		paymentNotifyUrl: body.paymentNotifyUrl,
		createdAt: now,
		expiresAt,
	};
	ctx.store.addPayment(payment);
	scheduleExpiry(ctx, payment);
	ctx.store.save();
	ctx.log(`payment ${paymentId} created for ${call.clientId} (${paymentAmount.value} ${paymentAmount.currency} minor units)`);
	return payAnswer(ctx, payment);
}

/**
 * The pay answer, rebuilt from the record so an identical retry gets the same content, with code
 * URLs on the current base URL (a restarted simulator may listen elsewhere).
 */
function payAnswer(ctx: SimContext, payment: PaymentRecord): ResponseBody {
	const urls = orderCodeUrls(ctx, payment.paymentId);
	const qr = (displayType: string, codeValue: string) => ({ codeValueType: 'QRCODE', displayType, codeValue });
	return success({
		paymentRequestId: payment.paymentRequestId,
		paymentId: payment.paymentId,
		paymentAmount: payment.paymentAmount,
		paymentCreateTime: isoTime(ctx, payment.createdAt),
		orderCodeForm: {
			paymentMethodType: payment.paymentMethodType,
			expireTime: isoTime(ctx, payment.expiresAt),
			codeDetails: {
				link: () => [qr('SMALLIMAGE', urls.text)],
				text: () => [qr('TEXT', urls.text)],
				textAndImages: () => [qr('TEXT', urls.text), qr('SMALLIMAGE', urls.small), qr('MIDDLEIMAGE', urls.middle), qr('BIGIMAGE', urls.big)],
			}[ctx.config.orderCodeShape](),
		},
	});
}

function transactionsOf(ctx: SimContext, payment: PaymentRecord): Transaction[] {
	const ok = { resultCode: 'SUCCESS', resultStatus: 'S' as const, resultMessage: 'success.' };
	const refunds = ctx.store.refundsOf(payment.paymentId);
	if (refunds.filter((r) => settleRefund(ctx, r)).length > 0) ctx.store.save();
	const transactions: Transaction[] = refunds
		.filter((r) => r.kind === 'REFUND')
		.map((r) => ({
			transactionResult: ok,
			transactionId: r.refundId,
			transactionType: 'REFUND',
			transactionStatus: r.status,
			transactionAmount: r.refundAmount,
			transactionRequestId: r.refundRequestId,
			...(r.status === 'SUCCESS' ? { transactionTime: isoTime(ctx, r.refundTime) } : {}),
		}));
	if (payment.cancelTime !== undefined) {
		const refund = refunds.find((r) => r.kind === 'CANCEL');
		transactions.push({
			transactionResult: ok,
			transactionId: refund?.refundId ?? payment.paymentId,
			transactionType: 'CANCEL',
			transactionStatus: 'SUCCESS',
			...(refund ? { transactionAmount: refund.refundAmount } : {}),
			transactionTime: isoTime(ctx, payment.cancelTime),
		});
	}
	return transactions;
}

export function inquiryPayment(ctx: SimContext, call: GatewayCall): ResponseBody {
	const payment = ctx.store.findPayment(call.clientId, call.body as PaymentReference);
	if (!payment) return failure('ORDER_NOT_EXIST');
	if (expireIfDue(ctx, payment)) ctx.store.save();
	const succeeded = payment.status === 'SUCCESS' || (payment.status === 'CANCELLED' && payment.customer !== undefined);
	const transactions = transactionsOf(ctx, payment);
	return success({
		paymentStatus: payment.status,
		paymentResultCode: payment.resultCode,
		paymentResultMessage: payment.resultMessage,
		paymentRequestId: payment.paymentRequestId,
		paymentId: payment.paymentId,
		paymentAmount: payment.paymentAmount,
		...(succeeded ? { actualPaymentAmount: payment.paymentAmount } : {}),
		paymentCreateTime: isoTime(ctx, payment.createdAt),
		...(payment.paymentTime !== undefined ? { paymentTime: isoTime(ctx, payment.paymentTime) } : {}),
		...(payment.customer ? { pspCustomerInfo: payment.customer } : {}),
		...(transactions.length > 0 ? { transactions } : {}),
	});
}

export function cancel(ctx: SimContext, call: GatewayCall): ResponseBody {
	const payment = ctx.store.findPayment(call.clientId, call.body as PaymentReference);
	if (!payment) return failure('ORDER_NOT_EXIST');
	const outcome = cancelPayment(ctx, payment, () => newAlipayId(ctx, 'refund'));
	if (!outcome.ok) return failure(outcome.code, outcome.message);
	return success({
		paymentId: payment.paymentId,
		paymentRequestId: payment.paymentRequestId,
		cancelTime: isoTime(ctx, payment.cancelTime as number),
	});
}

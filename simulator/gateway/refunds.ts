import { parseMinorUnits } from '../../nodes/Alipay/core/amount';
import type { RefundBody, RefundReference } from '../contract/wire';
import { isoTime } from '../clock';
import { newAlipayId, type SimContext } from '../context';
import { expireIfDue, scheduleRefundCompletion, settleRefund } from '../lifecycle';
import type { RefundRecord } from '../store';
import { failure, success, type ResponseBody } from './results';
import type { GatewayCall } from './types';

/** refund: only after success, partial and multiple, capped at the amount paid. */
export function refund(ctx: SimContext, call: GatewayCall): ResponseBody {
	const body = call.body as unknown as RefundBody;
	const refundAmount = {
		currency: body.refundAmount.currency,
		value: parseMinorUnits(body.refundAmount.value, body.refundAmount.currency),
	};
	const fingerprint = JSON.stringify([body.paymentId, refundAmount.currency, refundAmount.value]);
	const existing = ctx.store.findRefund(call.clientId, { refundRequestId: body.refundRequestId });
	if (existing) return existing.fingerprint === fingerprint ? (existing.response as ResponseBody) : failure('REPEAT_REQ_INCONSISTENT');

	const payment = ctx.store.findPayment(call.clientId, { paymentId: body.paymentId });
	if (!payment) return failure('ORDER_NOT_EXIST');
	if (expireIfDue(ctx, payment)) ctx.store.save();
	if (payment.status === 'CANCELLED') return failure('ORDER_IS_CANCELED');
	if (payment.status !== 'SUCCESS') {
		return failure('ORDER_STATUS_INVALID', `The payment is ${payment.status}; only a successful payment can be refunded.`);
	}
	if (refundAmount.currency !== payment.paymentAmount.currency) {
		return failure('PARAM_ILLEGAL', `refundAmount.currency must be ${payment.paymentAmount.currency}, the payment's currency`);
	}
	const now = ctx.clock.now();
	if (now > (payment.paymentTime as number) + ctx.config.refundWindowSeconds * 1000) return failure('REFUND_WINDOW_EXCEED');
	const earlier = ctx.store.refundsOf(payment.paymentId);
	if (!ctx.config.multipleRefunds && earlier.length > 0) return failure('MULTIPLE_REFUNDS_NOT_SUPPORTED');
	// Exact (BigInt): minor units can pass 2^53.
	const total = [refundAmount.value, ...earlier.map((r) => r.refundAmount.value)].reduce((sum, v) => sum + BigInt(v), BigInt(0));
	if (total > BigInt(payment.paymentAmount.value)) return failure('REFUND_AMOUNT_EXCEED');

	const refundId = newAlipayId(ctx, 'refund');
	const processingMs = ctx.config.refundProcessingSeconds * 1000;
	const status = processingMs > 0 ? 'PROCESSING' : 'SUCCESS';
	const response = success({
		refundRequestId: body.refundRequestId,
		refundId,
		paymentId: payment.paymentId,
		refundAmount,
		// refundTime is when the refund reached its result: an asynchronous one has none yet.
		...(status === 'SUCCESS' ? { refundTime: isoTime(ctx, now) } : {}),
	});
	const record: RefundRecord = {
		clientId: call.clientId,
		refundId,
		refundRequestId: body.refundRequestId,
		paymentId: payment.paymentId,
		fingerprint,
		refundAmount,
		refundReason: body.refundReason,
		referenceRefundId: body.referenceRefundId,
		kind: 'REFUND',
		status,
		refundTime: now + processingMs,
		response,
	};
	ctx.store.addRefund(record);
	scheduleRefundCompletion(ctx, record);
	ctx.store.save();
	ctx.log(`refund ${refundId} of payment ${payment.paymentId}: ${refundAmount.value} ${refundAmount.currency} minor units`);
	return response;
}

/** inquiryRefund: refundId wins; another client's refund does not exist. */
export function inquiryRefund(ctx: SimContext, call: GatewayCall): ResponseBody {
	const found = ctx.store.findRefund(call.clientId, call.body as RefundReference);
	if (!found) return failure('ORDER_NOT_EXIST');
	if (settleRefund(ctx, found)) ctx.store.save();
	return success({
		refundId: found.refundId,
		refundRequestId: found.refundRequestId,
		refundAmount: found.refundAmount,
		refundStatus: found.status,
		...(found.status === 'SUCCESS' ? { refundTime: isoTime(ctx, found.refundTime) } : {}),
	});
}

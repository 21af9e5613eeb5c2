import type { EndpointName } from './endpoints';
import { parseAlipayTime } from './time';

/**
 * A signed answer proves Alipay wrote it, not that it answers this request: a proxy or cache that
 * mixes up answers, or a replay of an old one, can hand back a genuine success about another
 * payment. So every answer is bound to its request: each identifier (and amount) the request sent
 * that the answer carries back must be the same, and the answer must not predate the request.
 */

/** Request field → where the answer echoes it. Registration answers echo nothing. */
const ECHOES: Readonly<Record<EndpointName, ReadonlyArray<readonly [string, string]>>> = {
	pay: [
		['paymentRequestId', 'paymentRequestId'],
		['paymentAmount', 'paymentAmount'],
	],
	inquiryPayment: [
		['paymentId', 'paymentId'],
		['paymentRequestId', 'paymentRequestId'],
	],
	cancel: [
		['paymentId', 'paymentId'],
		['paymentRequestId', 'paymentRequestId'],
	],
	refund: [
		['refundRequestId', 'refundRequestId'],
		['paymentId', 'paymentId'],
		['refundAmount', 'refundAmount'],
	],
	inquiryRefund: [
		['refundId', 'refundId'],
		['refundRequestId', 'refundRequestId'],
	],
	registration: [],
	inquiryRegistrationStatus: [],
	inquiryRegistrationInfo: [
		['referenceMerchantId', 'merchantInfo.referenceMerchantId'],
		['referenceStoreId', 'storeInfo.referenceStoreId'],
	],
};

/**
 * How much earlier than the request Alipay's `response-time` may say it answered. Generous for
 * clock differences; an answer older than this belongs to an earlier request. A later time is
 * never refused: a gateway clock ahead of ours (or the simulator's moved clock) is harmless.
 */
export const MAX_RESPONSE_AGE_MS = 15 * 60_000;

/** Why this answer cannot be the answer to this request, or undefined when it can. */
export function answerMismatch(
	endpoint: EndpointName,
	request: object,
	response: object,
	timing: { sentAt: number; responseTime?: string },
): string | undefined {
	for (const [asked, answered] of ECHOES[endpoint]) {
		const sent = valueAt(request, asked);
		const echoed = valueAt(response, answered);
		if (isAbsent(sent) || isAbsent(echoed)) continue;
		if (!sameValue(sent, echoed)) {
			return `the answer is about ${answered} ${describe(echoed)}, but the request was for ${describe(sent)}`;
		}
	}
	const answeredAt = timing.responseTime === undefined ? undefined : parseAlipayTime(timing.responseTime);
	if (answeredAt !== undefined && answeredAt < timing.sentAt - MAX_RESPONSE_AGE_MS) {
		return `the answer is dated ${timing.responseTime}, before the request was sent: it is an old answer`;
	}
	return undefined;
}

function valueAt(source: object, path: string): unknown {
	let current: unknown = source;
	for (const key of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function isAbsent(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** Amounts compare by currency and number of minor units ("0450" is 450); IDs as text. */
function sameValue(sent: unknown, echoed: unknown): boolean {
	if (typeof sent === 'object' && sent !== null) {
		const a = sent as { currency?: unknown; value?: unknown };
		const b = (echoed ?? {}) as { currency?: unknown; value?: unknown };
		return (
			String(a.currency).toUpperCase() === String(b.currency).toUpperCase() &&
			String(a.value).replace(/^0+(?=\d)/, '') === String(b.value).replace(/^0+(?=\d)/, '')
		);
	}
	return String(sent) === String(echoed);
}

function describe(value: unknown): string {
	if (typeof value === 'object' && value !== null) {
		const amount = value as { currency?: unknown; value?: unknown };
		return `${String(amount.value)} ${String(amount.currency)} (minor units)`;
	}
	return `"${String(value).slice(0, 64)}"`;
}

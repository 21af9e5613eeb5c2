import {
	AlipayError,
	AlipayUnknownResultError,
	isAlipayError,
	sameResultCode,
	type CancelResponse,
	type InquiryPaymentResponse,
	type PaymentReference,
} from '../core';
import { withoutUndefined } from './simplify';

/**
 * Waiting for an order code's result the way Alipay asks merchants to: inquire with growing
 * intervals until a final status, the code's expiry or the longest wait; treat an unclear answer
 * (U, no answer, or ORDER_NOT_EXIST right after the code was created) as "ask again", a bounded
 * number of times in a row; then close an order still unpaid so it cannot be paid late, and ask
 * once more so a customer who paid at the last moment is reported as paid.
 *
 * Time and calls are injected, so the node passes n8n's `sleep` and the client, and tests a clock.
 */

/** The statuses after which nothing changes without a new action (PROCESSING and PENDING do). */
export const FINAL_PAYMENT_STATUSES: ReadonlySet<string> = new Set(['SUCCESS', 'FAIL', 'CANCELLED']);

export interface WaitSettings {
	/** Stop at the latest this long after the start. */
	maxWaitMs: number;
	/** When the code expires (epoch ms), if known: nobody can pay after it. */
	expiresAt?: number;
	/** Wait before the second check; each later wait is half as long again, up to `maxIntervalMs`. */
	firstIntervalMs: number;
	maxIntervalMs: number;
	/** Unclear answers in a row before the wait gives up with the last one. */
	maxUnclearAnswers: number;
	cancelIfUnpaid: boolean;
}

export interface WaitDependencies {
	inquire(reference: PaymentReference): Promise<InquiryPaymentResponse>;
	cancel(reference: PaymentReference): Promise<CancelResponse>;
	sleep(ms: number): Promise<void>;
	now(): number;
	/** True once the execution was stopped: a stopped wait must neither ask again nor cancel later. */
	stopped?(): boolean;
}

/** Why the waiting stopped: Alipay reported a final status, the code expired, or Max Wait passed. */
export type WaitEnd = 'finalStatus' | 'codeExpired' | 'maxWait';

export interface WaitResult {
	/** Alipay's last inquiryPayment answer as received; absent only if every inquiry was unclear. */
	inquiry?: InquiryPaymentResponse;
	/** Alipay's answer to the cancel this wait sent, when it sent one and Alipay accepted it. */
	cancel?: CancelResponse;
	endedBy: WaitEnd;
	/** Inquiries sent. */
	checks: number;
	paymentId?: string;
	paymentRequestId?: string;
}

/** Whether an inquiry error means "ask again" rather than "stop". */
export function isUnclearAnswer(error: unknown): boolean {
	if (!isAlipayError(error)) return false;
	if (error.name === 'AlipayUnknownResultError') return true;
	return error.name === 'AlipayResultError' && sameResultCode(error.resultCode ?? '', 'ORDER_NOT_EXIST');
}

export async function waitForPaymentResult(
	reference: PaymentReference,
	settings: WaitSettings,
	deps: WaitDependencies,
): Promise<WaitResult> {
	const ids = { paymentId: reference.paymentId, paymentRequestId: reference.paymentRequestId };
	const started = deps.now();
	const byExpiry = settings.expiresAt !== undefined && settings.expiresAt <= started + settings.maxWaitMs;
	const deadline = byExpiry ? (settings.expiresAt as number) : started + settings.maxWaitMs;
	const endedBy: WaitEnd = byExpiry ? 'codeExpired' : 'maxWait';
	let checks = 0;
	let unclearInARow = 0;
	let last: InquiryPaymentResponse | undefined;

	const result = (fields: Partial<WaitResult> & { endedBy: WaitEnd }): WaitResult => ({
		inquiry: last,
		checks,
		...fields,
		paymentId: ids.paymentId,
		paymentRequestId: ids.paymentRequestId,
	});
	const stop = (error: unknown): never => {
		// Every error names both IDs, so the payment can be looked up whatever the user searched by.
		if (isAlipayError(error)) error.ids = { ...error.ids, ...(withoutUndefined(ids) as Record<string, string>) };
		throw error;
	};
	/** One inquiry; an unclear answer gives undefined until too many came in a row. */
	const check = async (): Promise<InquiryPaymentResponse | undefined> => {
		if (deps.stopped?.()) stop(stoppedError());
		checks++;
		try {
			const answer = await deps.inquire(reference);
			unclearInARow = 0;
			last = answer;
			ids.paymentId ??= answer.paymentId;
			ids.paymentRequestId ??= answer.paymentRequestId;
			return answer;
		} catch (error) {
			if (!isUnclearAnswer(error) || ++unclearInARow >= settings.maxUnclearAnswers) return stop(error);
			return undefined;
		}
	};
	const isFinal = (answer: InquiryPaymentResponse | undefined) =>
		answer !== undefined && FINAL_PAYMENT_STATUSES.has(String(answer.paymentStatus));

	let interval = settings.firstIntervalMs;
	for (;;) {
		const answer = await check();
		if (isFinal(answer)) return result({ endedBy: 'finalStatus' });
		const remaining = deadline - deps.now();
		if (remaining <= 0) break;
		// The last wait ends at the deadline, so one check always falls at or after it.
		await deps.sleep(Math.min(interval, remaining));
		interval = Math.min(settings.maxIntervalMs, interval * 1.5);
	}

	if (!settings.cancelIfUnpaid) return last ? result({ endedBy }) : stop(undefinedAnswerError(reference));

	let cancelled: CancelResponse | undefined;
	let refusal: unknown;
	if (deps.stopped?.()) stop(stoppedError());
	try {
		cancelled = await deps.cancel(reference);
		ids.paymentId ??= cancelled.paymentId;
		ids.paymentRequestId ??= cancelled.paymentRequestId;
	} catch (error) {
		refusal = error;
	}
	// Alipay's own word after the cancel: CANCELLED, or SUCCESS when the customer paid just before it
	// (a paid order past its cancel window is refused).
	unclearInARow = 0;
	let after: InquiryPaymentResponse | undefined;
	try {
		after = await check();
	} catch {
		// Judged below: an accepted cancel stands on its own; a refused one needs a final status.
	}
	if (cancelled) return result({ endedBy, cancel: cancelled });
	if (isFinal(after)) return result({ endedBy });
	return stop(refusal);
}

function stoppedError(): AlipayError {
	return new AlipayError('The execution was stopped while waiting; the order was left as it is');
}

function undefinedAnswerError(reference: PaymentReference): AlipayUnknownResultError {
	return new AlipayUnknownResultError('Alipay gave no clear answer about this payment before the wait ended', {
		endpoint: 'inquiryPayment',
		requestId: reference.paymentRequestId,
		hint: 'Get the payment later; if it is still unpaid, cancel it.',
	});
}

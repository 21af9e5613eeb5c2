import { canonicalResultCode, RESULT_HINTS, type ResultStatus } from './result';

/**
 * When to send the same request again (docs/protocol.md#what-the-client-retries). Every retry resends the same
 * body, so the same request ID: Alipay treats it as the same payment or refund, never a second one.
 * Only answers that leave the outcome open are retried; a refusal is final, and an answer that may
 * follow processing but cannot be safely repeated (any other 5xx, an unsigned refusal) is reported
 * as outcome unknown without a retry.
 */

export interface RetryPolicy {
	/** Total attempts, the first included. */
	attempts: number;
	/** Wait before attempt n+1 is `delaysMs[n-1]` (the last value repeats). */
	delaysMs: readonly number[];
	/**
	 * Rate-limited answers (HTTP 429, REQUEST_TRAFFIC_EXCEED_LIMIT) do not use up `attempts`: they
	 * are repeated after `Retry-After`, or a doubling wait from `delaysMs[0]`, until this much
	 * waiting in total (default RATE_LIMIT_WAIT_MS).
	 */
	rateLimitWaitMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, delaysMs: [1000, 2000] };

/** Alipay publishes no rate limits; a minute of backing off rides out a burst without hanging a run. */
export const RATE_LIMIT_WAIT_MS = 60_000;
/** The first back-off when the gateway gives no Retry-After and the retry delay is shorter. */
const MIN_RATE_LIMIT_BACKOFF_MS = 100;

const RETRYABLE_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);
const RATE_LIMIT_CODE = 'REQUEST_TRAFFIC_EXCEED_LIMIT';
/** U codes where resending the same request is the documented remedy. */
const RESENDABLE_UNKNOWN = new Set(['UNKNOWN_EXCEPTION', RATE_LIMIT_CODE]);

/** What one attempt came to, as far as retrying is concerned. */
export type AttemptOutcome =
	/** The request failed on the way or timed out: it may or may not have arrived. */
	| { kind: 'no-answer' }
	/** Any HTTP status but 200; `retryAfter` is the header verbatim. */
	| { kind: 'http'; status: number; retryAfter?: string }
	/** HTTP 200 whose body is not JSON (a proxy's page). */
	| { kind: 'not-json' }
	/** A signature that does not verify, or a success without one. */
	| { kind: 'bad-signature' }
	/** An unsigned F or U: Alipay's own authentication refusals look like this, but so does anything a proxy writes. */
	| { kind: 'unsigned'; status: ResultStatus; code: string }
	/** A genuine Alipay answer about another request (another ID, amount, or an old answer). */
	| { kind: 'other-request' }
	/** A signed answer about this request; `code` in its canonical spelling. */
	| { kind: 'result'; status: ResultStatus; code: string };

/** The request so far: how many attempts failed, and how much of the rate-limit allowance is spent. */
export interface RetryState {
	/** Failed attempts that count against `attempts` (rate-limited ones do not). */
	failures: number;
	/** Rate-limited attempts so far, for the doubling back-off. */
	rateLimits: number;
	rateLimitWaitedMs: number;
	/** For a `Retry-After` given as a date. */
	now: number;
}

export type RetryDecision =
	| { retry: false }
	/** `rateLimited` waits are shared with every request of the execution (see Throttle). */
	| { retry: true; waitMs: number; rateLimited: boolean };

/**
 * The one retry decision: whether to send the same request again after `outcome`, and after how
 * long. `state` describes the attempts before this one.
 */
export function shouldRetry(outcome: AttemptOutcome, state: RetryState, policy: RetryPolicy): RetryDecision {
	if (isRateLimited(outcome)) {
		const backoff = Math.max(policy.delaysMs[0] ?? 0, MIN_RATE_LIMIT_BACKOFF_MS) * 2 ** state.rateLimits;
		const asked = outcome.kind === 'http' ? retryAfterMs(outcome.retryAfter, state.now) : undefined;
		const waitMs = asked ?? backoff;
		if (state.rateLimitWaitedMs + waitMs > (policy.rateLimitWaitMs ?? RATE_LIMIT_WAIT_MS)) return { retry: false };
		return { retry: true, waitMs, rateLimited: true };
	}
	if (!isResendable(outcome) || state.failures + 1 >= policy.attempts) return { retry: false };
	const { delaysMs } = policy;
	return { retry: true, waitMs: delaysMs[Math.min(state.failures, delaysMs.length - 1)] ?? 0, rateLimited: false };
}

function isRateLimited(outcome: AttemptOutcome): boolean {
	return (
		(outcome.kind === 'http' && outcome.status === 429) ||
		(outcome.kind === 'result' && outcome.status === 'U' && outcome.code === RATE_LIMIT_CODE)
	);
}

/** Whether the outcome is open and resending the same body is safe. */
function isResendable(outcome: AttemptOutcome): boolean {
	switch (outcome.kind) {
		case 'no-answer':
		case 'not-json':
		case 'other-request':
			return true;
		case 'http':
			return isRetryableHttpStatus(outcome.status);
		case 'result':
			return outcome.status === 'U' && isResendableUnknown(outcome.code);
		default:
			return false;
	}
}

/** Statuses of a gateway or proxy that did not (yet) hand the request to Alipay, or timed out on it. */
export function isRetryableHttpStatus(status: number): boolean {
	return RETRYABLE_HTTP.has(status);
}

/**
 * A U whose remedy is to send the same request again: the documented ones, and any code we do not
 * know (a malformed result among them). Known others (PAYMENT_IN_PROCESS) say to inquire instead.
 */
export function isResendableUnknown(code: string): boolean {
	const canonical = canonicalResultCode(code);
	return RESENDABLE_UNKNOWN.has(canonical) || !RESULT_HINTS[canonical];
}

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Shared by the requests of one execution: when one of them is rate limited, the others hold back
 * too instead of hitting the gateway while it is refusing, so concurrent batches slow down together.
 */
export class Throttle {
	private notBefore = 0;

	holdUntil(time: number): void {
		this.notBefore = Math.max(this.notBefore, time);
	}

	/** How long a request must still wait at `now`. */
	waitAt(now: number): number {
		return Math.max(0, this.notBefore - now);
	}
}

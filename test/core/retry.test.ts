import { retryAfterMs, shouldRetry, type AttemptOutcome, type RetryPolicy, type RetryState } from '../../nodes/Alipay/core';

const policy: RetryPolicy = { attempts: 3, delaysMs: [1000, 2000], rateLimitWaitMs: 10_000 };
const NOW = Date.parse('2026-11-29T04:00:00Z');
const first: RetryState = { failures: 0, rateLimits: 0, rateLimitWaitedMs: 0, now: NOW };
const after = (state: Partial<RetryState>): RetryState => ({ ...first, ...state });

const u = (code: string): AttemptOutcome => ({ kind: 'result', status: 'U', code });
const retry = (waitMs: number, rateLimited = false) => ({ retry: true, waitMs, rateLimited });
const stop = { retry: false };

describe('shouldRetry', () => {
	it.each<[string, AttemptOutcome, RetryState, object]>([
		// Open outcomes: the same request again, after the policy's delay.
		['no answer (network error, timeout)', { kind: 'no-answer' }, first, retry(1000)],
		['HTTP 408', { kind: 'http', status: 408 }, first, retry(1000)],
		['HTTP 425', { kind: 'http', status: 425 }, first, retry(1000)],
		['HTTP 500', { kind: 'http', status: 500 }, first, retry(1000)],
		['HTTP 502', { kind: 'http', status: 502 }, first, retry(1000)],
		['HTTP 503', { kind: 'http', status: 503 }, first, retry(1000)],
		['HTTP 504', { kind: 'http', status: 504 }, first, retry(1000)],
		['HTTP 200 that is not JSON', { kind: 'not-json' }, first, retry(1000)],
		['a signed answer about another request', { kind: 'other-request' }, first, retry(1000)],
		['U UNKNOWN_EXCEPTION', u('UNKNOWN_EXCEPTION'), first, retry(1000)],
		['U with a code we do not know', u('SOMETHING_NEW'), first, retry(1000)],
		['U without a valid result', u('MALFORMED_RESULT'), first, retry(1000)],
		// The delay follows the failures so far; the last one repeats.
		['the second failure', { kind: 'no-answer' }, after({ failures: 1 }), retry(2000)],
		// Out of attempts.
		['the last attempt', u('UNKNOWN_EXCEPTION'), after({ failures: 2 }), stop],
		// Final, or open but not safely repeatable: reported, never resent.
		['a signed S', { kind: 'result', status: 'S', code: 'SUCCESS' }, first, stop],
		['a signed F', { kind: 'result', status: 'F', code: 'ORDER_NOT_EXIST' }, first, stop],
		['a signed F spelled like the rate limit', { kind: 'result', status: 'F', code: 'REQUEST_TRAFFIC_EXCEED_LIMIT' }, first, stop],
		['U PAYMENT_IN_PROCESS (its remedy is to inquire)', u('PAYMENT_IN_PROCESS'), first, stop],
		['U REFUND_IN_PROCESS', u('REFUND_IN_PROCESS'), first, stop],
		['an unsigned F', { kind: 'unsigned', status: 'F', code: 'INVALID_SIGNATURE' }, first, stop],
		['an unsigned U', { kind: 'unsigned', status: 'U', code: 'UNKNOWN_EXCEPTION' }, first, stop],
		['an unsigned rate limit', { kind: 'unsigned', status: 'U', code: 'REQUEST_TRAFFIC_EXCEED_LIMIT' }, first, stop],
		['a bad signature', { kind: 'bad-signature' }, first, stop],
		['HTTP 404 (refused on the way)', { kind: 'http', status: 404 }, first, stop],
		['HTTP 400', { kind: 'http', status: 400 }, first, stop],
		['HTTP 501', { kind: 'http', status: 501 }, first, stop],
		['HTTP 520 (a CDN: maybe processed)', { kind: 'http', status: 520 }, first, stop],
		['HTTP 524', { kind: 'http', status: 524 }, first, stop],
		// Rate limits: a doubling back-off from the first delay, or Retry-After, shared with the batch.
		['U REQUEST_TRAFFIC_EXCEED_LIMIT', u('REQUEST_TRAFFIC_EXCEED_LIMIT'), first, retry(1000, true)],
		['the third rate limit', u('REQUEST_TRAFFIC_EXCEED_LIMIT'), after({ rateLimits: 2, rateLimitWaitedMs: 3000 }), retry(4000, true)],
		['a rate limit after the attempts ran out', u('REQUEST_TRAFFIC_EXCEED_LIMIT'), after({ failures: 2 }), retry(1000, true)],
		['HTTP 429 without Retry-After', { kind: 'http', status: 429 }, first, retry(1000, true)],
		['HTTP 429, Retry-After in seconds', { kind: 'http', status: 429, retryAfter: '3' }, first, retry(3000, true)],
		['HTTP 429, Retry-After as a date', { kind: 'http', status: 429, retryAfter: 'Sun, 29 Nov 2026 04:00:05 GMT' }, first, retry(5000, true)],
		['HTTP 429, Retry-After unreadable', { kind: 'http', status: 429, retryAfter: 'soon' }, first, retry(1000, true)],
		['a rate limit whose wait would pass the total allowed', u('REQUEST_TRAFFIC_EXCEED_LIMIT'), after({ rateLimits: 3, rateLimitWaitedMs: 7000 }), stop],
		['a Retry-After longer than what is left', { kind: 'http', status: 429, retryAfter: '11' }, first, stop],
		['a Retry-After exactly what is left', { kind: 'http', status: 429, retryAfter: '4' }, after({ rateLimitWaitedMs: 6000 }), retry(4000, true)],
	])('%s', (_name, outcome, state, decision) => {
		expect(shouldRetry(outcome, state, policy)).toEqual(decision);
	});

	it('backs off from 100 ms at least when the retry delay is shorter, and allows a minute of it by default', () => {
		const quick: RetryPolicy = { attempts: 1, delaysMs: [0] };
		expect(shouldRetry(u('REQUEST_TRAFFIC_EXCEED_LIMIT'), first, quick)).toEqual(retry(100, true));
		expect(shouldRetry({ kind: 'http', status: 429, retryAfter: '60' }, first, quick)).toEqual(retry(60_000, true));
		expect(shouldRetry({ kind: 'http', status: 429, retryAfter: '61' }, first, quick)).toEqual(stop);
	});

	it('repeats the last delay when more attempts are allowed than delays given', () => {
		const patient: RetryPolicy = { attempts: 5, delaysMs: [1000, 2000] };
		expect(shouldRetry({ kind: 'no-answer' }, after({ failures: 3 }), patient)).toEqual(retry(2000));
		expect(shouldRetry({ kind: 'no-answer' }, after({ failures: 4 }), patient)).toEqual(stop);
	});

	it('never retries when only one attempt is allowed, rate limits aside', () => {
		const once: RetryPolicy = { attempts: 1, delaysMs: [] };
		expect(shouldRetry({ kind: 'no-answer' }, first, once)).toEqual(stop);
		expect(shouldRetry(u('REQUEST_TRAFFIC_EXCEED_LIMIT'), first, once)).toEqual(retry(100, true));
	});
});

describe('retryAfterMs', () => {
	it('reads Retry-After as seconds or an HTTP date, and ignores anything else', () => {
		expect(retryAfterMs('7', NOW)).toBe(7000);
		expect(retryAfterMs('Sun, 29 Nov 2026 04:00:10 GMT', NOW)).toBe(10_000);
		expect(retryAfterMs('Sun, 29 Nov 2026 03:59:00 GMT', NOW)).toBe(0);
		expect(retryAfterMs('soon', NOW)).toBeUndefined();
		expect(retryAfterMs(undefined, NOW)).toBeUndefined();
	});
});

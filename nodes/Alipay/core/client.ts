import type { KeyObject } from 'node:crypto';
import { answerMismatch } from './binding';
import { ENDPOINTS, endpointPath, type EndpointName } from './endpoints';
import {
	AlipayResultError,
	type AlipayErrorOptions,
	AlipaySignatureError,
	AlipayTransportError,
	AlipayUnknownResultError,
	isAlipayError,
} from './errors';
import { loadPrivateKey, loadPublicKey } from './keys';
import { classifyResult, type ClassifiedResult } from './result';
import { getHeader, signRequest, verifyResponse, type HeaderBag } from './signature';
import type { RequestOf, ResponseOf } from './types';
import { assertValidRequest } from './validation';

/**
 * A transport-agnostic Alipay client: it serialises a request once, sends exactly those bytes,
 * verifies the response signature against the raw response text, classifies the result and
 * retries unknown outcomes with the same body (so the same request ID). Sending is injected: n8n's
 * `httpRequestWithAuthentication` in the node (which signs in the credential), `fetch` in tests
 * and tools (where this client signs itself).
 */

export interface OutgoingRequest {
	/** Absolute URL: base URL plus `path`. */
	url: string;
	/** The signed path, e.g. `/ams/api/v1/payments/pay`. */
	path: string;
	/** The exact body text to send. */
	body: string;
	headers: Record<string, string>;
	/** 1 for the first attempt. */
	attempt: number;
}

export interface RawResponse {
	status: number;
	headers: HeaderBag;
	/** The body text exactly as received. */
	body: string;
}

export type Send = (request: OutgoingRequest) => Promise<RawResponse>;

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

export interface AlipayClientConfig {
	clientId: string;
	alipayPublicKey: KeyObject | string;
	/** Give it when this client should sign; leave it out when the transport signs. */
	privateKey?: KeyObject | string;
	keyVersion?: number | string;
	/** Origin (plus optional prefix) without a trailing slash. */
	baseUrl: string;
	sandbox: boolean;
	send: Send;
	retry?: RetryPolicy;
	/** Injected because n8n's Cloud rules ban timers in node code; n8n passes its own `sleep`. */
	sleep?: (ms: number) => Promise<void>;
	now?: () => number;
	/** Share one between clients whose requests should slow down together when rate limited. */
	throttle?: Throttle;
	/** Check requests against the spec's rules before sending (default true). */
	validate?: boolean;
}

export interface CallResult<E extends EndpointName> {
	response: ResponseOf<E>;
	result: ClassifiedResult;
	/** False only for an unsigned F/U, which never reaches here as a success. */
	signed: boolean;
	attempts: number;
	path: string;
	/** The response body exactly as received. */
	rawBody: string;
}

/** The idempotency key of a request, when the endpoint has one. */
function requestIdOf(endpoint: EndpointName, request: object): string | undefined {
	const field = ENDPOINTS[endpoint].requestIdField;
	const value = field ? (request as Record<string, unknown>)[field] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** Refusals of who sent a request or how, given before Alipay reads it: signed, they prove nothing was processed. */
const GATEWAY_REFUSALS = new Set([
	'CLIENT_INVALID',
	'INVALID_SIGNATURE',
	'KEY_NOT_FOUND',
	'ACCESS_DENIED',
	'INVALID_API',
	'NO_INTERFACE_DEF',
	'MEDIA_TYPE_NOT_ACCEPTABLE',
	'METHOD_NOT_SUPPORTED',
]);

const RETRYABLE_HTTP = new Set([408, 425, 429, 500, 502, 503, 504]);
const RATE_LIMIT_CODE = 'REQUEST_TRAFFIC_EXCEED_LIMIT';

/** `Retry-After` as milliseconds from `now`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
	const text = value?.trim();
	if (!text) return undefined;
	if (/^\d+$/.test(text)) return Number(text) * 1000;
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

type AttemptProblem = {
	problem: AlipayUnknownResultError;
	retryable: boolean;
	/** Set when the gateway said "too many requests": the wait it asked for, if it named one. */
	rateLimited?: { retryAfterMs?: number };
};

/** The safe way on after an answer that does not say whether the request was processed. */
function nextStep(endpoint: EndpointName, requestId: string | undefined): string {
	const field = ENDPOINTS[endpoint].requestIdField;
	return field && requestId
		? `Run it again with the same ${field} (${requestId}), or Get its status with that ID; do not start a new one.`
		: 'Send the same request again later.';
}

export class AlipayClient {
	private readonly publicKey: KeyObject;
	private readonly privateKey?: KeyObject;
	private readonly retry: RetryPolicy;
	private readonly throttle: Throttle;

	constructor(private readonly config: AlipayClientConfig) {
		this.publicKey = loadPublicKey(config.alipayPublicKey, 'alipayPublicKey');
		this.privateKey = config.privateKey === undefined ? undefined : loadPrivateKey(config.privateKey, 'privateKey');
		this.retry = config.retry ?? DEFAULT_RETRY;
		this.throttle = config.throttle ?? new Throttle();
	}

	async call<E extends EndpointName>(endpoint: E, request: RequestOf<E>): Promise<CallResult<E>> {
		if (this.config.validate !== false) assertValidRequest(endpoint, request);
		const body = JSON.stringify(request);
		const path = endpointPath(endpoint, this.config.sandbox);
		const requestId = requestIdOf(endpoint, request);
		const budgetMs = this.retry.rateLimitWaitMs ?? RATE_LIMIT_WAIT_MS;
		let failures = 0;
		let rateLimits = 0;
		let rateLimitWaitedMs = 0;

		for (let attempt = 1; ; attempt++) {
			await this.pause(this.throttle.waitAt(this.now()));
			const outcome = await this.attempt<E>(endpoint, request, path, body, attempt, requestId);
			if ('response' in outcome) return outcome;
			if (outcome.rateLimited) {
				const backoff = Math.max(this.retry.delaysMs[0] ?? 0, MIN_RATE_LIMIT_BACKOFF_MS) * 2 ** rateLimits++;
				const waitMs = outcome.rateLimited.retryAfterMs ?? backoff;
				if (rateLimitWaitedMs + waitMs > budgetMs) throw outcome.problem;
				rateLimitWaitedMs += waitMs;
				this.throttle.holdUntil(this.now() + waitMs);
				continue;
			}
			failures++;
			if (!outcome.retryable || failures >= this.retry.attempts) throw outcome.problem;
			const { delaysMs } = this.retry;
			await this.pause(delaysMs[Math.min(failures - 1, delaysMs.length - 1)] ?? 0);
		}
	}

	private now(): number {
		return this.config.now?.() ?? Date.now();
	}

	private async pause(ms: number): Promise<void> {
		if (ms > 0 && this.config.sleep) await this.config.sleep(ms);
	}

	private async attempt<E extends EndpointName>(
		endpoint: E,
		request: RequestOf<E>,
		path: string,
		body: string,
		attempt: number,
		requestId: string | undefined,
	): Promise<CallResult<E> | AttemptProblem> {
		const { clientId } = this.config;
		// Every error names the call, so the node can say which action failed and which ID to reuse.
		const where = { path, endpoint, requestId };
		const headers = this.privateKey
			? signRequest({
					path,
					clientId,
					body,
					privateKey: this.privateKey,
					keyVersion: this.config.keyVersion,
					now: this.config.now?.(),
				})
			: { 'Content-Type': 'application/json; charset=UTF-8' };

		const unknown = (message: string, extra: Omit<AlipayErrorOptions, 'path' | 'endpoint' | 'requestId'>) =>
			new AlipayUnknownResultError(message, {
				...extra,
				...where,
				attempts: attempt,
				hint: extra.hint ?? `The outcome is unknown. ${nextStep(endpoint, requestId)}`,
			});

		let raw: RawResponse | undefined;
		let sendError: unknown;
		const sentAt = this.config.now?.() ?? Date.now();
		try {
			raw = await this.config.send({ url: this.config.baseUrl + path, path, body, headers, attempt });
		} catch (error) {
			sendError = error;
		}
		if (raw === undefined) {
			// Our own errors (a key problem, a non-retryable transport verdict) pass through unchanged.
			if (isAlipayError(sendError) && !(sendError instanceof AlipayTransportError && sendError.retryable)) throw sendError;
			const reason = sendError instanceof Error ? sendError.message : String(sendError);
			return { problem: unknown(`No answer from Alipay (${reason})`, { cause: sendError }), retryable: true };
		}

		if (raw.status !== 200) {
			if (RETRYABLE_HTTP.has(raw.status)) {
				const rateLimited =
					raw.status === 429 ? { retryAfterMs: retryAfterMs(getHeader(raw.headers, 'retry-after'), this.now()) } : undefined;
				return { problem: unknown(`Alipay's gateway answered HTTP ${raw.status}`, {}), retryable: true, rateLimited };
			}
			// A server error (a CDN's 520-524 among them) may come after Alipay processed the request.
			if (raw.status >= 500) {
				return { problem: unknown(`The gateway answered HTTP ${raw.status}, after which the request may or may not have been processed`, {}), retryable: false };
			}
			throw new AlipayTransportError(`Alipay's gateway answered HTTP ${raw.status} for ${path}`, {
				httpStatus: raw.status,
				retryable: false,
				...where,
				hint: 'Alipay answers every API call with HTTP 200. Check the Gateway or Custom Base URL in the credential.',
			});
		}

		const verdict = verifyResponse({ path, clientId, headers: raw.headers, body: raw.body, publicKey: this.publicKey });
		if (!verdict.ok) {
			throw new AlipaySignatureError(`The response is not validly signed by Alipay: ${verdict.detail}`, verdict.reason, {
				...where,
				hint: `Check that Alipay Public Key is the key Antom Dashboard shows for this client ID (not your own public key). If it is, something between n8n and Alipay altered the response. The request may have been processed. ${nextStep(endpoint, requestId)}`,
			});
		}

		let response: ResponseOf<E>;
		try {
			response = JSON.parse(raw.body) as ResponseOf<E>;
		} catch {
			return { problem: unknown('Alipay answered with a body that is not JSON', {}), retryable: true };
		}
		const result = classifyResult((response as { result?: unknown })?.result);
		const details = {
			...where,
			resultCode: result.code,
			resultStatus: result.status,
			resultMessage: result.message,
			response,
		};

		if (!verdict.signed && result.status === 'S') {
			throw new AlipaySignatureError('Alipay answered success without a signature', 'missing-header', {
				...where,
				resultCode: result.code,
				resultStatus: result.status,
				hint: `A success must be signed by Alipay; this one is refused. Check proxies between n8n and Alipay. The request may have been processed. ${nextStep(endpoint, requestId)}`,
			});
		}
		if (!verdict.signed) {
			// Alipay's own refusals of a request it could not authenticate are unsigned, but so is anything a
			// proxy makes up: an unsigned answer cannot prove the request was not processed.
			return {
				problem: unknown(`Alipay answered ${result.code || 'without a result'} (${result.status}) without signing it`, {
					...details,
					hint: `${result.hint} An unsigned answer cannot prove that nothing was processed. ${nextStep(endpoint, requestId)}`,
				}),
				retryable: false,
			};
		}
		const mismatch = answerMismatch(endpoint, request, response, { sentAt, responseTime: getHeader(raw.headers, 'response-time') });
		if (mismatch) {
			// A genuine Alipay answer, but not to this request: asking again with the same body is safe.
			return { problem: unknown(`The signed answer does not belong to this request: ${mismatch}`, details), retryable: true };
		}
		if (result.status === 'S') {
			return { response, result, signed: verdict.signed, attempts: attempt, path, rawBody: raw.body };
		}
		if (result.status === 'F') {
			throw new AlipayResultError(`Alipay refused ${endpoint}: ${result.code}${result.message ? ` (${result.message})` : ''}`, {
				...details,
				hint: GATEWAY_REFUSALS.has(result.canonicalCode)
					? `${result.hint} Alipay processed nothing, so running it again once this is fixed is safe.`
					: result.hint,
			});
		}
		return {
			// A retryable U is best explained by which request ID to reuse; others (PAYMENT_IN_PROCESS) by their code.
			problem: unknown(`Alipay could not tell the outcome of ${endpoint}: ${result.code}`, {
				...details,
				hint: result.retryable ? undefined : result.hint,
			}),
			retryable: result.retryable,
			rateLimited: result.code === RATE_LIMIT_CODE ? {} : undefined,
		};
	}
}

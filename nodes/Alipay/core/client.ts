import type { KeyObject } from 'node:crypto';
import { answerMismatch } from './binding';
import { ENDPOINTS, endpointPath, type EndpointName, type RequestOf, type ResponseOf } from './endpoints';
import {
	type AlipayError,
	AlipayResultError,
	type AlipayErrorOptions,
	AlipaySignatureError,
	AlipayTransportError,
	AlipayUnknownResultError,
	isAlipayError,
} from './errors';
import { loadPublicKey } from './keys';
import { classifyResult, type ClassifiedResult } from './result';
import { DEFAULT_RETRY, isResendableUnknown, isRetryableHttpStatus, shouldRetry, Throttle, type AttemptOutcome, type RetryPolicy } from './retry';
import { getHeader, verifyResponse, type HeaderBag } from './signature';
import { assertValidRequest } from './validation';

/**
 * A transport-agnostic Alipay client: it serialises a request once, sends exactly those bytes,
 * verifies the response signature against the raw response text, classifies the result and, as
 * `shouldRetry` decides, sends the same body again (so the same request ID). Sending and signing
 * are injected: in the nodes, n8n's `httpRequestWithAuthentication`, with the credential's
 * `authenticate` signing the body.
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

export interface AlipayClientConfig {
	clientId: string;
	alipayPublicKey: KeyObject | string;
	/** Origin (plus optional prefix) without a trailing slash. */
	baseUrl: string;
	sandbox: boolean;
	send: Send;
	retry?: RetryPolicy;
	/** Injected because n8n's Cloud rules ban timers in node code; n8n passes its own `sleep`. */
	sleep?: (ms: number) => Promise<void>;
	/** Share one between clients whose requests should slow down together when rate limited. */
	throttle?: Throttle;
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

/** The safe way on after an answer that does not say whether the request was processed. */
function nextStep(endpoint: EndpointName, requestId: string | undefined): string {
	const field = ENDPOINTS[endpoint].requestIdField;
	return field && requestId
		? `Run it again with the same ${field} (${requestId}), or Get its status with that ID; do not start a new one.`
		: 'Send the same request again later.';
}

/** One attempt's answer: the success, or what happened and the error to report if it is not retried. */
type AttemptAnswer<E extends EndpointName> = { success: CallResult<E> } | { outcome: AttemptOutcome; problem: AlipayError };

/** What every attempt of one call shares: the exact bytes, and the names every error carries. */
interface Exchange<E extends EndpointName> {
	endpoint: E;
	request: RequestOf<E>;
	path: string;
	body: string;
	requestId: string | undefined;
}

export class AlipayClient {
	private readonly publicKey: KeyObject;
	private readonly retry: RetryPolicy;
	private readonly throttle: Throttle;

	constructor(private readonly config: AlipayClientConfig) {
		this.publicKey = loadPublicKey(config.alipayPublicKey, 'alipayPublicKey');
		this.retry = config.retry ?? DEFAULT_RETRY;
		this.throttle = config.throttle ?? new Throttle();
	}

	/** Sends the request until it has an answer `shouldRetry` does not resend, always with the same bytes. */
	async call<E extends EndpointName>(endpoint: E, request: RequestOf<E>): Promise<CallResult<E>> {
		assertValidRequest(endpoint, request);
		const exchange: Exchange<E> = {
			endpoint,
			request,
			path: endpointPath(endpoint, this.config.sandbox),
			body: JSON.stringify(request),
			requestId: requestIdOf(endpoint, request),
		};
		const state = { failures: 0, rateLimits: 0, rateLimitWaitedMs: 0 };
		for (let attempt = 1; ; attempt++) {
			await this.pause(this.throttle.waitAt(Date.now()));
			const answer = await this.sendOnce(exchange, attempt);
			if ('success' in answer) return answer.success;
			const decision = shouldRetry(answer.outcome, { ...state, now: Date.now() }, this.retry);
			if (!decision.retry) throw answer.problem;
			if (decision.rateLimited) {
				state.rateLimits++;
				state.rateLimitWaitedMs += decision.waitMs;
				this.throttle.holdUntil(Date.now() + decision.waitMs);
			} else {
				state.failures++;
				await this.pause(decision.waitMs);
			}
		}
	}

	private async pause(ms: number): Promise<void> {
		if (ms > 0 && this.config.sleep) await this.config.sleep(ms);
	}

	private async sendOnce<E extends EndpointName>(exchange: Exchange<E>, attempt: number): Promise<AttemptAnswer<E>> {
		const { endpoint, request, path, body, requestId } = exchange;
		const { clientId } = this.config;
		// Every error names the call, so the node can say which action failed and which ID to reuse.
		const callNames = { path, endpoint, requestId };
		// Signed on the way out by the credential's `authenticate`, over exactly these bytes.
		const headers = { 'Content-Type': 'application/json; charset=UTF-8' };

		const outcomeUnknown = (message: string, extra: Omit<AlipayErrorOptions, 'path' | 'endpoint' | 'requestId'>) =>
			new AlipayUnknownResultError(message, {
				...extra,
				...callNames,
				attempts: attempt,
				hint: extra.hint ?? `The outcome is unknown. ${nextStep(endpoint, requestId)}`,
			});

		let raw: RawResponse | undefined;
		let sendError: unknown;
		const sentAt = Date.now();
		try {
			raw = await this.config.send({ url: this.config.baseUrl + path, path, body, headers, attempt });
		} catch (error) {
			sendError = error;
		}
		if (raw === undefined) {
			// Our own errors (a key problem, a non-retryable transport verdict) pass through unchanged.
			if (isAlipayError(sendError) && !(sendError instanceof AlipayTransportError && sendError.retryable)) throw sendError;
			const reason = sendError instanceof Error ? sendError.message : String(sendError);
			return { outcome: { kind: 'no-answer' }, problem: outcomeUnknown(`No answer from Alipay (${reason})`, { cause: sendError }) };
		}

		if (raw.status !== 200) {
			const outcome: AttemptOutcome = { kind: 'http', status: raw.status, retryAfter: getHeader(raw.headers, 'retry-after') };
			// A server error (a CDN's 520-524 among them) may come after Alipay processed the request.
			if (raw.status >= 500 || isRetryableHttpStatus(raw.status)) {
				const message = isRetryableHttpStatus(raw.status)
					? `Alipay's gateway answered HTTP ${raw.status}`
					: `The gateway answered HTTP ${raw.status}, after which the request may or may not have been processed`;
				return { outcome, problem: outcomeUnknown(message, {}) };
			}
			const problem = new AlipayTransportError(`Alipay's gateway answered HTTP ${raw.status} for ${path}`, {
				httpStatus: raw.status,
				retryable: false,
				...callNames,
				hint: 'Alipay answers every API call with HTTP 200. Check the Gateway or Custom Base URL in the credential.',
			});
			return { outcome, problem };
		}

		const verdict = verifyResponse({ path, clientId, headers: raw.headers, body: raw.body, publicKey: this.publicKey });
		if (!verdict.ok) {
			const problem = new AlipaySignatureError(`The response is not validly signed by Alipay: ${verdict.detail}`, verdict.reason, {
				...callNames,
				hint: `Check that Alipay Public Key is the key Antom Dashboard shows for this client ID (not your own public key). If it is, something between n8n and Alipay altered the response. The request may have been processed. ${nextStep(endpoint, requestId)}`,
			});
			return { outcome: { kind: 'bad-signature' }, problem };
		}

		let response: ResponseOf<E>;
		try {
			response = JSON.parse(raw.body) as ResponseOf<E>;
		} catch {
			return { outcome: { kind: 'not-json' }, problem: outcomeUnknown('Alipay answered with a body that is not JSON', {}) };
		}
		const result = classifyResult((response as { result?: unknown })?.result);
		const details = {
			...callNames,
			resultCode: result.code,
			resultStatus: result.status,
			resultMessage: result.message,
			response,
		};

		if (!verdict.signed && result.status === 'S') {
			const problem = new AlipaySignatureError('Alipay answered success without a signature', 'missing-header', {
				...callNames,
				resultCode: result.code,
				resultStatus: result.status,
				hint: `A success must be signed by Alipay; this one is refused. Check proxies between n8n and Alipay. The request may have been processed. ${nextStep(endpoint, requestId)}`,
			});
			return { outcome: { kind: 'bad-signature' }, problem };
		}
		if (!verdict.signed) {
			// Alipay's own refusals of a request it could not authenticate are unsigned, but so is anything a
			// proxy makes up: an unsigned answer cannot prove the request was not processed.
			const problem = outcomeUnknown(`Alipay answered ${result.code || 'without a result'} (${result.status}) without signing it`, {
				...details,
				hint: `${result.hint} An unsigned answer cannot prove that nothing was processed. ${nextStep(endpoint, requestId)}`,
			});
			return { outcome: { kind: 'unsigned', status: result.status, code: result.canonicalCode }, problem };
		}
		const mismatch = answerMismatch(endpoint, request, response, { sentAt, responseTime: getHeader(raw.headers, 'response-time') });
		if (mismatch) {
			// A genuine Alipay answer, but not to this request: asking again with the same body is safe.
			return { outcome: { kind: 'other-request' }, problem: outcomeUnknown(`The signed answer does not belong to this request: ${mismatch}`, details) };
		}
		if (result.status === 'S') {
			return { success: { response, result, signed: verdict.signed, attempts: attempt, path, rawBody: raw.body } };
		}
		const outcome: AttemptOutcome = { kind: 'result', status: result.status, code: result.canonicalCode };
		if (result.status === 'F') {
			const problem = new AlipayResultError(`Alipay refused ${endpoint}: ${result.code}${result.message ? ` (${result.message})` : ''}`, {
				...details,
				hint: GATEWAY_REFUSALS.has(result.canonicalCode)
					? `${result.hint} Alipay processed nothing, so running it again once this is fixed is safe.`
					: result.hint,
			});
			return { outcome, problem };
		}
		// A resendable U is best explained by which request ID to reuse; others (PAYMENT_IN_PROCESS) by their code.
		const problem = outcomeUnknown(`Alipay could not tell the outcome of ${endpoint}: ${result.code}`, {
			...details,
			hint: isResendableUnknown(result.canonicalCode) ? undefined : result.hint,
		});
		return { outcome, problem };
	}
}

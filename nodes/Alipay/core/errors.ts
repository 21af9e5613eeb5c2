import type { EndpointName } from './endpoints';

/**
 * The package's error vocabulary. Everything the protocol core throws is one of these, so the
 * node's router can translate them to n8n errors in one place and the simulator can map them to
 * Alipay result codes. Messages say what happened; `hint` says how to fix it. No message ever
 * contains key material, a full signature or the signed content.
 */
export type AlipayErrorName =
	| 'AlipayError'
	| 'AlipayResultError'
	| 'AlipayUnknownResultError'
	| 'AlipaySignatureError'
	| 'AlipayKeyError'
	| 'AlipayValidationError'
	| 'AlipayTransportError';

export interface AlipayErrorOptions {
	hint?: string;
	resultCode?: string;
	resultStatus?: string;
	resultMessage?: string;
	/** API path that was called, when there was one. */
	path?: string;
	/** The API that was called, so a message can say which action failed. */
	endpoint?: EndpointName;
	/** The idempotency key to reuse when asking again (paymentRequestId, refundRequestId…). */
	requestId?: string;
	/** Raw response body (already parsed), kept for Raw output and NodeApiError context. */
	response?: unknown;
	cause?: unknown;
}

export class AlipayError extends Error {
	override name: AlipayErrorName = 'AlipayError';
	readonly hint?: string;
	readonly resultCode?: string;
	readonly resultStatus?: string;
	readonly resultMessage?: string;
	readonly path?: string;
	readonly endpoint?: EndpointName;
	readonly requestId?: string;
	readonly response?: unknown;
	/** IDs of the payment or refund concerned, added by a caller that knows more than the request carried. */
	ids?: Record<string, string>;

	constructor(message: string, options: AlipayErrorOptions = {}) {
		super(message);
		this.hint = options.hint;
		this.resultCode = options.resultCode;
		this.resultStatus = options.resultStatus;
		this.resultMessage = options.resultMessage;
		this.path = options.path;
		this.endpoint = options.endpoint;
		this.requestId = options.requestId;
		this.response = options.response;
		if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
	}
}

/** Alipay answered `F`: final, do not retry with the same request. */
export class AlipayResultError extends AlipayError {
	override name: AlipayErrorName = 'AlipayResultError';
}

/** Alipay answered `U`, or every retry failed: the outcome is unknown, never a success. */
export class AlipayUnknownResultError extends AlipayError {
	override name: AlipayErrorName = 'AlipayUnknownResultError';
	readonly attempts: number;

	constructor(message: string, options: AlipayErrorOptions & { attempts?: number } = {}) {
		super(message, options);
		this.attempts = options.attempts ?? 1;
	}
}

/** A response that is not signed by Alipay's key where it must be. */
export class AlipaySignatureError extends AlipayError {
	override name: AlipayErrorName = 'AlipaySignatureError';
	readonly reason: string;

	constructor(message: string, reason: string, options: AlipayErrorOptions = {}) {
		super(message, options);
		this.reason = reason;
	}
}

export type KeyProblem =
	| 'empty'
	| 'encrypted'
	| 'public-key-in-private-field'
	| 'private-key-in-public-field'
	| 'malformed'
	| 'not-rsa'
	| 'too-short'
	| 'damaged'
	| 'own-public-key';

/** A key that cannot be used, found locally before any request is sent. */
export class AlipayKeyError extends AlipayError {
	override name: AlipayErrorName = 'AlipayKeyError';
	readonly field: string;
	readonly problem: KeyProblem;

	constructor(message: string, field: string, problem: KeyProblem, hint: string) {
		super(message, { hint });
		this.field = field;
		this.problem = problem;
	}
}

/** Bad input, found before any request is sent. `field` is the wire path (`order.merchant.store.storeMCC`). */
export class AlipayValidationError extends AlipayError {
	override name: AlipayErrorName = 'AlipayValidationError';
	readonly field: string;
	readonly reason: string;

	constructor(field: string, reason: string, hint?: string) {
		super(`${field} ${reason}`, { hint });
		this.field = field;
		this.reason = reason;
	}
}

/** The request may or may not have reached Alipay: network failure or a non-200 HTTP status. */
export class AlipayTransportError extends AlipayError {
	override name: AlipayErrorName = 'AlipayTransportError';
	readonly httpStatus?: number;
	readonly retryable: boolean;

	constructor(message: string, options: AlipayErrorOptions & { httpStatus?: number; retryable: boolean }) {
		super(message, options);
		this.httpStatus = options.httpStatus;
		this.retryable = options.retryable;
	}
}

const NAMES: ReadonlySet<string> = new Set<AlipayErrorName>([
	'AlipayError',
	'AlipayResultError',
	'AlipayUnknownResultError',
	'AlipaySignatureError',
	'AlipayKeyError',
	'AlipayValidationError',
	'AlipayTransportError',
]);

/** By name rather than instanceof, so errors survive being crossed between module copies. */
export function isAlipayError(error: unknown): error is AlipayError {
	return error instanceof Error && NAMES.has(error.name);
}

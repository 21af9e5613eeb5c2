/**
 * Result classification (docs/protocol.md#results). `S`/`F`/`U` drive everything; codes
 * only choose the explanation (and, for a U, whether to resend: see retry.ts). Renamed codes are
 * one code under two spellings.
 */
export type ResultStatus = 'S' | 'F' | 'U';

export interface AlipayResult {
	resultCode: string;
	resultStatus: ResultStatus;
	resultMessage?: string;
}

/** Older or family-specific spelling → the spelling we report. */
export const RESULT_CODE_ALIASES: Readonly<Record<string, string>> = {
	SIGNATURE_INVALID: 'INVALID_SIGNATURE',
	API_INVALID: 'INVALID_API',
	INVALID_CLIENT: 'CLIENT_INVALID',
};

export function canonicalResultCode(code: string): string {
	const upper = String(code ?? '').trim().toUpperCase();
	return RESULT_CODE_ALIASES[upper] ?? upper;
}

export function sameResultCode(a: string, b: string): boolean {
	return canonicalResultCode(a) === canonicalResultCode(b);
}

/** Every spelling Alipay may send for a canonical code, for matching that cannot canonicalise (n8n's credential test rules). */
export function resultCodeSpellings(code: string): string[] {
	const canonical = canonicalResultCode(code);
	return [canonical, ...Object.keys(RESULT_CODE_ALIASES).filter((alias) => RESULT_CODE_ALIASES[alias] === canonical)];
}

/** How to fix or what to do next, per canonical code. */
export const RESULT_HINTS: Readonly<Record<string, string>> = {
	SUCCESS: 'No action needed.',
	ACCESS_DENIED: 'Alipay denied access for this client ID. Contact Antom support to check the account.',
	INVALID_API: 'This API is not enabled for your client ID. Ask Antom to activate Order Code Payment.',
	NO_INTERFACE_DEF: 'The gateway does not know this API path. Check the Gateway and Environment in the credential.',
	CLIENT_INVALID:
		'Alipay does not recognise the Client ID. Copy it again from Antom Dashboard and check Environment (sandbox client IDs start with SANDBOX_).',
	INVALID_SIGNATURE:
		'Alipay rejected the signature: the Merchant Private Key does not match the public key uploaded to Antom Dashboard (or Key Version is wrong).',
	KEY_NOT_FOUND:
		'Alipay has no public key for this Client ID and Key Version. Upload your public key in Antom Dashboard, or check Key Version.',
	MEDIA_TYPE_NOT_ACCEPTABLE: 'The request was not sent as application/json. Check proxies between n8n and Alipay.',
	METHOD_NOT_SUPPORTED: 'Alipay only accepts POST. Check proxies between n8n and Alipay.',
	PARAM_ILLEGAL: 'A field is missing or has an illegal value; the message names it. Fix the field and send again.',
	PROCESS_FAIL: 'Alipay could not process the request. Do not retry; contact Antom support with the request ID.',
	SYSTEM_ERROR: 'Alipay had a system error. Do not retry blindly; check the status with a Get operation.',
	REPEAT_REQ_INCONSISTENT:
		'This request ID was already used with different content (amount, currency or IDs). Send exactly the same content, or use a new request ID for a new request.',
	INVALID_MERCHANT_STATUS: 'The merchant account is restricted. Contact Antom support.',
	INVALID_CONTRACT: 'The request does not match your Antom contract (product, currency or settlement). Check the contract.',
	MERCHANT_NOT_REGISTERED: 'The secondary merchant is not registered or not approved. Run Merchant → Register first.',
	MERCHANT_KYB_NOT_QUALIFIED: "The merchant's KYB status does not allow this transaction. Contact Antom support.",
	CURRENCY_NOT_SUPPORT: 'This currency is not supported for your contract. Use a contract currency.',
	NO_PAY_OPTIONS: 'No wallet supports this currency for your contract. Check the currency.',
	ORDER_IS_CANCELED: 'This payment request ID belongs to a cancelled payment. Use a new Payment Request ID.',
	ORDER_IS_CLOSED: 'This payment request ID belongs to a closed payment. Use a new Payment Request ID.',
	PAYMENT_AMOUNT_EXCEED_LIMIT: 'The amount is above the contract or wallet limit. Lower the amount.',
	PAYMENT_COUNT_EXCEED_LIMIT: 'The wallet limit on the number of payments was reached. Contact Antom support.',
	PAYMENT_NOT_QUALIFIED: 'The merchant is not qualified for this payment. Contact Antom support.',
	RISK_REJECT: "Alipay's risk control rejected the payment. Ask the customer to use another payment method.",
	USER_NOT_EXIST: 'The wallet user does not exist. Ask the customer to check their wallet.',
	USER_KYC_NOT_QUALIFIED: "The customer's wallet KYC is incomplete. Ask them to complete it in the wallet.",
	ORDER_NOT_EXIST: 'No payment or refund has this ID. Check the ID; right after creating one, wait a few seconds and ask again.',
	ORDER_STATUS_INVALID: 'The payment is in a state that does not allow this (e.g. not paid yet, or already refunded). Get the payment to see its status.',
	CANCEL_WINDOW_EXCEED: 'The payment is past its cancellation window. Refund it instead.',
	MERCHANT_BALANCE_NOT_ENOUGH: 'Your merchant balance is too low. Try again later with a new request ID once funded.',
	MULTIPLE_REFUNDS_NOT_SUPPORTED: 'Your contract allows only one refund per payment.',
	REFUND_AMOUNT_EXCEED: 'The refunds would exceed the amount paid. Refund at most the remaining amount.',
	REFUND_WINDOW_EXCEED: 'The payment is past its refund window. Handle this refund outside Alipay.',
	PARTIAL_REFUND_NOT_SUPPORTED: 'Partial refunds are not supported for this payment. Refund the full amount.',
	REFUND_NOT_SUPPORTED: 'Refunds are not supported for this payment.',
	REGISTRATION_UNDER_REVIEW: 'An earlier registration for this merchant is still under review. Wait for its result.',
	REPEAT_REGISTRATION: 'This merchant is already registered. Do not register it again.',
	RECORD_NOT_FOUND: 'No registration exists for this merchant (or store). Check the reference IDs.',
	PAYMENT_IN_PROCESS:
		'Alipay is still processing an earlier payment with this ID. Get the payment, cancel it if unpaid, then start over with a new Payment Request ID.',
	REFUND_IN_PROCESS: 'The refund is still being processed. Get the refund later; do not refund again with a new ID.',
	REQUEST_TRAFFIC_EXCEED_LIMIT: 'Alipay is rate limiting. The same request was retried; run it again later with the same request ID.',
	UNKNOWN_EXCEPTION:
		'The outcome is unknown. Run the same request again with the same request ID, or Get its status; never start a second one with a new ID.',
};

export interface ClassifiedResult {
	status: ResultStatus;
	/** As Alipay sent it. */
	code: string;
	/** One spelling for renamed codes. */
	canonicalCode: string;
	message: string;
	hint: string;
}

/**
 * Reads `result` from a response body. A body without a well-formed result is an unknown outcome
 * (it might be a proxy's page), never a success.
 */
export function classifyResult(result: unknown): ClassifiedResult {
	const r = (result ?? {}) as Partial<Record<keyof AlipayResult, unknown>>;
	const status = r.resultStatus;
	const code = typeof r.resultCode === 'string' ? r.resultCode : '';
	const message = typeof r.resultMessage === 'string' ? r.resultMessage : '';
	if (status !== 'S' && status !== 'F' && status !== 'U') {
		return {
			status: 'U',
			code: code || 'MALFORMED_RESULT',
			canonicalCode: 'MALFORMED_RESULT',
			message: message || 'the response has no valid result',
			hint: 'The gateway answered without a valid result. Check the Gateway URL; the outcome is unknown.',
		};
	}
	const canonicalCode = canonicalResultCode(code);
	return {
		status,
		code,
		canonicalCode,
		message,
		hint: RESULT_HINTS[canonicalCode] ?? defaultHint(status),
	};
}

function defaultHint(status: ResultStatus): string {
	if (status === 'S') return RESULT_HINTS.SUCCESS;
	if (status === 'U') return RESULT_HINTS.UNKNOWN_EXCEPTION;
	return 'Alipay refused the request. Check the result code in the Antom documentation.';
}

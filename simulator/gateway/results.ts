import type { ResultStatus } from '../contract/wire';

/** Response bodies as the gateway writes them: always a `result`, then the API's own fields. */
export type ResponseBody = Record<string, unknown> & {
	result: { resultCode: string; resultStatus: ResultStatus; resultMessage: string };
};

/** Short messages in Alipay's tone; the hint-rich explanations live in the core's RESULT_HINTS. */
const MESSAGES: Record<string, string> = {
	SUCCESS: 'success.',
	ACCESS_DENIED: 'Access is denied.',
	CLIENT_INVALID: 'The client ID is invalid.',
	INVALID_CLIENT: 'The client ID is invalid.',
	INVALID_SIGNATURE: 'The signature is invalid.',
	SIGNATURE_INVALID: 'The signature is invalid.',
	KEY_NOT_FOUND: 'The key is not found.',
	MEDIA_TYPE_NOT_ACCEPTABLE: 'The media type is not acceptable.',
	METHOD_NOT_SUPPORTED: 'The request method is not supported.',
	NO_INTERFACE_DEF: 'The API is not defined.',
	ORDER_NOT_EXIST: 'The order does not exist.',
	ORDER_IS_CANCELED: 'The payment request ID belongs to a cancelled payment.',
	ORDER_IS_CLOSED: 'The payment request ID belongs to a closed payment.',
	ORDER_STATUS_INVALID: 'The order status is invalid.',
	REPEAT_REQ_INCONSISTENT: 'The repeated request is inconsistent.',
	REFUND_AMOUNT_EXCEED: 'The total refund amount exceeds the payment amount.',
	REFUND_WINDOW_EXCEED: 'The refund is past the refund window.',
	CANCEL_WINDOW_EXCEED: 'The cancellation is past the cancel window.',
	MULTIPLE_REFUNDS_NOT_SUPPORTED: 'Multiple refunds are not supported.',
	MERCHANT_NOT_REGISTERED: 'The merchant is not registered.',
	REGISTRATION_UNDER_REVIEW: 'An earlier registration is under review.',
	REPEAT_REGISTRATION: 'The merchant is already registered.',
	RECORD_NOT_FOUND: 'The record is not found.',
	UNKNOWN_EXCEPTION: 'An API call failed, which is caused by unknown reasons.',
	PAYMENT_IN_PROCESS: 'The payment is being processed.',
	REQUEST_TRAFFIC_EXCEED_LIMIT: 'The request traffic exceeds the limit.',
};

export function resultMessage(code: string): string {
	return MESSAGES[code] ?? code.toLowerCase().replace(/_/g, ' ');
}

export function success(fields: Record<string, unknown> = {}): ResponseBody {
	return { result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: MESSAGES.SUCCESS }, ...fields };
}

export function failure(resultCode: string, message = resultMessage(resultCode)): ResponseBody {
	return { result: { resultCode, resultStatus: 'F', resultMessage: message.slice(0, 256) } };
}

export function unknown(resultCode = 'UNKNOWN_EXCEPTION', message = resultMessage(resultCode)): ResponseBody {
	return { result: { resultCode, resultStatus: 'U', resultMessage: message } };
}

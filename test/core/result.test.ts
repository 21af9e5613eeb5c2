import {
	canonicalResultCode,
	classifyResult,
	RESULT_HINTS,
	resultCodeSpellings,
	sameResultCode,
} from '../../nodes/Alipay/core';

describe('result classification', () => {
	it.each([
		['SIGNATURE_INVALID', 'INVALID_SIGNATURE'],
		['INVALID_CLIENT', 'CLIENT_INVALID'],
		['API_INVALID', 'INVALID_API'],
	])('treats %s and %s as the same code', (older, current) => {
		expect(sameResultCode(older, current)).toBe(true);
		expect(canonicalResultCode(older)).toBe(current);
		expect(classifyResult({ resultCode: older, resultStatus: 'F' }).hint).toBe(RESULT_HINTS[current]);
		expect(resultCodeSpellings(older)).toEqual([current, older]);
		expect(resultCodeSpellings(current)).toEqual([current, older]);
	});

	it('has one spelling for a code that was never renamed', () => {
		expect(resultCodeSpellings('key_not_found')).toEqual(['KEY_NOT_FOUND']);
	});

	it('gives every code in the spec tables its own hint', () => {
		const specCodes = [
			'ACCESS_DENIED', 'INVALID_API', 'NO_INTERFACE_DEF', 'CLIENT_INVALID', 'INVALID_SIGNATURE', 'KEY_NOT_FOUND',
			'MEDIA_TYPE_NOT_ACCEPTABLE', 'METHOD_NOT_SUPPORTED', 'PARAM_ILLEGAL', 'PROCESS_FAIL', 'SYSTEM_ERROR',
			'REPEAT_REQ_INCONSISTENT', 'INVALID_MERCHANT_STATUS', 'INVALID_CONTRACT', 'MERCHANT_NOT_REGISTERED',
			'CURRENCY_NOT_SUPPORT', 'REQUEST_TRAFFIC_EXCEED_LIMIT', 'UNKNOWN_EXCEPTION', 'MERCHANT_KYB_NOT_QUALIFIED',
			'NO_PAY_OPTIONS', 'ORDER_IS_CANCELED', 'ORDER_IS_CLOSED', 'PAYMENT_AMOUNT_EXCEED_LIMIT', 'PAYMENT_COUNT_EXCEED_LIMIT',
			'PAYMENT_NOT_QUALIFIED', 'RISK_REJECT', 'USER_NOT_EXIST', 'PAYMENT_IN_PROCESS', 'ORDER_NOT_EXIST',
			'USER_KYC_NOT_QUALIFIED', 'CANCEL_WINDOW_EXCEED', 'ORDER_STATUS_INVALID', 'MERCHANT_BALANCE_NOT_ENOUGH',
			'MULTIPLE_REFUNDS_NOT_SUPPORTED', 'REFUND_AMOUNT_EXCEED', 'REFUND_WINDOW_EXCEED', 'REFUND_IN_PROCESS',
			'REGISTRATION_UNDER_REVIEW', 'REPEAT_REGISTRATION', 'RECORD_NOT_FOUND',
		];
		const hints = specCodes.map((code) => RESULT_HINTS[code]);
		expect(specCodes.filter((code) => !RESULT_HINTS[code])).toEqual([]);
		expect(new Set(hints).size).toBe(hints.length);
	});

	it('treats a missing or malformed result as an unknown outcome, never a success', () => {
		for (const result of [undefined, null, {}, { resultStatus: 'OK' }, 'SUCCESS']) {
			expect(classifyResult(result)).toMatchObject({ status: 'U', canonicalCode: 'MALFORMED_RESULT' });
		}
	});

	it('keeps the code as sent and the message', () => {
		expect(classifyResult({ resultCode: 'SIGNATURE_INVALID', resultStatus: 'F', resultMessage: 'bad' })).toMatchObject({
			status: 'F',
			code: 'SIGNATURE_INVALID',
			canonicalCode: 'INVALID_SIGNATURE',
			message: 'bad',
		});
	});
});

import { formatIsoWithOffset, loadPrivateKey } from '../../../../nodes/Alipay/core';
import { signNotification } from '../../../../simulator/signing';
import { TEST_CLIENT_ID, TEST_KEYS, vectorsFile, type Vector } from '../../../helpers/keys';

/** Notifications as Alipay sends them: the openssl-made vectors, or freshly signed with the test Alipay key. */

export function vector(name: 'notify-payment' | 'notify-registration-query'): Vector {
	const found = vectorsFile.vectors.find((v) => v.name === name);
	if (!found) throw new Error(`vector ${name} missing`);
	return found;
}

/** The headers Alipay sends with a vector (lower case, as the gateway sends them). */
export function vectorHeaders(v: Vector): Record<string, string> {
	return {
		'content-type': 'application/json; charset=UTF-8',
		'client-id': v.clientId,
		'request-time': v.time,
		signature: v.signatureHeader,
	};
}

export interface SignOptions {
	clientId?: string;
	time?: string;
}

/** Signs `body` for `path` (path + query, as the URL Alipay calls) with the test Alipay key. */
export function signed(path: string, body: object | string, options: SignOptions = {}) {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const headers = signNotification({
		path,
		clientId: options.clientId ?? TEST_CLIENT_ID,
		body: text,
		privateKey: loadPrivateKey(TEST_KEYS.alipayPrivate),
		time: options.time ?? formatIsoWithOffset(new Date(Date.now()), 480),
	});
	return { headers, body: text };
}

export function paymentBody(paymentId: string, resultStatus: 'S' | 'F' = 'S', extra: object = {}) {
	return {
		notifyType: 'PAYMENT_RESULT',
		result:
			resultStatus === 'S'
				? { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }
				: { resultCode: 'USER_BALANCE_NOT_ENOUGH', resultStatus: 'F', resultMessage: 'balance not enough' },
		paymentRequestId: `REQ-${paymentId}`,
		paymentId,
		...(resultStatus === 'S' ? { paymentAmount: { currency: 'SGD', value: '1250' } } : {}),
		...extra,
	};
}

/**
 * n8n's clock (`Date.now`) set to `at` when each test starts and running on from there, so the
 * openssl-made vectors, whose request-time is fixed, are fresh whatever day the suite runs.
 * `shift(seconds)` moves it, to play a notification back later.
 */
export function useClockAt(at: number): { shift(seconds: number): void } {
	const realNow = Date.now.bind(Date);
	let offset = 0;
	beforeEach(() => {
		offset = at - realNow();
		jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
	});
	afterEach(() => {
		jest.restoreAllMocks();
	});
	return {
		shift(seconds: number) {
			offset += seconds * 1000;
		},
	};
}

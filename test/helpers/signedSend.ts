import { loadPrivateKey, signRequest, type Send } from '../../nodes/Alipay/core';
import { TEST_CLIENT_ID, TEST_KEYS } from './keys';

/**
 * A `send` that signs each attempt with the test merchant key before handing it on: what the
 * credential's `authenticate` does in n8n, for tests that drive the core client directly.
 */
export function signedSend(send: Send, clientId = TEST_CLIENT_ID, privateKey = TEST_KEYS.merchantPrivate): Send {
	const key = loadPrivateKey(privateKey);
	return async (request) =>
		await send({ ...request, headers: { ...request.headers, ...signRequest({ path: request.path, clientId, body: request.body, privateKey: key }) } });
}

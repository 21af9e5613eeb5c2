import { readAlipayCredentials, requestPathOf } from '../../../../nodes/Alipay/transport/credentials';
import { TEST_CLIENT_ID, TEST_KEYS } from '../../../helpers/keys';

describe('requestPathOf', () => {
	it.each([
		[{ baseURL: 'https://open-sea-global.alipay.com', url: '/ams/api/v1/payments/pay' }, '/ams/api/v1/payments/pay'],
		[{ baseURL: 'http://127.0.0.1:8787/', url: 'ams/sandbox/api/v1/payments/pay' }, '/ams/sandbox/api/v1/payments/pay'],
		[{ baseURL: 'https://proxy.example/alipay/', url: '/ams/api/v1/payments/pay' }, '/alipay/ams/api/v1/payments/pay'],
		[
			{ baseURL: 'https://ignored.example', url: 'https://other.example/ams/api/v1/payments/cancel?x=1' },
			'/ams/api/v1/payments/cancel?x=1',
		],
	])('%j is signed as %s, the path axios requests', (options, path) => {
		expect(requestPathOf(options)).toBe(path);
	});
});

describe('readAlipayCredentials', () => {
	const data = {
		clientId: ` ${TEST_CLIENT_ID} `,
		environment: 'production',
		gateway: 'europe',
		privateKey: TEST_KEYS.merchantPrivate,
		alipayPublicKey: TEST_KEYS.alipayPublic,
		keyVersion: 2,
	};

	it('resolves gateway and environment, trims the client ID and keeps Key Version', () => {
		const read = readAlipayCredentials(data);
		expect(read).toMatchObject({ clientId: TEST_CLIENT_ID, keyVersion: 2 });
		expect(read.gateway).toMatchObject({ baseUrl: 'https://open-de-global.alipay.com', sandbox: false });
	});

	it('parses each key once: a fresh copy of the same credential gets the same key objects', () => {
		const first = readAlipayCredentials({ ...data });
		const second = readAlipayCredentials({ ...data, keyVersion: 3 });
		expect(second.privateKey).toBe(first.privateKey);
		expect(second.alipayPublicKey).toBe(first.alipayPublicKey);
		expect(second.keyVersion).toBe(3);
	});

	it('a changed key is checked again, not served from memory', () => {
		readAlipayCredentials(data);
		expect(() => readAlipayCredentials({ ...data, alipayPublicKey: TEST_KEYS.merchantPublic })).toThrow(
			/your own merchant public key/,
		);
	});
});

import { generateKeyPairSync } from 'node:crypto';
import { Workflow, type IHttpRequestOptions, type INode, type INodeTypes } from 'n8n-workflow';
import { AlipayApi } from '../../credentials/AlipayApi.credentials';
import { loadPublicKey, REGION_HOSTS, verifyMessage } from '../../nodes/Alipay/core';
import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { testCredential } from '../helpers/n8n';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { simulatorCredentials } from '../nodes/Alipay/actions/fixtures';

const credential = new AlipayApi();
let sim: TestSimulator;

/** A valid RSA-2048 key pair that Alipay (the simulator) has never seen. */
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerPrivate = stranger.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

beforeAll(async () => {
	sim = await startTestSimulator();
});
afterAll(async () => {
	await sim.close();
});
beforeEach(async () => {
	await sim.control('DELETE', '/_sim/data');
});

async function requestCount(): Promise<number> {
	return (await sim.control<{ requests: unknown[] }>('GET', '/_sim/requests')).requests.length;
}

describe('credential test (n8n-core RoutingNode, as the CLI runs it)', () => {
	test('correct keys pass: the gateway answers the probe inquiry with ORDER_NOT_EXIST, which proves the signature was accepted', async () => {
		const result = await testCredential(credential, simulatorCredentials(sim));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		const { requests } = await sim.control<{ requests: Array<{ path: string; resultCode: string }> }>(
			'GET',
			'/_sim/requests',
		);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({
			path: '/ams/sandbox/api/v1/payments/inquiryPayment',
			resultCode: 'ORDER_NOT_EXIST',
		});
	});

	test('the probe goes to the production path when Environment is Production', async () => {
		await testCredential(credential, simulatorCredentials(sim, { environment: 'production' }));
		const { requests } = await sim.control<{ requests: Array<{ path: string }> }>('GET', '/_sim/requests');
		expect(requests[0].path).toBe('/ams/api/v1/payments/inquiryPayment');
	});

	test('a wrong private key fails with a message that names Merchant Private Key', async () => {
		const result = await testCredential(credential, simulatorCredentials(sim, { privateKey: strangerPrivate }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/signature/i);
		expect(result.message).toContain('Merchant Private Key');
	});

	test('an unknown client ID fails with a message that names Client ID', async () => {
		const result = await testCredential(credential, simulatorCredentials(sim, { clientId: 'SANDBOX_5YUNKNOWN000000' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Client ID');
		expect(result.message).not.toContain('Merchant Private Key');
	});

	test('a probe answered with either spelling of a renamed code fails with the same message naming the field', () => {
		const messageFor = (value: string) =>
			credential.test.rules?.find((rule) => (rule.properties as { value: string }).value === value)?.properties
				.message;
		expect(messageFor('SIGNATURE_INVALID')).toContain('Merchant Private Key');
		expect(messageFor('SIGNATURE_INVALID')).toBe(messageFor('INVALID_SIGNATURE'));
		expect(messageFor('INVALID_CLIENT')).toContain('Client ID');
		expect(messageFor('INVALID_CLIENT')).toBe(messageFor('CLIENT_INVALID'));
		expect(messageFor('KEY_NOT_FOUND')).toContain('Key Version');
	});

	test('your own public key pasted as Alipay Public Key fails with its own message, before any request', async () => {
		const result = await testCredential(
			credential,
			simulatorCredentials(sim, { alipayPublicKey: TEST_KEYS.merchantPublic }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Alipay Public Key');
		expect(result.message).toMatch(/your own merchant public key/);
		expect(await requestCount()).toBe(0);
	});

	test('a private key pasted as Alipay Public Key fails before any request, without echoing the key', async () => {
		const result = await testCredential(
			credential,
			simulatorCredentials(sim, { alipayPublicKey: TEST_KEYS.alipayPrivate }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Alipay Public Key holds a private key');
		expect(result.message).not.toContain(TEST_KEYS.alipayPrivate.slice(20, 60));
		expect(await requestCount()).toBe(0);
	});

	test('a private key cut off while copying fails before any request', async () => {
		const result = await testCredential(
			credential,
			simulatorCredentials(sim, { privateKey: TEST_KEYS.merchantPrivate.slice(0, 40) }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Merchant Private Key is not a valid RSA key');
		expect(await requestCount()).toBe(0);
	});
});

describe('authenticate', () => {
	const data = {
		clientId: TEST_CLIENT_ID,
		environment: 'sandbox',
		gateway: 'custom',
		customBaseUrl: 'http://127.0.0.1:9/prefix/',
		privateKey: TEST_KEYS.merchantPrivate,
		alipayPublicKey: TEST_KEYS.alipayPublic,
		keyVersion: 1,
	};

	test("signs the exact body string it sends, over the path Alipay receives (the proxy's base URL prefix removed)", async () => {
		const body = '{"paymentRequestId":"P-1","note":"ü  two spaces"}';
		const options: IHttpRequestOptions = {
			method: 'POST',
			baseURL: 'http://127.0.0.1:9/prefix/',
			url: '/ams/sandbox/api/v1/payments/inquiryPayment',
			body,
		};
		const signed = await credential.authenticate(data, options);
		expect(signed.body).toBe(body);
		const headers = signed.headers as Record<string, string>;
		expect(headers['Client-Id']).toBe(TEST_CLIENT_ID);
		const verdict = verifyMessage({
			path: '/ams/sandbox/api/v1/payments/inquiryPayment',
			clientId: TEST_CLIENT_ID,
			time: headers['Request-Time'],
			body,
			signatureHeader: headers.Signature,
			publicKey: loadPublicKey(TEST_KEYS.merchantPublic),
		});
		expect(verdict.ok).toBe(true);
	});

	test('serialises an object body once and signs that same string', async () => {
		const signed = await credential.authenticate(data, {
			url: 'http://127.0.0.1:9/ams/api/v1/payments/cancel',
			body: { paymentId: 'X' },
		});
		expect(signed.body).toBe('{"paymentId":"X"}');
		const headers = signed.headers as Record<string, string>;
		expect(headers.Signature).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
		const verdict = verifyMessage({
			path: '/ams/api/v1/payments/cancel',
			clientId: TEST_CLIENT_ID,
			time: headers['Request-Time'],
			body: '{"paymentId":"X"}',
			signatureHeader: headers.Signature,
			publicKey: loadPublicKey(TEST_KEYS.merchantPublic),
		});
		expect(verdict.ok).toBe(true);
	});

	test('puts Key Version into the signature header', async () => {
		const signed = await credential.authenticate(
			{ ...data, keyVersion: 3 },
			{ url: 'http://x/ams/api/v1/payments/cancel', body: '{}' },
		);
		expect((signed.headers as Record<string, string>).Signature).toContain('keyVersion=3');
	});
});

describe('credential test request URL', () => {
	const node: INode = { id: 'n', name: 'n', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
	const noNodeTypes = {
		getByName: () => undefined,
		getByNameAndVersion: () => undefined,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: noNodeTypes });
	const resolve = (value: string, credentials: Record<string, unknown>) =>
		workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials } as never);
	const request = credential.test.request;

	test.each(Object.entries(REGION_HOSTS))('Gateway %s sends the probe to %s', (gateway, host) => {
		expect(resolve(request.baseURL!, { gateway })).toBe(host);
	});

	test('Custom Base URL is used without its trailing slash', () => {
		expect(resolve(request.baseURL!, { gateway: 'custom', customBaseUrl: ' http://127.0.0.1:8787/ ' })).toBe(
			'http://127.0.0.1:8787',
		);
	});

	test.each([
		['sandbox', '/ams/sandbox/api/v1/payments/inquiryPayment'],
		['production', '/ams/api/v1/payments/inquiryPayment'],
	])('Environment %s probes %s', (environment, path) => {
		expect(resolve(request.url!, { environment })).toBe(path);
	});
});

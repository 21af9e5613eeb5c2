import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import { Workflow, type IHttpRequestOptions, type INode, type INodeTypes } from 'n8n-workflow';
import { AlipayApi } from '../../credentials/AlipayApi.credentials';
import { endpointPath, loadPublicKey, REGION_HOSTS, resolveGateway, verifyMessage, type GatewaySettings } from '../../nodes/Alipay/core';
import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { probeCredential } from '../helpers/n8n';
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

describe("credential test: the credential's probe", () => {
	it('correct keys pass: the gateway answers the probe inquiry with ORDER_NOT_EXIST, which proves the signature was accepted', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim));
		expect(result).toEqual({ status: 'OK' });
		const { requests } = await sim.control<{ requests: Array<{ path: string; resultCode: string }> }>(
			'GET',
			'/_sim/requests',
		);
		expect(requests).toHaveLength(1);
		expect(requests[0]).toMatchObject({ path: '/ams/sandbox/api/v1/payments/inquiryPayment', resultCode: 'ORDER_NOT_EXIST' });
	});

	it('the probe goes to the production path when Environment is Production', async () => {
		await probeCredential(credential, simulatorCredentials(sim, { environment: 'production' }));
		const { requests } = await sim.control<{ requests: Array<{ path: string }> }>('GET', '/_sim/requests');
		expect(requests[0].path).toBe('/ams/api/v1/payments/inquiryPayment');
	});

	it('a wrong private key fails with a message that names Merchant Private Key', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { privateKey: strangerPrivate }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/signature/i);
		expect(result.message).toContain('Merchant Private Key');
	});

	it('an unknown client ID fails with a message that names Client ID', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { clientId: 'SANDBOX_5YUNKNOWN000000' }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Client ID');
		expect(result.message).not.toContain('Merchant Private Key');
	});

	it('a probe answered with either spelling of a renamed code fails with the same message naming the field', () => {
		const messageFor = (value: string) =>
			credential.test.rules?.find((rule) => (rule.properties as { value: string }).value === value)?.properties
				.message;
		expect(messageFor('SIGNATURE_INVALID')).toContain('Merchant Private Key');
		expect(messageFor('SIGNATURE_INVALID')).toBe(messageFor('INVALID_SIGNATURE'));
		expect(messageFor('INVALID_CLIENT')).toContain('Client ID');
		expect(messageFor('INVALID_CLIENT')).toBe(messageFor('CLIENT_INVALID'));
		expect(messageFor('KEY_NOT_FOUND')).toContain('Key Version');
	});

	it('your own public key pasted as Alipay Public Key fails with its own message, before any request', async () => {
		const result = await probeCredential(
			credential,
			simulatorCredentials(sim, { alipayPublicKey: TEST_KEYS.merchantPublic }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Alipay Public Key');
		expect(result.message).toMatch(/your own merchant public key/);
		expect(await requestCount()).toBe(0);
	});

	it('a private key pasted as Alipay Public Key fails before any request, without echoing the key', async () => {
		const result = await probeCredential(
			credential,
			simulatorCredentials(sim, { alipayPublicKey: TEST_KEYS.alipayPrivate }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Alipay Public Key holds a private key');
		expect(result.message).not.toContain(TEST_KEYS.alipayPrivate.slice(20, 60));
		expect(await requestCount()).toBe(0);
	});

	it('a private key cut off while copying fails before any request', async () => {
		const result = await probeCredential(
			credential,
			simulatorCredentials(sim, { privateKey: TEST_KEYS.merchantPrivate.slice(0, 40) }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Merchant Private Key is not a valid RSA key');
		expect(await requestCount()).toBe(0);
	});
});

describe('the credential test proves both keys, and names the field to fix', () => {
	/** A server that is not Alipay's gateway, answering every request the same way. */
	async function impostor(status: number, headers: Record<string, string>, body: string): Promise<{ url: string; close(): Promise<void> }> {
		const server = createServer((_, res) => {
			res.writeHead(status, headers);
			res.end(body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return {
			url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
			close: () => new Promise<void>((resolve) => server.close(() => resolve())),
		};
	}
	const strangerPublic = stranger.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

	it('a wrong Alipay Public Key fails, though the gateway accepted the request', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { alipayPublicKey: strangerPublic }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Alipay Public Key: the gateway's answer is signed, but not with this key/);
	});

	it.each([
		['an HTML page', 200, { 'content-type': 'text/html' }, '<html><body>It works!</body></html>', /^Custom Base URL: the answer is not signed/],
		[
			'unsigned JSON that looks like Alipay’s answer',
			200,
			{ 'content-type': 'application/json' },
			'{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"The order does not exist."}}',
			/^Custom Base URL: the answer is not signed/,
		],
		['a 404 page', 404, { 'content-type': 'text/plain' }, 'Not Found', /^Custom Base URL: the address answered HTTP 404/],
		[
			'a half-signed answer',
			200,
			{ 'content-type': 'application/json', 'response-time': '2026-11-29T12:00:00+08:00' },
			'{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F"}}',
			/^Custom Base URL: the answer's signature is broken/,
		],
	])('a server that is not Alipay (%s) fails the test', async (_, status, headers, body, message) => {
		const server = await impostor(status, headers, body);
		try {
			const result = await probeCredential(credential, simulatorCredentials(sim, { customBaseUrl: server.url }));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(message);
		} finally {
			await server.close();
		}
	});

	it('a rejected signature names Merchant Private Key and Key Version', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { privateKey: strangerPrivate }));
		expect(result.message).toMatch(/^Merchant Private Key: Alipay rejected the signature/);
		expect(result.message).toContain('Key Version');
	});

	it('a key version Alipay does not have names Key Version', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { keyVersion: 7 }));
		expect(result.message).toMatch(/^Key Version: /);
	});

	it('an unknown client ID names Client ID', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { clientId: 'SANDBOX_5YUNKNOWN000000' }));
		expect(result.message).toMatch(/^Client ID: /);
	});

	it('plain http to another machine fails with the reason, and nothing is sent', async () => {
		const result = await probeCredential(credential, simulatorCredentials(sim, { customBaseUrl: 'http://192.0.2.10:8787' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Custom Base URL: The custom base URL uses plain http to a host that is not this machine/);
	});

	it('a private key damaged in copying fails before anything is sent', async () => {
		const key = TEST_KEYS.merchantPrivate;
		const damaged = key.slice(0, 100) + (key[100] === 'A' ? 'B' : 'A') + key.slice(101);
		const result = await probeCredential(credential, simulatorCredentials(sim, { privateKey: damaged }));
		expect(result.message).toMatch(/^Merchant Private Key is damaged/);
		expect(await requestCount()).toBe(0);
	});

	it('the probe goes where the node’s requests go, Custom Base URL prefix included', async () => {
		const seen: string[] = [];
		const server = createServer((req, res) => {
			seen.push(req.url ?? '');
			res.writeHead(404);
			res.end();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const port = (server.address() as { port: number }).port;
			await probeCredential(credential, simulatorCredentials(sim, { customBaseUrl: `http://127.0.0.1:${port}/alipay-proxy/` }));
			expect(seen[0]).toBe('/alipay-proxy/ams/sandbox/api/v1/payments/inquiryPayment');
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
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

	it("signs the exact body string it sends, over the path Alipay receives (the proxy's base URL prefix removed)", async () => {
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

	it('serialises an object body once and signs that same string', async () => {
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

	it('puts Key Version into the signature header', async () => {
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

	// The declarative request can only be expressions; these pin them to the node's own resolution
	// (resolveGateway, whose checks the probe has already applied before this request is sent).
	const settings: Array<Omit<GatewaySettings, 'clientId'>> = [
		...Object.keys(REGION_HOSTS).flatMap((region) =>
			(['sandbox', 'production'] as const).map((environment) => ({ region: region as GatewaySettings['region'], environment })),
		),
		{ region: 'custom', customBaseUrl: ' http://127.0.0.1:8787/ ', environment: 'sandbox' },
		{ region: 'custom', customBaseUrl: 'https://proxy.example.com/alipay//', environment: 'production' },
		{ region: 'custom', customBaseUrl: 'http://[::1]:8787', environment: 'sandbox' },
	];

	it.each(settings)('sends the probe where the node sends its requests: %o', (setting) => {
		const resolved = resolveGateway({ clientId: 'SANDBOX_X', ...setting });
		const credentials = { gateway: setting.region, customBaseUrl: setting.customBaseUrl, environment: setting.environment };
		expect(resolve(request.baseURL!, credentials)).toBe(resolved.baseUrl);
		expect(resolve(request.url!, credentials)).toBe(endpointPath('inquiryPayment', resolved.sandbox));
	});
});

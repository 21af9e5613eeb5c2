import { generateKeyPairSync } from 'node:crypto';
import { parseAlipayTime } from '../../../../nodes/Alipay/core';
import { AlipayTrigger } from '../../../../nodes/Alipay/AlipayTrigger.node';
import { TEST_KEYS } from '../../../helpers/keys';
import { paymentBody, signed, useClockAt, vector, vectorHeaders } from './signed';
import { startWebhookHost, TEST_CREDENTIALS, type HostOptions, type WebhookHost } from './webhook-host';

/** Byte for byte the answer Alipay documents as "received"; every acknowledgement below is compared with it. */
const EXACT_ACK = '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}';
const payment = vector('notify-payment');
const registration = vector('notify-registration-query');
// Alipay's clock when it signed the payment vector; the registration vector was signed an hour later.
const clock = useClockAt(parseAlipayTime(payment.time)!);

let host: WebhookHost | undefined;

async function start(options: HostOptions = {}): Promise<WebhookHost> {
	host = await startWebhookHost(options);
	return host;
}
afterEach(async () => {
	await host?.close();
	host = undefined;
});

function expectAck(response: { status: number; contentType?: string; body: Buffer }) {
	expect(response.status).toBe(200);
	expect(response.contentType).toBe('application/json; charset=UTF-8');
	expect(response.body.toString('utf8')).toBe(EXACT_ACK);
}

describe('Alipay Trigger: accepting notifications', () => {
	it('the signed payment notification vector is acknowledged exactly and starts one execution', async () => {
		const h = await start();
		const response = await h.post(payment.path, vectorHeaders(payment), payment.body);
		expectAck(response);
		expect(h.executions).toHaveLength(1);
		const [item] = h.executions[0].items;
		expect(item).toMatchObject({
			kind: 'payment',
			event: 'paymentSucceeded',
			status: 'SUCCESS',
			paymentId: '20261129194010800100188000000000001',
			paymentRequestId: 'PAY-20261129-0001',
			notifyType: 'PAYMENT_RESULT',
			paymentStatus: 'SUCCESS',
			paymentResultCode: 'SUCCESS',
			amount: '12.50',
			amountMinor: '1250',
			currency: 'SGD',
			paymentTime: '2026-11-29T12:03:09+08:00',
			notificationKey: 'payment:20261129194010800100188000000000001:SUCCESS',
			identity: {
				kind: 'payment',
				paymentId: '20261129194010800100188000000000001',
				paymentRequestId: 'PAY-20261129-0001',
				status: 'SUCCESS',
			},
			receivedOn: 'payment',
			headers: { 'client-id': payment.clientId, 'request-time': payment.time },
			rawBody: payment.body,
			body: JSON.parse(payment.body),
		});
	});

	it('the registration vector, signed over a path with a query string, is acknowledged and starts one execution', async () => {
		const h = await start();
		const response = await h.post(registration.path, vectorHeaders(registration), registration.body);
		expectAck(response);
		expect(h.executions).toHaveLength(1);
		expect(h.executions[0].items[0]).toMatchObject({
			kind: 'registration',
			event: 'registrationApproved',
			status: 'APPROVED',
			registrationRequestId: 'REG-0001',
			registrationStatus: 'APPROVED',
			notificationKey: 'registration:REG-0001:APPROVED',
			identity: { kind: 'registration', registrationRequestId: 'REG-0001', status: 'APPROVED' },
		});
	});

	it('the output never carries the signature value', async () => {
		const h = await start();
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(JSON.stringify(h.executions[0].items)).not.toContain(payment.signatureBase64.slice(0, 40));
	});

	it('test URLs (/webhook-test/) are verified against their own path and start an execution', async () => {
		const h = await start();
		const path = '/webhook-test/alipay/payment';
		const { headers, body } = signed(path, paymentBody('TEST-URL-1'));
		expectAck(await h.post(path, headers, body));
		expect(h.executions.map((e) => e.mode)).toEqual(['manual']);
	});

	it('behind a path-rewriting proxy, the configured public path is the one verified', async () => {
		const h = await start({ parameters: { options: { paymentSignedPath: '/shop/alipay/notify' } } });
		const { headers, body } = signed('/shop/alipay/notify?store=7', paymentBody('PROXY-1'));
		expectAck(await h.post('/webhook/alipay/payment?store=7', headers, body));
		expect(h.executions).toHaveLength(1);
	});

	it('a fresh notification passes the maximum-age check', async () => {
		const h = await start({ parameters: { options: { maxAgeSeconds: 300 } } });
		const { headers, body } = signed('/webhook/alipay/payment', paymentBody('FRESH-1'));
		expectAck(await h.post('/webhook/alipay/payment', headers, body));
		expect(h.executions).toHaveLength(1);
	});

	it('the output keeps only headers the signature covers: a key version anyone could rewrite is not passed on', async () => {
		const h = await start();
		const headers = { ...vectorHeaders(payment), signature: vectorHeaders(payment).signature.replace('keyVersion=1', 'keyVersion=99') };
		expectAck(await h.post(payment.path, headers, payment.body));
		const [item] = h.executions[0].items;
		expect(item.headers).toEqual({ 'client-id': payment.clientId, 'request-time': payment.time });
		expect(JSON.stringify(item)).not.toContain('"99"');
	});
});

describe('Alipay Trigger: rejecting what does not verify', () => {
	const otherAlipayKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
		.publicKey.export({ format: 'der', type: 'spki' })
		.toString('base64');
	const headers = vectorHeaders(payment);
	const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
	const flipped = payment.body.replace('"1250"', '"1251"');

	const cases: Array<{
		name: string;
		reason: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string;
		host?: HostOptions;
		laterSeconds?: number;
	}> = [
		{ name: 'one body byte changed', reason: 'bad-signature', body: flipped },
		{ name: 'request-time changed', reason: 'bad-signature', headers: { ...headers, 'request-time': '2026-11-29T12:03:11+08:00' } },
		{ name: 'path changed (query added)', reason: 'bad-signature', path: `${payment.path}?tenant=x` },
		{ name: 'client-id header changed', reason: 'client-mismatch', headers: { ...headers, 'client-id': 'SANDBOX_5YTEST0000000002' } },
		{
			name: 'credential for another client ID',
			reason: 'client-mismatch',
			host: { credentials: { ...TEST_CREDENTIALS, clientId: 'SANDBOX_5YTEST0000000002' } },
		},
		{ name: 'a different Alipay public key', reason: 'bad-signature', host: { credentials: { ...TEST_CREDENTIALS, alipayPublicKey: otherAlipayKey } } },
		{
			name: 'algorithm other than RSA256',
			reason: 'unsupported-algorithm',
			headers: { ...headers, signature: payment.signatureHeader.replace('algorithm=RSA256', 'algorithm=RSA') },
		},
		{
			name: 'truncated signature',
			reason: 'bad-signature',
			headers: { ...headers, signature: payment.signatureHeader.slice(0, -20) },
		},
		{ name: 'missing signature header', reason: 'missing-header', headers: without('signature') },
		{ name: 'missing client-id header', reason: 'missing-header', headers: without('client-id') },
		{ name: 'missing request-time header', reason: 'missing-header', headers: without('request-time') },
		{ name: 'request-time older than the maximum age', reason: 'stale', host: { parameters: { options: { maxAgeSeconds: 300 } } }, laterSeconds: 301 },
		{
			name: 'a proxy path configured but Alipay signed the n8n path',
			reason: 'bad-signature',
			host: { parameters: { options: { paymentSignedPath: '/shop/alipay/notify' } } },
		},
	];

	it.each(cases)('$name → 401 ($reason), no execution, nothing remembered', async (c) => {
		const h = await start(c.host);
		clock.shift(c.laterSeconds ?? 0);
		const response = await h.post(c.path ?? payment.path, c.headers ?? headers, c.body ?? payment.body);
		expect(response.status).toBe(401);
		expect(response.contentType).toBe('application/json; charset=UTF-8');
		const answer = JSON.parse(response.body.toString('utf8')) as { reason: string; detail: string };
		expect(answer.reason).toBe(c.reason);
		expect(response.body.toString('utf8')).not.toContain(payment.signatureBase64.slice(0, 40));
		expect(h.executions).toHaveLength(0);
		expect(h.staticData()).toEqual({});
		expect(h.warnings).toEqual([expect.stringContaining(c.reason)]);
		expect(h.warnings.join()).not.toContain(payment.signatureBase64.slice(0, 40));
	});

	it('a signed body that is not a JSON object is refused with 400 and starts nothing', async () => {
		const h = await start();
		const { headers: signedHeaders, body } = signed('/webhook/alipay/payment', '["PAYMENT_RESULT"]');
		const response = await h.post('/webhook/alipay/payment', signedHeaders, body);
		expect(response.status).toBe(400);
		expect(h.executions).toHaveLength(0);
	});

	it("a credential holding the merchant's own public key fails the execution with the fix", async () => {
		const h = await start({ credentials: { ...TEST_CREDENTIALS, alipayPublicKey: TEST_KEYS.merchantPublic } });
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(h.executions).toHaveLength(0);
		const [error] = h.errors;
		expect(`${error.message} ${error.description ?? ''}`).toMatch(/Alipay Public Key/);
	});
});

describe('Alipay Trigger: replays', () => {
	const RESENDS_END = (2 + 10 + 10 + 60 + 120 + 360 + 900) * 60; // Alipay's last resend, 24 h 22 min after the first
	const DAY_AND_AN_HOUR = 25 * 3600 + 1;

	it('the last of Alipay’s resends, carrying the original request-time, still passes the default age limit', async () => {
		const h = await start();
		clock.shift(RESENDS_END);
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expect(h.executions).toHaveLength(1);
	});

	it('a captured notification replayed after 25 hours, when Skip Duplicates has forgotten it, is refused', async () => {
		const h = await start();
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		clock.shift(DAY_AND_AN_HOUR);
		const replay = await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(replay.status).toBe(401);
		expect(JSON.parse(replay.body.toString('utf8'))).toMatchObject({ reason: 'stale' });
		expect(h.executions).toHaveLength(1);
	});

	it('in After the Workflow Succeeds mode, which never skips duplicates, a replay after 25 hours is refused', async () => {
		const h = await start({ parameters: { acknowledge: 'afterWorkflowSucceeds' } });
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(h.executions).toHaveLength(1);
		clock.shift(DAY_AND_AN_HOUR);
		expect((await h.post(payment.path, vectorHeaders(payment), payment.body)).status).toBe(401);
		expect(h.executions).toHaveLength(1);
	});

	it('a notification captured from a Test URL and replayed there after 25 hours is refused', async () => {
		const h = await start();
		const { headers, body } = signed('/webhook-test/alipay/payment', paymentBody('TEST-URL-1'), { time: payment.time });
		expectAck(await h.post('/webhook-test/alipay/payment', headers, body));
		clock.shift(DAY_AND_AN_HOUR);
		expect((await h.post('/webhook-test/alipay/payment', headers, body)).status).toBe(401);
		expect(h.executions).toHaveLength(1);
	});

	it('Maximum Age 0 turns the limit off', async () => {
		const h = await start({ parameters: { options: { maxAgeSeconds: 0 } } });
		clock.shift(30 * 24 * 3600);
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expect(h.executions).toHaveLength(1);
	});
});

describe('Alipay Trigger: a credential that cannot be used', () => {
	it('an empty Custom Base URL fails the execution naming the field as the credential form shows it', async () => {
		const h = await start({ credentials: { ...TEST_CREDENTIALS, gateway: 'custom', customBaseUrl: ' ' } });
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(h.executions).toHaveLength(0);
		const [error] = h.errors;
		expect(error.message).toBe('Custom Base URL is required when Gateway is Custom Base URL');
		expect(error.description).toMatch(/Enter the origin.* Alipay field: customBaseUrl\.$/);
	});
});

describe('Alipay Trigger: event filter', () => {
	it('a notification for an unselected event is acknowledged exactly and starts nothing', async () => {
		const h = await start({ parameters: { events: ['paymentFailed'] } });
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expect(h.executions).toHaveLength(0);
	});

	it('a failed payment starts the workflow when Payment Failed is selected', async () => {
		const h = await start({ parameters: { events: ['paymentFailed'] } });
		const { headers, body } = signed('/webhook/alipay/payment', paymentBody('FAILED-1', 'F'));
		expectAck(await h.post('/webhook/alipay/payment', headers, body));
		expect(h.executions[0].items[0]).toMatchObject({
			event: 'paymentFailed',
			status: 'FAIL',
			paymentStatus: 'FAIL',
			paymentResultCode: 'USER_BALANCE_NOT_ENOUGH',
		});
		expect(h.executions[0].items[0]).not.toHaveProperty('amount');
	});

	it('a pending registration is filtered out by default and starts the workflow when Registration Other is selected', async () => {
		const pending = { registrationRequestId: 'REG-9', registrationResult: { registrationStatus: 'PENDING' } };
		const { headers, body } = signed('/webhook/alipay/registration', pending);
		const byDefault = await start();
		expectAck(await byDefault.post('/webhook/alipay/registration', headers, body));
		expect(byDefault.executions).toHaveLength(0);
		await byDefault.close();
		const withOther = await start({ parameters: { events: ['registrationOther'] } });
		expectAck(await withOther.post('/webhook/alipay/registration', headers, body));
		expect(withOther.executions[0].items[0]).toMatchObject({ event: 'registrationOther', status: 'PENDING' });
	});
});

describe('Alipay Trigger: duplicates', () => {
	it('a redelivered notification is acknowledged again but starts no second execution', async () => {
		const h = await start();
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expect(h.executions).toHaveLength(1);
		const remembered = Object.values(h.staticData()) as Array<{ alipayNotificationsSeen: unknown[] }>;
		expect(remembered[0].alipayNotificationsSeen).toHaveLength(1);
	});

	it('the memory holds digests only, never payment IDs', async () => {
		const h = await start();
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(JSON.stringify(h.staticData())).not.toContain('20261129194010800100188000000000001');
	});

	it('the same payment with a new status is not a duplicate', async () => {
		const h = await start({ parameters: { events: ['paymentSucceeded', 'paymentOther'] } });
		const pending = signed('/webhook/alipay/payment', paymentBody('P-1', 'S', { notifyType: 'PAYMENT_PENDING' }));
		const final = signed('/webhook/alipay/payment', paymentBody('P-1', 'S'));
		await h.post('/webhook/alipay/payment', pending.headers, pending.body);
		await h.post('/webhook/alipay/payment', final.headers, final.body);
		expect(h.executions.map((e) => e.items[0].status)).toEqual(['PENDING', 'SUCCESS']);
	});

	it('a redelivery with a new request-time and signature is still a duplicate', async () => {
		const h = await start();
		const first = signed('/webhook/alipay/payment', paymentBody('P-2'), { time: '2026-11-29T12:00:00+08:00' });
		const resend = signed('/webhook/alipay/payment', paymentBody('P-2'), { time: '2026-11-29T12:02:00+08:00' });
		await h.post('/webhook/alipay/payment', first.headers, first.body);
		expectAck(await h.post('/webhook/alipay/payment', resend.headers, resend.body));
		expect(h.executions).toHaveLength(1);
	});

	it('with Skip Duplicates off, every delivery starts an execution and nothing is stored', async () => {
		const h = await start({ parameters: { skipDuplicates: false } });
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expect(h.executions).toHaveLength(2);
		expect(h.staticData()).toEqual({});
	});

	it('test URLs never deduplicate, so a test notification can be resent', async () => {
		const h = await start();
		const path = '/webhook-test/alipay/payment';
		const { headers, body } = signed(path, paymentBody('TEST-2'));
		await h.post(path, headers, body);
		await h.post(path, headers, body);
		expect(h.executions).toHaveLength(2);
	});
});

describe('Alipay Trigger: acknowledge after the workflow succeeds', () => {
	// n8n then answers with the last node's first item's field named by the webhook description
	// (responseMode lastNode, responsePropertyName): asserted against a real n8n in test/e2e/35-acknowledge.
	const afterSuccess = { acknowledge: 'afterWorkflowSucceeds' };

	it("the trigger answers nothing itself and starts the run with Alipay's exact acknowledgement in the field n8n answers with", async () => {
		const h = await start({ parameters: afterSuccess });
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(h.executions).toHaveLength(1);
		expect(h.executions[0].answered).toBe(false);
		for (const webhook of new AlipayTrigger().description.webhooks ?? []) {
			expect(webhook.responseContentType).toBe('application/json');
			const field = webhook.responsePropertyName as string;
			expect(JSON.stringify(h.executions[0].items[0][field])).toBe(EXACT_ACK);
		}
	});

	it('acknowledging after success wins over deduplication: a resend runs again and nothing is remembered', async () => {
		const h = await start({ parameters: { ...afterSuccess, skipDuplicates: true } });
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		await h.post(payment.path, vectorHeaders(payment), payment.body);
		expect(h.executions).toHaveLength(2);
		expect(h.staticData()).toEqual({});
	});

	it('filtered-out notifications are still acknowledged at once, without a run', async () => {
		const h = await start({ parameters: { ...afterSuccess, events: ['paymentFailed'] } });
		expectAck(await h.post(payment.path, vectorHeaders(payment), payment.body));
		expect(h.executions).toHaveLength(0);
	});
});

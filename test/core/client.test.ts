import {
	AlipayClient,
	AlipayResultError,
	AlipaySignatureError,
	AlipayTransportError,
	AlipayUnknownResultError,
	AlipayValidationError,
	formatIsoWithOffset,
	loadPrivateKey,
	loadPublicKey,
	verifyIncoming,
	type OutgoingRequest,
	type RawResponse,
	Throttle,
	type RequestOf,
	type RetryPolicy,
} from '../../nodes/Alipay/core';
import { samplePayRequest } from '../../simulator/samples';
import { signResponse } from '../../simulator/signing';
import { TEST_CLIENT_ID, TEST_KEYS } from '../helpers/keys';
import { signedSend } from '../helpers/signedSend';

const alipayPrivate = loadPrivateKey(TEST_KEYS.alipayPrivate);
const merchantPublic = loadPublicKey(TEST_KEYS.merchantPublic);

type Reply =
	| { status?: number; body: object | string; sign?: boolean | 'signature-only'; tamper?: boolean; headers?: Record<string, string>; time?: string }
	| Error;

/** A scripted gateway: answers each attempt with the next reply, signing like Alipay. */
function gateway(...replies: Reply[]) {
	const requests: OutgoingRequest[] = [];
	const send = async (request: OutgoingRequest): Promise<RawResponse> => {
		requests.push(request);
		const reply = replies[Math.min(requests.length, replies.length) - 1];
		if (reply instanceof Error) throw reply;
		const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
		let headers: Record<string, string> = {};
		if (reply.sign !== false) {
			headers = signResponse({ path: request.path, clientId: TEST_CLIENT_ID, body, time: reply.time ?? formatIsoWithOffset(new Date(), 480), privateKey: alipayPrivate });
			if (reply.sign === 'signature-only') delete headers['response-time'];
		}
		return { status: reply.status ?? 200, headers: { ...headers, ...reply.headers }, body: reply.tamper ? body.replace('1450', '1451') : body };
	};
	return { send, requests };
}

const ok = (extra: object = {}) => ({ result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' }, ...extra });
const result = (resultCode: string, resultStatus: 'F' | 'U') => ({ result: { resultCode, resultStatus, resultMessage: resultCode.toLowerCase() } });

function client(send: (r: OutgoingRequest) => Promise<RawResponse>, sleeps: number[] = [], signs = true) {
	return new AlipayClient({
		clientId: TEST_CLIENT_ID,
		alipayPublicKey: TEST_KEYS.alipayPublic,
		baseUrl: 'http://gateway.test',
		sandbox: true,
		send: signs ? signedSend(send) : send,
		sleep: async (ms) => {
			sleeps.push(ms);
		},
	});
}

const refund: RequestOf<'refund'> = {
	refundRequestId: 'RF-1',
	paymentId: '2026112900001',
	refundAmount: { currency: 'SGD', value: '1450' },
	refundReason: 'café fermé',
};

function payRequest(): RequestOf<'pay'> {
	return samplePayRequest('PAY-1', 'https://n8n.example.com/webhook/x/payment') as unknown as RequestOf<'pay'>;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected a rejection');
}

describe('AlipayClient', () => {
	it('signs the exact bytes it sends, on the sandbox path', async () => {
		const { send, requests } = gateway({ body: ok({ refundId: 'R' }) });
		const outcome = await client(send).call('refund', refund);
		const [sent] = requests;
		expect(sent.url).toBe('http://gateway.test/ams/sandbox/api/v1/payments/refund');
		expect(sent.body).toBe(JSON.stringify(refund));
		expect(verifyIncoming({ path: sent.path, headers: sent.headers, body: sent.body, publicKey: merchantPublic, expectedClientId: TEST_CLIENT_ID }).ok).toBe(true);
		expect(outcome).toMatchObject({ signed: true, attempts: 1, response: { refundId: 'R' }, result: { status: 'S' } });
	});

	it('sends the body with its content type only: signing is the transport\'s', async () => {
		const { send, requests } = gateway({ body: ok() });
		await client(send, [], false).call('inquiryRefund', { refundRequestId: 'RF-1' });
		expect(requests[0].headers).toEqual({ 'Content-Type': 'application/json; charset=UTF-8' });
	});

	it('retries U, network failures and HTTP 503 with the same body, then returns the success', async () => {
		const sleeps: number[] = [];
		const { send, requests } = gateway(new Error('socket hang up'), { status: 503, body: 'busy', sign: false }, { body: ok() });
		const outcome = await new AlipayClient({
			clientId: TEST_CLIENT_ID,
			alipayPublicKey: TEST_KEYS.alipayPublic,
			baseUrl: 'http://gateway.test',
			sandbox: false,
			send: signedSend(send),
			retry: { attempts: 4, delaysMs: [10, 20] },
			sleep: async (ms) => void sleeps.push(ms),
		}).call('refund', refund);
		expect(outcome.attempts).toBe(3);
		expect(new Set(requests.map((r) => r.body)).size).toBe(1);
		expect(sleeps).toEqual([10, 20]);
	});

	it('gives up after the retry budget with an unknown outcome that names the request ID to reuse', async () => {
		const sleeps: number[] = [];
		const { send, requests } = gateway({ body: result('UNKNOWN_EXCEPTION', 'U') });
		const error = (await rejection(client(send, sleeps).call('refund', refund))) as AlipayUnknownResultError;
		expect(error).toBeInstanceOf(AlipayUnknownResultError);
		expect(requests).toHaveLength(3);
		expect(sleeps).toEqual([1000, 2000]);
		expect(error).toMatchObject({ requestId: 'RF-1', attempts: 3, resultCode: 'UNKNOWN_EXCEPTION' });
		expect(error.hint).toMatch(/same refundRequestId \(RF-1\)/);
	});

	it('does not resend PAYMENT_IN_PROCESS, whose remedy is to inquire', async () => {
		const { send, requests } = gateway({ body: result('PAYMENT_IN_PROCESS', 'U') });
		const error = await rejection(client(send).call('inquiryPayment', { paymentId: 'P' }));
		expect(error).toBeInstanceOf(AlipayUnknownResultError);
		expect(requests).toHaveLength(1);
	});

	it('throws F as a final result error with a fix, without retrying', async () => {
		const { send, requests } = gateway({ body: result('REFUND_AMOUNT_EXCEED', 'F') });
		const error = (await rejection(client(send).call('refund', refund))) as AlipayResultError;
		expect(error).toBeInstanceOf(AlipayResultError);
		expect(error.message).toBe('Alipay refused refund: REFUND_AMOUNT_EXCEED (refund_amount_exceed)');
		expect(error.hint).toMatch(/remaining amount/);
		expect(error).toMatchObject({ endpoint: 'refund', requestId: 'RF-1', path: '/ams/sandbox/api/v1/payments/refund' });
		expect(requests).toHaveLength(1);
	});

	it('reports an unsigned F as outcome unknown, keeping its code and fix: anyone between could have written it', async () => {
		const { send, requests } = gateway({ body: result('SIGNATURE_INVALID', 'F'), sign: false });
		const error = (await rejection(client(send).call('refund', refund))) as AlipayUnknownResultError;
		expect(error).toBeInstanceOf(AlipayUnknownResultError);
		expect(error).toMatchObject({ resultCode: 'SIGNATURE_INVALID', resultStatus: 'F', requestId: 'RF-1' });
		expect(error.hint).toMatch(/Merchant Private Key does not match/);
		expect(error.hint).toMatch(/same refundRequestId \(RF-1\), or Get its status/);
		expect(requests).toHaveLength(1);
	});

	it.each([520, 521, 522, 523, 524, 599])(
		'reports HTTP %i (a server error outside the retry list) as outcome unknown, naming the request ID',
		async (status) => {
			const { send, requests } = gateway({ status, body: 'origin error', sign: false });
			const error = (await rejection(client(send).call('refund', refund))) as AlipayUnknownResultError;
			expect(error).toBeInstanceOf(AlipayUnknownResultError);
			expect(error.message).toContain(`HTTP ${status}`);
			expect(error.hint).toMatch(/same refundRequestId \(RF-1\)/);
			expect(requests).toHaveLength(1);
		},
	);

	describe('binds every signed answer to its request', () => {
		it.each([
			['another refundRequestId', ok({ refundRequestId: 'RF-2', paymentId: refund.paymentId })],
			['another paymentId', ok({ refundRequestId: 'RF-1', paymentId: '2026112900999' })],
			['another amount', ok({ refundRequestId: 'RF-1', refundAmount: { currency: 'SGD', value: '1451' } })],
		])('a validly signed success about %s is outcome unknown, never success', async (_name, body) => {
			const { send, requests } = gateway({ body });
			const error = (await rejection(client(send).call('refund', refund))) as AlipayUnknownResultError;
			expect(error).toBeInstanceOf(AlipayUnknownResultError);
			expect(error.message).toMatch(/does not belong to this request/);
			expect(error.hint).toMatch(/same refundRequestId \(RF-1\)/);
			// The same request is asked again: with the same ID, Alipay can only answer about this refund.
			expect(requests).toHaveLength(3);
		});

		it('a signed refusal about another request is outcome unknown, never a final refusal', async () => {
			const { send } = gateway({ body: { ...result('ORDER_NOT_EXIST', 'F'), paymentId: 'OTHER' } });
			const error = await rejection(client(send).call('inquiryPayment', { paymentId: 'P' }));
			expect(error).toBeInstanceOf(AlipayUnknownResultError);
		});

		it.each([
			['pay', { paymentRequestId: 'OTHER' }],
			['inquiryPayment', { paymentId: 'OTHER' }],
			['cancel', { paymentId: 'OTHER' }],
			['inquiryRefund', { refundRequestId: 'OTHER' }],
			['inquiryRegistrationInfo', { merchantInfo: { referenceMerchantId: 'OTHER' } }],
		] as const)('%s: an answer echoing another ID is refused', async (endpoint, echoed) => {
			const requests: Record<string, object> = {
				pay: payRequest(),
				inquiryPayment: { paymentId: 'P' },
				cancel: { paymentId: 'P' },
				inquiryRefund: { refundRequestId: 'RF-1' },
				inquiryRegistrationInfo: { referenceMerchantId: 'M-1' },
			};
			const { send } = gateway({ body: ok(echoed) });
			const error = await rejection(client(send).call(endpoint, requests[endpoint] as never));
			expect(error).toBeInstanceOf(AlipayUnknownResultError);
		});

		it('an answer dated well before the request (a replay) is outcome unknown; a gateway clock ahead is fine', async () => {
			const months = formatIsoWithOffset(new Date(Date.now() - 90 * 86_400_000), 480);
			const stale = gateway({ body: ok({ refundRequestId: 'RF-1' }), time: months });
			const error = await rejection(client(stale.send).call('refund', refund));
			expect(error).toBeInstanceOf(AlipayUnknownResultError);
			expect(error.message).toMatch(/old answer/);
			const ahead = gateway({ body: ok({ refundRequestId: 'RF-1' }), time: formatIsoWithOffset(new Date(Date.now() + 3 * 3_600_000), -420) });
			await expect(client(ahead.send).call('refund', refund)).resolves.toMatchObject({ result: { status: 'S' } });
		});

		it('an answer echoing the same IDs (leading zeros in an amount aside) is accepted', async () => {
			const { send } = gateway({ body: ok({ refundRequestId: 'RF-1', paymentId: refund.paymentId, refundAmount: { currency: 'sgd', value: '01450' } }) });
			await expect(client(send).call('refund', refund)).resolves.toMatchObject({ attempts: 1 });
		});
	});

	it.each([
		['an unsigned success', { body: ok(), sign: false }, 'missing-header'],
		['a success whose body was altered', { body: ok({ amount: '1450' }), tamper: true }, 'bad-signature'],
		['a success with a signature but no response-time', { body: ok(), sign: 'signature-only' as const }, 'malformed-header'],
	])('refuses %s', async (_name, reply, reason) => {
		const { send, requests } = gateway(reply);
		const error = (await rejection(client(send).call('refund', refund))) as AlipaySignatureError;
		expect(error).toBeInstanceOf(AlipaySignatureError);
		expect(error.reason).toBe(reason);
		expect(error).toMatchObject({ endpoint: 'refund', requestId: 'RF-1' });
		expect(requests).toHaveLength(1);
	});

	it('does not retry an HTTP 404 (refused on the way, never processed) and says to check the gateway URL', async () => {
		const { send, requests } = gateway({ status: 404, body: 'not found', sign: false });
		const error = (await rejection(client(send).call('refund', refund))) as AlipayTransportError;
		expect(error).toBeInstanceOf(AlipayTransportError);
		expect(error).toMatchObject({ httpStatus: 404, retryable: false });
		expect(error.hint).toMatch(/Custom Base URL/);
		expect(requests).toHaveLength(1);
	});

	it('treats a 200 that is not JSON as unknown and retries it', async () => {
		const { send, requests } = gateway({ body: '<html>proxy</html>', sign: false }, { body: ok() });
		await client(send).call('refund', refund);
		expect(requests).toHaveLength(2);
	});

	it('refuses an invalid request before sending anything', async () => {
		const { send, requests } = gateway({ body: ok() });
		const error = await rejection(client(send).call('refund', { ...refund, refundAmount: { currency: 'SGD', value: '14.50' } }));
		expect(error).toBeInstanceOf(AlipayValidationError);
		expect(error.message).toMatch(/^refundAmount.value must be an integer string/);
		expect(requests).toHaveLength(0);
	});
});

describe('AlipayClient under a rate limit', () => {
	/** A clock that only the injected sleep moves: no test waits on wall time. Whole seconds, as HTTP dates are. */
	function fakeTime(start = Math.floor(Date.now() / 1000) * 1000) {
		const time = { now: start, sleeps: [] as number[] };
		jest.spyOn(Date, 'now').mockImplementation(() => time.now);
		return {
			time,
			sleep: async (ms: number) => {
				time.sleeps.push(ms);
				time.now += ms;
			},
		};
	}
	afterEach(() => jest.restoreAllMocks());

	function throttledClient(
		send: (r: OutgoingRequest) => Promise<RawResponse>,
		clock: ReturnType<typeof fakeTime>,
		retry: Partial<RetryPolicy> = {},
		throttle?: Throttle,
	) {
		return new AlipayClient({
			clientId: TEST_CLIENT_ID,
			alipayPublicKey: TEST_KEYS.alipayPublic,
			baseUrl: 'http://gateway.test',
			sandbox: true,
			send: signedSend(send),
			sleep: clock.sleep,
			retry: { attempts: 3, delaysMs: [1000, 2000], ...retry },
			throttle,
		});
	}

	const limited = result('REQUEST_TRAFFIC_EXCEED_LIMIT', 'U');

	it('waits as long as HTTP 429 Retry-After says, then sends the same request again', async () => {
		const clock = fakeTime();
		const { send, requests } = gateway({ status: 429, body: '', sign: false, headers: { 'Retry-After': '3' } }, { body: ok({ refundId: 'R' }) });
		const outcome = await throttledClient(send, clock).call('refund', refund);
		expect(outcome.response.refundId).toBe('R');
		expect(clock.time.sleeps).toEqual([3000]);
		expect(requests.map((r) => r.body)).toEqual([requests[0].body, requests[0].body]);
	});

	it('reads a Retry-After date against its own clock', async () => {
		const clock = fakeTime();
		const at = new Date(clock.time.now + 5000).toUTCString();
		const { send } = gateway({ status: 429, body: '', sign: false, headers: { 'retry-after': at } }, { body: ok() });
		await throttledClient(send, clock).call('refund', refund);
		expect(clock.time.sleeps).toEqual([5000]);
	});

	it('backs off doubling from the retry delay on REQUEST_TRAFFIC_EXCEED_LIMIT, without using up Max Attempts', async () => {
		const clock = fakeTime();
		const { send, requests } = gateway({ body: limited }, { body: limited }, { body: limited }, { body: limited }, { body: ok() });
		const outcome = await throttledClient(send, clock, { attempts: 1 }).call('refund', refund);
		expect(outcome.attempts).toBe(5);
		expect(clock.time.sleeps).toEqual([1000, 2000, 4000, 8000]);
		expect(new Set(requests.map((r) => JSON.parse(r.body).refundRequestId))).toEqual(new Set(['RF-1']));
	});

	it('gives up as outcome unknown, naming the request ID, once the next wait would pass the total allowed', async () => {
		const clock = fakeTime();
		const { send, requests } = gateway({ body: limited });
		const error = (await rejection(
			throttledClient(send, clock, { rateLimitWaitMs: 10_000 }).call('refund', refund),
		)) as AlipayUnknownResultError;
		expect(error).toBeInstanceOf(AlipayUnknownResultError);
		expect(error.resultCode).toBe('REQUEST_TRAFFIC_EXCEED_LIMIT');
		expect(error.requestId).toBe('RF-1');
		// 1 + 2 + 4 = 7 s waited; another 8 s would pass 10 s.
		expect(clock.time.sleeps).toEqual([1000, 2000, 4000]);
		expect(requests).toHaveLength(4);
	});

	it('does not wait for a Retry-After longer than what is left of the total allowed', async () => {
		const clock = fakeTime();
		const { send, requests } = gateway({ status: 429, body: '', sign: false, headers: { 'Retry-After': '120' } });
		const error = await rejection(throttledClient(send, clock).call('refund', refund));
		expect(error).toBeInstanceOf(AlipayUnknownResultError);
		expect(clock.time.sleeps).toEqual([]);
		expect(requests).toHaveLength(1);
	});

	it('holds back every client sharing its throttle, not only the one that was limited', async () => {
		const clock = fakeTime();
		const throttle = new Throttle();
		const first = gateway({ status: 429, body: '', sign: false, headers: { 'Retry-After': '2' } }, { body: ok() });
		const second = gateway({ body: ok() });
		const sentAt: number[] = [];
		const timed = (send: typeof first.send) => async (r: OutgoingRequest) => {
			sentAt.push(clock.time.now);
			return await send(r);
		};
		await throttledClient(timed(first.send), clock, {}, throttle).call('refund', refund);
		const start = clock.time.now;
		await throttledClient(timed(second.send), clock, {}, throttle).call('refund', refund);
		expect(sentAt).toEqual([start - 2000, start, start]);
		// Shared fake clock: the first client's wait already covered the hold, so the second sends at once.
		clock.time.now = start;
		throttle.holdUntil(start + 1500);
		await throttledClient(timed(second.send), clock, {}, throttle).call('refund', refund);
		expect(clock.time.sleeps.slice(-1)).toEqual([1500]);
	});
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INodeParameters } from 'n8n-workflow';
import { readBatching } from '../../../../nodes/Alipay/actions/router';
import { credentialReads } from '../../../helpers/n8n';
import { startTestSimulator, type TestSimulator } from '../../../helpers/simulator';
import {
	gatewayRequests,
	ORDER_CODE_PARAMETERS,
	runAlipay,
	simulatorCredentials,
	simulatorPayments,
	useSimulator,
} from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

/**
 * A gateway in front of the simulator that holds requests until `releaseAt` of them are waiting
 * (or every expected request has arrived), then forwards them together. A node that sent fewer at
 * once would never be answered; one that sent more shows it in `maxInFlight`. No timing involved.
 */
class HoldingGateway {
	private server: Server;
	private held: Array<() => void> = [];
	private inFlight = 0;
	received = 0;
	maxInFlight = 0;
	/** How many requests each release let through, in order. */
	releases: number[] = [];
	/** When each release happened and when its last answer went out (ms, monotonic). */
	times: Array<{ released: number; answered: number }> = [];

	constructor(
		private readonly releaseAt: number,
		private readonly expected: number,
	) {
		this.server = createServer((req, res) => {
			void this.hold(req).then(async ({ body, release }) => {
				const answer = await fetch(sim.baseUrl + req.url, {
					method: 'POST',
					headers: req.headers as Record<string, string>,
					body,
				});
				const text = await answer.text();
				const headers: Record<string, string> = {};
				answer.headers.forEach((value, name) => {
					if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) headers[name] = value;
				});
				this.inFlight--;
				release.answered = performance.now();
				res.writeHead(answer.status, headers).end(text);
			});
		});
	}

	private async hold(req: IncomingMessage): Promise<{ body: string; release: { answered: number } }> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		this.received++;
		this.inFlight++;
		this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
		const released = new Promise<void>((resolve) => this.held.push(resolve));
		if (this.held.length >= this.releaseAt || this.received === this.expected) {
			this.releases.push(this.held.length);
			this.times.push({ released: performance.now(), answered: 0 });
			for (const resolve of this.held.splice(0)) resolve();
		}
		await released;
		return { body: Buffer.concat(chunks).toString('utf8'), release: this.times[this.times.length - 1] };
	}

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}
}

async function createPayments(count: number): Promise<string[]> {
	const run = await runAlipay({
		sim,
		parameters: ORDER_CODE_PARAMETERS,
		items: Array.from({ length: count }, () => ({})),
	});
	expect(run.error).toBeUndefined();
	return run.items.map((item) => String(item.json.paymentId));
}

const getPayment = (batch: INodeParameters | undefined, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'payment',
	operation: 'get',
	findBy: 'paymentId',
	paymentId: '={{ $json.paymentId }}',
	options: batch ? { batching: { batch }, retryDelaySeconds: 0.01 } : { retryDelaySeconds: 0.01 },
	...extra,
});

describe('Batching: items per batch are sent together, batches one after another', () => {
	let gateway: HoldingGateway | undefined;
	afterEach(async () => {
		await gateway?.close();
		gateway = undefined;
	});

	it('sends 3 items at a time and never more, and outputs every item in input order with its pairedItem', async () => {
		const paymentIds = await createPayments(7);
		gateway = new HoldingGateway(3, 7);
		const run = await runAlipay({
			sim,
			credentials: simulatorCredentials(sim, { customBaseUrl: await gateway.start() }),
			parameters: getPayment({ batchSize: 3 }),
			items: paymentIds.map((paymentId) => ({ paymentId })),
		});
		expect(run.error).toBeUndefined();
		expect(gateway.releases).toEqual([3, 3, 1]);
		expect(gateway.maxInFlight).toBe(3);
		expect(run.items.map((item) => item.json.paymentId)).toEqual(paymentIds);
		expect(run.items.map((item) => item.pairedItem)).toEqual(paymentIds.map((_, item) => ({ item })));
	});

	it('without Batching, items go one after another', async () => {
		const paymentIds = await createPayments(3);
		gateway = new HoldingGateway(1, 3);
		const run = await runAlipay({
			sim,
			credentials: simulatorCredentials(sim, { customBaseUrl: await gateway.start() }),
			parameters: getPayment(undefined),
			items: paymentIds.map((paymentId) => ({ paymentId })),
		});
		expect(run.error).toBeUndefined();
		expect(gateway.maxInFlight).toBe(1);
		expect(gateway.releases).toEqual([1, 1, 1]);
	});

	it('waits Batch Interval after a batch is answered before sending the next one', async () => {
		const paymentIds = await createPayments(4);
		gateway = new HoldingGateway(2, 4);
		const run = await runAlipay({
			sim,
			credentials: simulatorCredentials(sim, { customBaseUrl: await gateway.start() }),
			parameters: getPayment({ batchSize: 2, batchInterval: 300 }),
			items: paymentIds.map((paymentId) => ({ paymentId })),
		});
		expect(run.error).toBeUndefined();
		expect(gateway.releases).toEqual([2, 2]);
		// A lower bound only: a busy machine can make the pause longer, never shorter.
		const [first, second] = gateway.times;
		expect(second.released - first.answered).toBeGreaterThanOrEqual(299);
	});

	it('with Continue On Fail, a refused item fails alone and in its place; the others of its batch succeed', async () => {
		const paymentIds = await createPayments(4);
		const inputs = [paymentIds[0], 'NO_SUCH_PAYMENT_1', paymentIds[1], paymentIds[2], 'NO_SUCH_PAYMENT_2', paymentIds[3]];
		const run = await runAlipay({
			sim,
			parameters: getPayment({ batchSize: 3 }),
			items: inputs.map((paymentId) => ({ paymentId })),
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.pairedItem)).toEqual(inputs.map((_, item) => ({ item })));
		expect(run.items.map((item) => (item.json.error ? 'error' : item.json.paymentId))).toEqual([
			paymentIds[0],
			'error',
			paymentIds[1],
			paymentIds[2],
			'error',
			paymentIds[3],
		]);
		expect(run.items[1].json).toMatchObject({ resultCode: 'ORDER_NOT_EXIST' });
		expect(String(run.items[4].json.error)).toContain('(item 4)');
	});

	it('without Continue On Fail, the execution stops with the first failing item of the batch', async () => {
		const paymentIds = await createPayments(2);
		const run = await runAlipay({
			sim,
			parameters: getPayment({ batchSize: 4 }),
			items: [paymentIds[0], 'NO_SUCH_PAYMENT_1', paymentIds[1], 'NO_SUCH_PAYMENT_2'].map((paymentId) => ({ paymentId })),
		});
		expect(run.error?.message).toContain('(item 1)');
	});

	it('an item gets the same request ID whatever the batch size', async () => {
		const idsSentWith = async (batchSize: number) => {
			await sim.control('DELETE', '/_sim/data');
			const run = await runAlipay({
				sim,
				executionId: 'exec-batching-ids',
				parameters: {
					...ORDER_CODE_PARAMETERS,
					options: { batching: { batch: { batchSize } }, retryDelaySeconds: 0.01 },
				},
				items: Array.from({ length: 5 }, () => ({})),
			});
			expect(run.error).toBeUndefined();
			const sent = (await gatewayRequests(sim)).map((r) => JSON.parse(String(r.requestBody)).paymentRequestId as string);
			return { output: run.items.map((item) => item.json.paymentRequestId), sent: new Set(sent) };
		};
		const one = await idsSentWith(1);
		const five = await idsSentWith(5);
		expect(new Set(one.output).size).toBe(5);
		expect(five.output).toEqual(one.output);
		expect(five.sent).toEqual(one.sent);
	});
});

describe('per-execution work', () => {
	it('the credential is read once per execution, not once per item or request', async () => {
		const paymentIds = await createPayments(4);
		credentialReads.count = 0;
		const run = await runAlipay({
			sim,
			parameters: getPayment({ batchSize: 2 }),
			items: paymentIds.map((paymentId) => ({ paymentId })),
		});
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(4);
		expect(credentialReads.count).toBe(1);
	});
});

describe('readBatching', () => {
	it('is one item at a time with no pause when Batching is not set', () => {
		expect(readBatching(undefined)).toEqual({ batchSize: 1, batchIntervalMs: 0 });
		expect(readBatching({})).toEqual({ batchSize: 1, batchIntervalMs: 0 });
	});

	it('takes whole items per batch and a non-negative interval, falling back on nonsense', () => {
		expect(readBatching({ batchSize: 50, batchInterval: 1000 })).toEqual({ batchSize: 50, batchIntervalMs: 1000 });
		expect(readBatching({ batchSize: 2.7, batchInterval: -5 })).toEqual({ batchSize: 2, batchIntervalMs: 0 });
		expect(readBatching({ batchSize: 0, batchInterval: 'x' })).toEqual({ batchSize: 1, batchIntervalMs: 0 });
	});
});

describe('Batching against a rate-limited gateway', () => {
	let limited: TestSimulator;
	beforeAll(async () => {
		limited = await startTestSimulator({ rateLimitPerSecond: 2 });
	});
	afterAll(() => limited.close());

	it('a batch bigger than the limit slows down and every item still gets exactly one payment', async () => {
		const run = await runAlipay({
			sim: limited,
			parameters: { ...ORDER_CODE_PARAMETERS, options: { batching: { batch: { batchSize: 5 } }, retryDelaySeconds: 0.2 } },
			items: Array.from({ length: 5 }, () => ({})),
		});
		expect(run.error).toBeUndefined();
		const created = (await simulatorPayments(limited)).map((p) => p.paymentRequestId).sort();
		expect(created).toEqual(run.items.map((item) => String(item.json.paymentRequestId)).sort());
		expect(new Set(created).size).toBe(5);
		const answers = await gatewayRequests(limited);
		// At least one refusal proves the limit was hit; how many depends on how fast this machine sent the batch.
		expect(answers.filter((r) => r.resultCode === 'REQUEST_TRAFFIC_EXCEED_LIMIT').length).toBeGreaterThanOrEqual(1);
	});
});

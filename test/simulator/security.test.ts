import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../simulator';
import { TEST_KEYS } from '../helpers/keys';
import { fixtureMerchants, startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, payBody } from './wire';

/** One HTTP request with full control over Host, Origin and body, as a browser or attacker sends it. */
function send(
	baseUrl: string,
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string | Buffer,
): Promise<{ status: number; body: string }> {
	const url = new URL(path, baseUrl);
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

describe('the control API cannot be driven by a web page', () => {
	let sim: TestSimulator;
	let target: Server;
	let targetHits = 0;
	let targetUrl = '';

	beforeAll(async () => {
		sim = await startTestSimulator();
		target = createServer((req, res) => {
			targetHits++;
			res.end('{"result":{"resultStatus":"S"}}');
		});
		await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
		targetUrl = `http://127.0.0.1:${(target.address() as { port: number }).port}/victim`;
	});
	afterAll(async () => {
		await sim.close();
		await new Promise((resolve) => target.close(resolve));
	});
	beforeEach(async () => {
		await sim.control('DELETE', '/_sim/data');
		targetHits = 0;
	});

	const forgedNotification = () => JSON.stringify({ url: targetUrl, body: { notifyType: 'PAYMENT_RESULT', forged: true } });

	it('a cross-site text/plain POST (a form or no-cors fetch from another page) is refused and signs nothing', async () => {
		const answer = await send(sim.baseUrl, 'POST', '/_sim/notifications', { origin: 'https://evil.example', 'content-type': 'text/plain' }, forgedNotification());
		expect(answer.status).toBe(403);
		expect((await sim.control('GET', '/_sim/notifications')).notifications).toEqual([]);
		expect(targetHits).toBe(0);
	});

	it('an Origin of "null" (sandboxed frames, file pages) is foreign too', async () => {
		const answer = await send(sim.baseUrl, 'POST', '/_sim/notifications', { origin: 'null', 'content-type': 'application/json' }, forgedNotification());
		expect(answer.status).toBe(403);
	});

	it('a body that is not declared JSON is refused even without an Origin', async () => {
		const answer = await send(sim.baseUrl, 'POST', '/_sim/notifications', { 'content-type': 'text/plain' }, forgedNotification());
		expect(answer.status).toBe(415);
		expect(targetHits).toBe(0);
	});

	it.each(['rebind.attacker.example', 'localhost.attacker.example', '127.0.0.1:1'])(
		'a DNS-rebinding page (Host %s) cannot read the payments',
		async (host) => {
			const hostHeader = host.includes(':') ? host : `${host}:${sim.port}`;
			const answer = await send(sim.baseUrl, 'GET', '/_sim/payments', { host: hostHeader });
			expect(answer.status).toBe(421);
			expect(answer.body).not.toContain('payments');
		},
	);

	it.each(['127.0.0.1', 'localhost', '[::1]'])('the address it listens on, written as %s, is accepted', async (name) => {
		const answer = await send(sim.baseUrl, 'GET', '/_sim/payments', { host: `${name}:${sim.port}` });
		expect(answer.status).toBe(200);
	});

	it('the wallet page keeps working: its own pay button (same origin, no body) pays', async () => {
		const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
		const created = await merchant.call('/v1/payments/pay', payBody());
		const paymentId = JSON.parse(created.text).paymentId as string;
		const page = await send(sim.baseUrl, 'GET', '/_sim/', { origin: sim.baseUrl });
		expect(page.status).toBe(200);
		const paid = await send(sim.baseUrl, 'POST', `/_sim/payments/${paymentId}/pay`, { origin: sim.baseUrl });
		expect(paid.status).toBe(200);
		expect(JSON.parse(paid.body)).toMatchObject({ status: 'SUCCESS' });
	});

	it('scripts and tests (no Origin, JSON bodies) keep working', async () => {
		const created = await sim.control('POST', '/_sim/notifications', JSON.parse(forgedNotification()));
		expect(created).toMatchObject({ url: targetUrl });
	});

	it('Alipay’s API itself is not behind the guard: it acts only on signed requests', async () => {
		const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
		expect((await merchant.call('/v1/payments/pay', payBody())).status).toBe(200);
	});
});

describe('one request cannot break the simulator', () => {
	let sim: TestSimulator;
	beforeAll(async () => {
		sim = await startTestSimulator();
	});
	afterAll(() => sim.close());

	it.each([[{ seconds: 1e13 }], [{ seconds: -5 }], [{ ms: 'soon' }], [{ seconds: Number.MAX_VALUE }]])(
		'a clock advance of %j is refused with 400 and changes nothing',
		async (body) => {
			const before = await sim.control<{ offsetMs: number }>('GET', '/_sim/clock');
			const answer = await send(sim.baseUrl, 'POST', '/_sim/clock/advance', { 'content-type': 'application/json' }, JSON.stringify(body));
			expect(answer.status).toBe(400);
			expect((await sim.control<{ offsetMs: number }>('GET', '/_sim/clock')).offsetMs).toBe(before.offsetMs);
			const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
			expect(JSON.parse((await merchant.call('/v1/payments/pay', payBody())).text).result.resultStatus).toBe('S');
		},
	);

	it.each(['/_sim/notifications', '/ams/sandbox/api/v1/payments/pay'])('a body over 1 MB to %s is answered 413, not reset', async (path) => {
		const answer = await send(sim.baseUrl, 'POST', path, { 'content-type': 'application/json' }, Buffer.alloc(1024 * 1024 + 10, 'a'));
		expect(answer.status).toBe(413);
		expect(JSON.parse(answer.body).error).toMatch(/larger than/);
	});
});

describe('the data file', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'alipay-sim-security-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	const start = (dataFile: string) =>
		startSimulator({ host: '127.0.0.1', port: 0, merchants: fixtureMerchants(), alipayPrivateKey: TEST_KEYS.alipayPrivate, dataFile, log: () => undefined });

	it.each([
		['a list that is not a list', { version: 1, sequence: 0, payments: {}, refunds: [], registrations: [], notifications: [] }, /payments is not a list/],
		['a missing list', { version: 1, sequence: 0, payments: [], refunds: [], registrations: [] }, /notifications is not a list/],
		['an entry without its IDs', { version: 1, sequence: 0, payments: [{ amount: 1 }], refunds: [], registrations: [], notifications: [] }, /payments\[0\] lacks paymentId/],
		['no sequence', { version: 1, payments: [], refunds: [], registrations: [], notifications: [] }, /sequence/],
	])('with %s is refused with a message that names the file and the fix', async (_, content, problem) => {
		const dataFile = join(dir, 'sim.json');
		writeFileSync(dataFile, JSON.stringify(content));
		await expect(start(dataFile)).rejects.toThrow(problem);
		await expect(start(dataFile)).rejects.toThrow(`${dataFile} is damaged`);
		await expect(start(dataFile)).rejects.toThrow(/move it away to start empty/);
	});

	it('is readable by its owner only', async () => {
		const dataFile = join(dir, 'state', 'sim.json');
		const sim = await start(dataFile);
		await sim.close();
		expect(statSync(dataFile).mode & 0o777).toBe(0o600);
	});
});

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KEYS } from '../helpers/keys';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { NotifyReceiver, WireMerchant, base64ToPem, expectResult, payBody, registrationBody, uniqueId } from './wire';

describe('persistence with a data file', () => {
	let dir: string;
	let receiver: NotifyReceiver;

	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'alipay-sim-'));
		receiver = await new NotifyReceiver(base64ToPem(TEST_KEYS.alipayPublic)).start();
	});
	afterAll(async () => {
		await receiver.close();
		rmSync(dir, { recursive: true, force: true });
	});

	it('keeps every payment, refund, registration and notification across a restart', async () => {
		const dataFile = join(dir, 'state', 'sim.json');
		let sim: TestSimulator = await startTestSimulator({ dataFile, notifyFailures: true });
		const merchant = () => new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
		const bodies = Array.from({ length: 6 }, () => payBody({}, `${receiver.url}/notify`));
		const ids: string[] = [];
		for (const body of bodies) ids.push((await merchant().call('/v1/payments/pay', body)).json.paymentId);
		await sim.control('POST', `/_sim/payments/${ids[0]}/pay`);
		await sim.control('POST', `/_sim/payments/${ids[1]}/pay`);
		await sim.control('POST', `/_sim/payments/${ids[2]}/decline`);
		await merchant().call('/v1/payments/cancel', { paymentId: ids[3] });
		const refundRequestId = uniqueId('RF');
		await merchant().call('/v1/payments/refund', { refundRequestId, paymentId: ids[0], refundAmount: { currency: 'SGD', value: '200' } });
		const registration = registrationBody();
		await merchant().call('/v1/merchants/registration', registration);
		await receiver.waitFor(3);
		const before = await sim.control('GET', '/_sim/payments');
		const notificationsBefore = await sim.control('GET', '/_sim/notifications');
		expect(existsSync(dataFile)).toBe(true);
		expect(readdirSync(join(dir, 'state'))).toEqual(['sim.json']);
		await sim.close();

		sim = await startTestSimulator({ dataFile, notifyFailures: true });
		try {
			const after = await sim.control('GET', '/_sim/payments');
			expect(after.payments.map((p: { paymentId: string }) => p.paymentId).sort()).toEqual([...ids].sort());
			const strip = (list: Array<Record<string, unknown>>) => list.map(({ orderCode: _o, ...rest }) => rest);
			expect(strip(after.payments)).toEqual(strip(before.payments));
			expect((await sim.control('GET', '/_sim/notifications')).notifications).toEqual(notificationsBefore.notifications);

			const states = await Promise.all(ids.map((paymentId) => merchant().call('/v1/payments/inquiryPayment', { paymentId })));
			expect(states.map((s) => s.json.paymentStatus)).toEqual(['SUCCESS', 'SUCCESS', 'FAIL', 'CANCELLED', 'PROCESSING', 'PROCESSING']);
			const refund = await merchant().call('/v1/payments/inquiryRefund', { refundRequestId });
			expect(refund.json).toMatchObject({ refundStatus: 'SUCCESS', refundAmount: { value: '200' } });
			const replay = await merchant().call('/v1/payments/pay', bodies[4]);
			expect(replay.json.paymentId).toBe(ids[4]);
			expect(replay.json.orderCodeForm.codeDetails[0].codeValue).toBe(`${sim.baseUrl}/_sim/scan/${ids[4]}`);
			expectResult(await merchant().call('/v1/payments/pay', bodies[3]), 'F', 'ORDER_IS_CANCELED');
			const status = await merchant().call('/v1/merchants/inquiryRegistrationStatus', { registrationRequestId: registration.registrationRequestId });
			expect(status.json.registrationResult.registrationStatus).toBe('PENDING');

			const fresh = await merchant().call('/v1/payments/pay', payBody());
			expect(ids).not.toContain(fresh.json.paymentId);
			const saved = JSON.parse(readFileSync(dataFile, 'utf8'));
			expect(saved.payments).toHaveLength(7);
		} finally {
			await sim.close();
		}
	});

	it('still expires an open order code whose expiry passed while the simulator was down', async () => {
		const dataFile = join(dir, 'expiry.json');
		let sim = await startTestSimulator({ dataFile, defaultExpirySeconds: 1, notifyFailures: true });
		const paid = await new WireMerchant(sim.baseUrl, sim.alipayPublicKey).call('/v1/payments/pay', payBody({}, `${receiver.url}/expiry`));
		await sim.close();
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const start = receiver.received.length;
		sim = await startTestSimulator({ dataFile, notifyFailures: true });
		try {
			await receiver.waitFor(start + 1);
			expect(receiver.received[start].json).toMatchObject({ paymentId: paid.json.paymentId, result: { resultCode: 'ORDER_IS_CLOSED' } });
			const state = await sim.control('GET', `/_sim/payments/${paid.json.paymentId}`);
			expect(state.status).toBe('FAIL');
		} finally {
			await sim.close();
		}
	});

	it('empties the data file on DELETE /_sim/data', async () => {
		const dataFile = join(dir, 'reset.json');
		const sim = await startTestSimulator({ dataFile, notifyFailures: true });
		try {
			await new WireMerchant(sim.baseUrl, sim.alipayPublicKey).call('/v1/payments/pay', payBody());
			expect(JSON.parse(readFileSync(dataFile, 'utf8')).payments).toHaveLength(1);
			await sim.control('DELETE', '/_sim/data');
			expect(JSON.parse(readFileSync(dataFile, 'utf8')).payments).toHaveLength(0);
			expect((await sim.control('GET', '/_sim/payments')).payments).toEqual([]);
		} finally {
			await sim.close();
		}
	});
});

describe('a damaged data file', () => {
	it('refuses to start with a message naming the file and the way out', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'alipay-sim-bad-'));
		try {
			const dataFile = join(dir, 'sim.json');
			writeFileSync(dataFile, '{"version":1,"payme');
			await expect(startTestSimulator({ dataFile, notifyFailures: true })).rejects.toThrow(`the simulator data file ${dataFile} cannot be read`);
			writeFileSync(dataFile, '{"version":7}');
			await expect(startTestSimulator({ dataFile, notifyFailures: true })).rejects.toThrow(/unknown version 7/);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

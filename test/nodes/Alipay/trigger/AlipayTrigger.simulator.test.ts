import { sleep } from 'n8n-workflow';
import { loadPrivateKey, signRequest } from '../../../../nodes/Alipay/core';
import { TEST_CLIENT_ID, TEST_KEYS, vectorsFile } from '../../../helpers/keys';
import { startTestSimulator, type TestSimulator } from '../../../helpers/simulator';
import { startWebhookHost, type HostOptions, type WebhookHost } from './webhook-host';

/** End to end: the simulator pays an order code and notifies the trigger over real HTTP. */

interface NotificationView {
	id: string;
	subjectId: string;
	acknowledged: boolean;
	nextAttemptAtMs?: number;
	attempts: Array<{ atMs: number; status?: number; acknowledged: boolean }>;
}

const SCHEDULE_SECONDS = [0, 120, 600, 600, 3600, 7200, 21600, 54000];

let sim: TestSimulator | undefined;
let host: WebhookHost | undefined;
afterEach(async () => {
	await sim?.close();
	await host?.close();
	sim = undefined;
	host = undefined;
});

async function setUp(options: HostOptions) {
	host = await startWebhookHost(options);
	sim = await startTestSimulator();
	return { host, sim };
}

/** Creates an order code whose notifications go to the trigger's production payment URL. */
async function createOrderCode(simulator: TestSimulator, notifyUrl: string, paymentRequestId: string): Promise<string> {
	const template = vectorsFile.vectors.find((v) => v.name === 'request-pay');
	const body = JSON.stringify({ ...JSON.parse(template!.body), paymentRequestId, paymentNotifyUrl: notifyUrl });
	const path = '/ams/api/v1/payments/pay';
	const headers = signRequest({ path, clientId: TEST_CLIENT_ID, body, privateKey: loadPrivateKey(TEST_KEYS.merchantPrivate) });
	const response = await fetch(`${simulator.baseUrl}${path}`, { method: 'POST', headers, body });
	const answer = (await response.json()) as { result: { resultStatus: string }; paymentId: string };
	expect(answer.result.resultStatus).toBe('S');
	return answer.paymentId;
}

async function notificationsFor(simulator: TestSimulator, paymentId: string): Promise<NotificationView[]> {
	const { notifications } = await simulator.control<{ notifications: NotificationView[] }>('GET', '/_sim/notifications');
	return notifications.filter((n) => n.subjectId === paymentId);
}

/** Polls the control API (no fixed sleeps) until `done` holds, for at most 5 s. */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
	const deadline = Date.now() + 5000;
	for (;;) {
		const value = await read();
		if (done(value) || Date.now() > deadline) return value;
		await sleep(10);
	}
}

describe('Alipay Trigger with the simulator', () => {
	it('a payment paid in the simulator reaches the trigger once and is acknowledged on the first attempt', async () => {
		const { host: h, sim: s } = await setUp({});
		const paymentId = await createOrderCode(s, `${h.baseUrl}/webhook/alipay/payment`, 'E2E-PAID-1');
		await s.control('POST', `/_sim/payments/${paymentId}/pay`, {});
		const [notification] = await waitFor(
			() => notificationsFor(s, paymentId),
			(list) => list.length === 1 && list[0].acknowledged,
		);
		expect(notification.acknowledged).toBe(true);
		expect(notification.attempts).toHaveLength(1);
		expect(notification.attempts[0].status).toBe(200);
		expect(notification.nextAttemptAtMs).toBeUndefined();
		expect(h.executions).toHaveLength(1);
		expect(h.executions[0].items[0]).toMatchObject({
			kind: 'payment',
			event: 'paymentSucceeded',
			paymentId,
			paymentRequestId: 'E2E-PAID-1',
			amount: '12.50',
			amountMinor: '1250',
			currency: 'SGD',
		});
	});

	it('when the simulator delivers every notification twice, the workflow runs once and both are acknowledged', async () => {
		const { host: h, sim: s } = await setUp({});
		await s.control('POST', '/_sim/notifications/modes', { duplicates: true });
		const paymentId = await createOrderCode(s, `${h.baseUrl}/webhook/alipay/payment`, 'E2E-DUP-1');
		await s.control('POST', `/_sim/payments/${paymentId}/pay`, {});
		const notifications = await waitFor(
			() => notificationsFor(s, paymentId),
			(list) => list.length === 2 && list.every((n) => n.acknowledged),
		);
		expect(notifications.map((n) => n.acknowledged)).toEqual([true, true]);
		expect(h.executions).toHaveLength(1);
	});

	it('a trigger answering 500 makes the simulator resend on Alipay schedule, each resend running the workflow again', async () => {
		const { host: h, sim: s } = await setUp({ parameters: { acknowledge: 'afterWorkflowSucceeds' }, next: 'fail' });
		const paymentId = await createOrderCode(s, `${h.baseUrl}/webhook/alipay/payment`, 'E2E-RETRY-1');
		await s.control('POST', `/_sim/payments/${paymentId}/pay`, {});
		const attempts = (n: number) =>
			waitFor(
				() => notificationsFor(s, paymentId),
				(list) => list[0]?.attempts.length === n,
			).then((list) => list[0]);

		let notification = await attempts(1);
		for (let k = 1; k <= 3; k++) {
			expect(notification.attempts[k - 1].status).toBe(500);
			expect(notification.acknowledged).toBe(false);
			// The next attempt is scheduled exactly one schedule step after the previous one.
			expect(notification.nextAttemptAtMs! - notification.attempts[k - 1].atMs).toBeGreaterThanOrEqual(
				SCHEDULE_SECONDS[k] * 1000 - 5,
			);
			expect(notification.nextAttemptAtMs! - notification.attempts[k - 1].atMs).toBeLessThan(SCHEDULE_SECONDS[k] * 1000 + 1000);
			s.advanceClock(SCHEDULE_SECONDS[k] * 1000);
			notification = await attempts(k + 1);
		}
		expect(notification.attempts).toHaveLength(4);
		const gaps = notification.attempts.slice(1).map((a, i) => a.atMs - notification.attempts[i].atMs);
		gaps.forEach((gap, i) => {
			expect(gap).toBeGreaterThanOrEqual(SCHEDULE_SECONDS[i + 1] * 1000);
			expect(gap).toBeLessThan(SCHEDULE_SECONDS[i + 1] * 1000 + 1000);
		});
		expect(h.executions).toHaveLength(4);
	});
});

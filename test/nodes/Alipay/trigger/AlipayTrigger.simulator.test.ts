import { loadPrivateKey, signRequest } from '../../../../nodes/Alipay/core';
import { eventually } from '../../../helpers/eventually';
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

describe('Alipay Trigger with the simulator', () => {
	it('a payment paid in the simulator reaches the trigger once and is acknowledged on the first attempt', async () => {
		const { host: h, sim: s } = await setUp({});
		const paymentId = await createOrderCode(s, `${h.baseUrl}/webhook/alipay/payment`, 'E2E-PAID-1');
		await s.control('POST', `/_sim/payments/${paymentId}/pay`, {});
		const [notification] = await eventually(
			() => notificationsFor(s, paymentId),
			(list) => list.length === 1 && list[0].acknowledged,
			'the acknowledged notification',
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
		const notifications = await eventually(
			() => notificationsFor(s, paymentId),
			(list) => list.length === 2 && list.every((n) => n.acknowledged),
			'both deliveries acknowledged',
		);
		expect(notifications.map((n) => n.acknowledged)).toEqual([true, true]);
		expect(h.executions).toHaveLength(1);
	});

});

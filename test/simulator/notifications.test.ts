import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALIPAY_NOTIFY_SCHEDULE_SECONDS } from '../../simulator';
import { parseFlags } from '../../simulator/main';
import { eventually } from '../helpers/eventually';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { ACK, NotifyReceiver, WireMerchant, payBody } from './wire';

interface Attempt {
	atMs: number;
	ackDropped?: boolean;
	reply?: string;
	durationMs: number;
	status?: number;
	acknowledged: boolean;
	manual: boolean;
	error?: string;
}
interface NotificationView {
	id: string;
	state: string;
	kind: string;
	subjectId: string;
	acknowledged: boolean;
	nextAttemptAtMs?: number;
	attempts: Attempt[];
	copyOf?: string;
	body: string;
}

/** The probe's first defined value; see the shared helper for why there is no short deadline. */
async function eventuallyDefined<T>(probe: () => Promise<T | undefined>): Promise<T> {
	return (await eventually(probe, (value) => value !== undefined, 'the notification to reach that state')) as T;
}

const FAIL = { status: 500, body: 'busy' };

async function setup(overrides = {}) {
	const sim = await startTestSimulator(overrides);
	const merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	const receiver = await new NotifyReceiver(merchant.alipayPublicPem).start();
	const notificationOf = async (subjectId: string): Promise<NotificationView | undefined> =>
		((await sim.control('GET', '/_sim/notifications')).notifications as NotificationView[]).find((n) => n.subjectId === subjectId && !n.copyOf);
	const paidPayment = async (): Promise<string> => {
		const paid = await merchant.call('/v1/payments/pay', payBody({}, `${receiver.url}/notify`));
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
		return paid.json.paymentId;
	};
	const close = async () => {
		await sim.close();
		await receiver.close();
	};
	return { sim, merchant, receiver, notificationOf, paidPayment, close };
}

describe('notification delivery and retries', () => {
	it('retries an unacknowledged notification on Alipay’s schedule divided by the time scale, then gives up after 8 attempts', async () => {
		// 2 min becomes 20 s of simulated time: wide enough margins for a busy machine, and the clock is advanced, not waited for.
		const timeScale = 6;
		const margin = 1500;
		const t = await setup({ timeScale });
		try {
			t.receiver.reply = () => FAIL;
			const paymentId = await t.paidPayment();
			let view = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paymentId);
				return n && n.attempts.length === 1 ? n : undefined;
			});
			for (let attempt = 1; attempt < ALIPAY_NOTIFY_SCHEDULE_SECONDS.length; attempt++) {
				const expectedDelay = (ALIPAY_NOTIFY_SCHEDULE_SECONDS[attempt] * 1000) / timeScale;
				// The wait starts when the previous attempt's reply arrived.
				const last = view.attempts[view.attempts.length - 1];
				const waited = view.nextAttemptAtMs! - (last.atMs + last.durationMs);
				expect(waited).toBeGreaterThanOrEqual(expectedDelay);
				expect(waited).toBeLessThan(expectedDelay + 100);
				// Just short of the due time nothing happens; at the due time the retry goes out.
				await t.sim.control('POST', '/_sim/clock/advance', { ms: Math.max(0, view.nextAttemptAtMs! - Date.now() - (await clockOffset(t.sim)) - margin) });
				expect((await t.notificationOf(paymentId))!.attempts).toHaveLength(attempt);
				await t.sim.control('POST', '/_sim/clock/advance', { ms: margin + 50 });
				view = await eventuallyDefined(async () => {
					const n = await t.notificationOf(paymentId);
					return n && n.attempts.length === attempt + 1 ? n : undefined;
				});
			}
			expect(view.attempts).toHaveLength(8);
			expect(view.attempts.every((a) => a.status === 500 && !a.acknowledged && !a.manual)).toBe(true);
			expect(view.nextAttemptAtMs).toBeUndefined();
			expect(view.acknowledged).toBe(false);
			expect(view.state).toBe('gave up');
			expect(t.receiver.received).toHaveLength(8);
			expect(t.receiver.received.every((n) => n.verified)).toBe(true);
		} finally {
			await t.close();
		}
	});

	// Alipay's pages give the sandbox its own path (/ams/sandbox/api); the official SDKs take that path
	// for SANDBOX_ client IDs. The path decides by default, the client ID with sandboxBy: 'clientId'.
	it.each([
		['a call on the sandbox path', 1, {}, '/ams/sandbox/api'],
		['a SANDBOX_ client ID on the production path', 2, {}, '/ams/api'],
		['a SANDBOX_ client ID on the production path, with sandboxBy clientId', 1, { sandboxBy: 'clientId' as const }, '/ams/api'],
	])('the sandbox does not resend: %s gets %i attempt(s) in the first two minutes', async (_name, attempts, options, prefix) => {
		const t = await setup({ sandboxResends: undefined, ...options });
		try {
			t.receiver.reply = () => FAIL;
			const merchant = new WireMerchant(t.sim.baseUrl, t.sim.alipayPublicKey, prefix);
			const paid = await merchant.call('/v1/payments/pay', payBody({}, `${t.receiver.url}/notify`));
			await t.sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
			const first = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paid.json.paymentId);
				return n && n.attempts.length === 1 && n.state !== 'sending' ? n : undefined;
			});
			expect(first.state).toBe(attempts === 1 ? 'gave up' : 'scheduled');
			await t.sim.control('POST', '/_sim/clock/advance', { seconds: 121 });
			const after = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paid.json.paymentId);
				return n && n.attempts.length === attempts && n.state !== 'sending' ? n : undefined;
			});
			expect(after.attempts).toHaveLength(attempts);
		} finally {
			await t.close();
		}
	});

	it('takes what selects the sandbox from --sandbox-by, and refuses anything but path or client-id', () => {
		expect(parseFlags(['--sandbox-by', 'client-id']).options).toEqual({ sandboxBy: 'clientId' });
		expect(parseFlags(['--sandbox-by', 'path']).options).toEqual({ sandboxBy: 'path' });
		expect(() => parseFlags(['--sandbox-by', 'host'])).toThrow(/--sandbox-by must be path or client-id/);
	});

	it('counts only HTTP 200 with result.resultStatus S as acknowledged and then stops retrying', async () => {
		const t = await setup({ timeScale: 100_000 });
		try {
			const replies = [
				{ status: 200, body: JSON.stringify({ result: { resultCode: 'UNKNOWN_EXCEPTION', resultStatus: 'U' } }) },
				{ status: 500, body: ACK.body },
				{ status: 200, body: 'OK' },
				ACK,
			];
			t.receiver.reply = (_, index) => replies[Math.min(index, replies.length - 1)];
			const paymentId = await t.paidPayment();
			const view = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paymentId);
				return n?.acknowledged ? n : undefined;
			});
			expect(view.attempts.map((a) => [a.status, a.acknowledged])).toEqual([
				[200, false],
				[500, false],
				[200, false],
				[200, true],
			]);
			expect(view.nextAttemptAtMs).toBeUndefined();
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(t.receiver.received).toHaveLength(4);
		} finally {
			await t.close();
		}
	});

	it('accepts an S body with another HTTP status when the HTTP half of the rule is switched off', async () => {
		const t = await setup({ ackRequiresHttp200: false });
		try {
			t.receiver.reply = () => ({ status: 202, body: ACK.body });
			const paymentId = await t.paidPayment();
			const view = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paymentId);
				return n?.acknowledged ? n : undefined;
			});
			expect(view.attempts).toHaveLength(1);
		} finally {
			await t.close();
		}
	});

	it('logs a refused connection as an attempt with an error and retries it', async () => {
		const t = await setup({ timeScale: 1 });
		try {
			const paid = await t.merchant.call('/v1/payments/pay', payBody({}, 'http://127.0.0.1:9/closed-port'));
			await t.sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
			const view = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paid.json.paymentId);
				return n && n.attempts.length === 1 ? n : undefined;
			});
			expect(view.attempts[0]).toMatchObject({ acknowledged: false });
			expect(view.attempts[0].status).toBeUndefined();
			expect(view.attempts[0].error).toMatch(/ECONNREFUSED/);
			expect(view.nextAttemptAtMs! - view.attempts[0].atMs).toBeGreaterThanOrEqual(120_000);
		} finally {
			await t.close();
		}
	});

	it('delivers to a percent-encoded notify URL, signed over its decoded path', async () => {
		const t = await setup();
		try {
			const encoded = encodeURIComponent(`${t.receiver.url}/alipay/notify?shop=7`);
			const paid = await t.merchant.call('/v1/payments/pay', payBody({}, encoded));
			await t.sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
			await t.receiver.waitFor(1);
			expect(t.receiver.received[0]).toMatchObject({ path: '/alipay/notify?shop=7', verified: true });
		} finally {
			await t.close();
		}
	});

	it('resends a delivered notification on request as an extra, manual attempt', async () => {
		const t = await setup();
		try {
			const paymentId = await t.paidPayment();
			const first = await eventuallyDefined(async () => {
				const n = await t.notificationOf(paymentId);
				return n?.acknowledged ? n : undefined;
			});
			const resent: NotificationView = await t.sim.control('POST', `/_sim/notifications/${first.id}/resend`);
			expect(resent.attempts.map((a) => a.manual)).toEqual([false, true]);
			expect(t.receiver.received).toHaveLength(2);
			expect(t.receiver.received[1].body).toBe(t.receiver.received[0].body);
			expect(t.receiver.received[1].verified).toBe(true);
		} finally {
			await t.close();
		}
	});

	it('notifies a declined or expired payment with an F result when failure notices are on, and not at all by default', async () => {
		const t = await setup({ notifyFailures: true });
		try {
			const paid = await t.merchant.call('/v1/payments/pay', payBody({}, `${t.receiver.url}/notify`));
			await t.sim.control('POST', `/_sim/payments/${paid.json.paymentId}/expire`);
			await t.receiver.waitFor(1);
			expect(t.receiver.received[0].json).toMatchObject({
				notifyType: 'PAYMENT_RESULT',
				result: { resultStatus: 'F', resultCode: 'ORDER_IS_CLOSED' },
				paymentId: paid.json.paymentId,
			});
			expect(t.receiver.received[0].json.paymentTime).toBeUndefined();
		} finally {
			await t.close();
		}
		const quiet = await setup({ notifyFailures: undefined });
		try {
			const paid = await quiet.merchant.call('/v1/payments/pay', payBody({}, `${quiet.receiver.url}/notify`));
			await quiet.sim.control('POST', `/_sim/payments/${paid.json.paymentId}/decline`);
			const { notifications } = await quiet.sim.control('GET', '/_sim/notifications');
			expect(notifications).toEqual([]);
		} finally {
			await quiet.close();
		}
	});

	it('sends every notification twice in duplicates mode', async () => {
		const t = await setup();
		try {
			await t.sim.control('POST', '/_sim/notifications/modes', { duplicates: true });
			const paymentId = await t.paidPayment();
			await t.receiver.waitFor(2);
			expect(t.receiver.received.map((n) => n.json.paymentId)).toEqual([paymentId, paymentId]);
			expect(t.receiver.received[0].body).toBe(t.receiver.received[1].body);
			const { notifications } = await t.sim.control('GET', '/_sim/notifications');
			expect(notifications.filter((n: NotificationView) => n.copyOf)).toHaveLength(1);
		} finally {
			await t.close();
		}
	});

	it('delivers notifications newest first in out-of-order mode', async () => {
		const t = await setup();
		try {
			await t.sim.control('POST', '/_sim/notifications/modes', { outOfOrder: true });
			const first = await t.paidPayment();
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(t.receiver.received).toHaveLength(0);
			expect((await t.notificationOf(first))!.state).toBe('held');
			const second = await t.paidPayment();
			await t.receiver.waitFor(2);
			expect(t.receiver.received.map((n) => n.json.paymentId)).toEqual([second, first]);
			const third = await t.paidPayment();
			expect((await t.sim.control('POST', '/_sim/notifications/flush')).released).toBe(1);
			await t.receiver.waitFor(3);
			expect(t.receiver.received[2].json.paymentId).toBe(third);
		} finally {
			await t.close();
		}
	});
});

describe('notifications on demand and suppressed delivery', () => {
	it('sends a payment’s notification with overridden fields, signed like a real one', async () => {
		const t = await setup();
		try {
			const paid = await t.merchant.call('/v1/payments/pay', payBody({}, `${t.receiver.url}/notify`));
			const view: NotificationView = await t.sim.control('POST', '/_sim/notifications', {
				paymentId: paid.json.paymentId,
				overrides: { notifyType: 'PAYMENT_PENDING', result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'pending' } },
			});
			await t.receiver.waitFor(1);
			expect(t.receiver.received[0]).toMatchObject({ verified: true, json: { notifyType: 'PAYMENT_PENDING', paymentId: paid.json.paymentId } });
			expect(view.body).toBe(t.receiver.received[0].body);
		} finally {
			await t.close();
		}
	});

	it('sends any body to any URL when asked', async () => {
		const t = await setup();
		try {
			await t.sim.control('POST', '/_sim/notifications', { url: `${t.receiver.url}/odd`, body: '{"notifyType":"REFUND_RESULT"}' });
			await t.receiver.waitFor(1);
			expect(t.receiver.received[0]).toMatchObject({ path: '/odd', verified: true, body: '{"notifyType":"REFUND_RESULT"}' });
			await expect(t.sim.control('POST', '/_sim/notifications', { url: `${t.receiver.url}/odd` })).rejects.toThrow(/body is required/);
		} finally {
			await t.close();
		}
	});

	it('logs but does not send notifications while suppressed, and sends one on resend', async () => {
		const t = await setup();
		try {
			await t.sim.control('POST', '/_sim/notifications/modes', { suppressed: true });
			const paymentId = await t.paidPayment();
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(t.receiver.received).toHaveLength(0);
			const view = (await t.notificationOf(paymentId))!;
			expect(view).toMatchObject({ suppressed: true, state: 'suppressed', acknowledged: false, attempts: [] });
			expect(view.nextAttemptAtMs).toBeUndefined();
			await t.sim.control('POST', `/_sim/notifications/${view.id}/resend`);
			expect(t.receiver.received).toHaveLength(1);
		} finally {
			await t.close();
		}
	});
});

describe('storm deliveries: concurrent duplicates and dropped acknowledgements', () => {
	it('delivers the chosen share of notifications a second time, the same ones on every run', async () => {
		const t = await setup({ duplicateRate: 0.5 });
		try {
			const paid = [];
			for (let i = 0; i < 4; i++) paid.push(await t.paidPayment());
			await t.receiver.waitFor(6);
			const { notifications } = await t.sim.control('GET', '/_sim/notifications');
			const copies = (notifications as NotificationView[]).filter((n) => n.copyOf);
			expect(copies.map((c) => c.subjectId).sort()).toEqual([paid[1], paid[3]].sort());
			for (const copy of copies) expect(copy.body).toBe((notifications as NotificationView[]).find((n) => n.id === copy.copyOf)!.body);
		} finally {
			await t.close();
		}
	});

	it('sends the duplicate while the first delivery still waits for its answer: two concurrent POSTs', async () => {
		const t = await setup({ duplicateRate: 1, notifyTimeoutMs: 3000 });
		// Answers nothing until two deliveries are open at once; one after the other would time out.
		const open: ServerResponse[] = [];
		const server = createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				open.push(res);
				if (open.length === 2) for (const r of open) r.writeHead(200, { 'content-type': 'application/json' }).end(ACK.body);
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notify`;
			const created = await t.merchant.call('/v1/payments/pay', payBody({}, url));
			await t.sim.control('POST', `/_sim/payments/${created.json.paymentId}/pay`);
			const both = await eventuallyDefined(async () => {
				const all = ((await t.sim.control('GET', '/_sim/notifications')).notifications as NotificationView[]).filter(
					(n) => n.subjectId === created.json.paymentId && n.attempts.length > 0,
				);
				return all.length === 2 ? all : undefined;
			});
			expect(both.map((n) => n.attempts.map((a) => [a.status, a.acknowledged, a.error]))).toEqual([
				[[200, true, undefined]],
				[[200, true, undefined]],
			]);
		} finally {
			await t.close();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('drops the chosen share of acknowledgements, logs the reply it dropped, and resends until one is kept', async () => {
		const t = await setup({ timeScale: 100_000, dropAckRate: 0.5 });
		try {
			const first = await t.paidPayment();
			const second = await t.paidPayment();
			const views = await eventuallyDefined(async () => {
				const both = [await t.notificationOf(first), await t.notificationOf(second)];
				return both.every((n) => n?.acknowledged) ? (both as NotificationView[]) : undefined;
			});
			// The second acknowledgement overall was dropped: the second notification was sent again.
			expect(views[0].attempts.map((a) => [a.status, a.acknowledged, a.ackDropped])).toEqual([[200, true, undefined]]);
			expect(views[1].attempts.map((a) => [a.status, a.acknowledged, a.ackDropped])).toEqual([
				[200, false, true],
				[200, true, undefined],
			]);
			expect(views[1].attempts.map((a) => a.reply)).toEqual([ACK.body, ACK.body]);
			expect(t.receiver.received).toHaveLength(3);
		} finally {
			await t.close();
		}
	});

	it('takes both shares from the control API and from command-line flags, and refuses values outside 0 to 1', async () => {
		const t = await setup();
		try {
			const { modes } = await t.sim.control('POST', '/_sim/notifications/modes', { duplicateRate: 0.2, dropAckRate: 0.1 });
			expect(modes).toMatchObject({ duplicateRate: 0.2, dropAckRate: 0.1 });
			await expect(t.sim.control('POST', '/_sim/notifications/modes', { dropAckRate: 2 })).rejects.toThrow(/dropAckRate must be a number from 0 to 1/);
		} finally {
			await t.close();
		}
		expect(parseFlags(['--duplicate-rate', '0.2', '--drop-ack-rate', '0.1']).options).toEqual({ duplicateRate: 0.2, dropAckRate: 0.1 });
		await expect(startTestSimulator({ duplicateRate: -0.1 })).rejects.toThrow(/duplicateRate must be a number from 0 to 1/);
	});
});

async function clockOffset(sim: TestSimulator): Promise<number> {
	return (await sim.control('GET', '/_sim/clock')).offsetMs;
}

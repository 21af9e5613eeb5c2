import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkRate } from './config';
import { isoTime } from './clock';
import type { SimContext } from './context';
import { parseJsonObject, sendJson } from './http';
import { applyWalletAction, expireIfDue, paymentNotification, paymentSubject, type WalletAction } from './lifecycle';
import { decideRegistration, verdictsFor, type WalletVerdict } from './registrations';
import type { NotificationRecord, PaymentRecord, RegistrationRecord } from './store';
import { clockView, notificationView, paymentView, registrationView } from './views';

/**
 * The control API under /_sim (not Alipay's): what the customer's wallet, the wallets' review
 * teams and a test harness would do. JSON in, JSON out; shapes are documented in simulator/README.md.
 */
type Params = string[];
type Route = {
	method: string;
	pattern: RegExp;
	run: (ctx: SimContext, params: Params, body: Record<string, unknown>, query: URLSearchParams) => Promise<[number, unknown]> | [number, unknown];
};

const ID = '([^/]+)';

const ROUTES: Route[] = [
	{ method: 'GET', pattern: /^\/_sim\/info$/, run: (ctx) => [200, info(ctx)] },
	{
		method: 'GET',
		pattern: /^\/_sim\/payments$/,
		run: (ctx, _, __, query) => {
			// Optional filters: ?status=PROCESSING&clientId=…&paymentRequestId=…
			const wanted = (p: PaymentRecord) =>
				(['status', 'clientId', 'paymentRequestId'] as const).every((k) => !query.has(k) || p[k] === query.get(k));
			return [200, { payments: [...ctx.store.payments.values()].reverse().filter(wanted).map((p) => paymentView(ctx, p)) }];
		},
	},
	{ method: 'GET', pattern: new RegExp(`^/_sim/payments/${ID}$`), run: (ctx, [id]) => withPayment(ctx, id, (p) => [200, paymentView(ctx, p)]) },
	{
		method: 'POST',
		pattern: new RegExp(`^/_sim/payments/${ID}/(pay|decline|expire)$`),
		run: (ctx, [id, action], body) =>
			withPayment(ctx, id, (p) => {
				const outcome = applyWalletAction(ctx, p, action as WalletAction, {
					resultCode: typeof body.resultCode === 'string' ? body.resultCode : undefined,
				});
				return outcome.ok ? [200, paymentView(ctx, p)] : [409, { error: outcome.error, payment: paymentView(ctx, p) }];
			}),
	},
	{
		method: 'GET',
		pattern: /^\/_sim\/registrations$/,
		run: (ctx) => [200, { registrations: [...ctx.store.registrations.values()].reverse().map(registrationView) }],
	},
	{
		method: 'GET',
		pattern: new RegExp(`^/_sim/registrations/${ID}$`),
		run: (ctx, [id]) => withRegistration(ctx, id, (r) => [200, registrationView(r)]),
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/_sim/registrations/${ID}/(approve|reject)$`),
		run: (ctx, [id, action], body) => withRegistration(ctx, id, (r) => decide(ctx, r, action as 'approve' | 'reject', body)),
	},
	{
		method: 'GET',
		pattern: /^\/_sim\/notifications$/,
		run: (ctx) => [
			200,
			{ modes: ctx.notifier.modes, notifications: [...ctx.store.notifications.values()].reverse().map((n) => notificationView(ctx, n)) },
		],
	},
	{
		method: 'POST',
		pattern: new RegExp(`^/_sim/notifications/${ID}/resend$`),
		run: async (ctx, [id]) => {
			const record = await ctx.notifier.resend(decodeURIComponent(id));
			return record ? [200, notificationView(ctx, record)] : [404, { error: `no notification ${id}` }];
		},
	},
	{
		method: 'POST',
		pattern: /^\/_sim\/notifications\/modes$/,
		run: (ctx, _, body) => {
			for (const mode of ['duplicates', 'outOfOrder', 'suppressed'] as const) {
				if (body[mode] !== undefined) ctx.notifier.modes[mode] = body[mode] === true;
			}
			for (const rate of ['duplicateRate', 'dropAckRate'] as const) {
				if (body[rate] !== undefined) ctx.notifier.modes[rate] = checkRate(rate, body[rate]);
			}
			const released = ctx.notifier.modes.outOfOrder ? 0 : ctx.notifier.flush();
			return [200, { modes: ctx.notifier.modes, released }];
		},
	},
	{ method: 'POST', pattern: /^\/_sim\/notifications$/, run: (ctx, _, body) => [201, notificationView(ctx, customNotification(ctx, body))] },
	{ method: 'POST', pattern: /^\/_sim\/notifications\/flush$/, run: (ctx) => [200, { released: ctx.notifier.flush() }] },
	{ method: 'GET', pattern: /^\/_sim\/faults$/, run: (ctx) => [200, { faults: ctx.faults.list() }] },
	{ method: 'POST', pattern: /^\/_sim\/faults$/, run: (ctx, _, body) => [201, ctx.faults.add(body)] },
	{ method: 'DELETE', pattern: /^\/_sim\/faults$/, run: (ctx) => (ctx.faults.clear(), [200, { faults: [] }]) },
	{
		method: 'POST',
		pattern: /^\/_sim\/clock\/advance$/,
		run: (ctx, _, body) => {
			ctx.clock.advance(Number(body.seconds ?? 0) * 1000 + Number(body.ms ?? 0));
			return [200, clockView(ctx)];
		},
	},
	{ method: 'GET', pattern: /^\/_sim\/clock$/, run: (ctx) => [200, clockView(ctx)] },
	{
		method: 'DELETE',
		pattern: /^\/_sim\/data$/,
		run: (ctx) => {
			ctx.clock.cancelAll();
			ctx.notifier.reset();
			ctx.store.clear();
			ctx.faults.clear();
			ctx.requests.clear();
			ctx.store.save();
			ctx.log('all simulator data deleted');
			return [200, { deleted: true }];
		},
	},
	{ method: 'GET', pattern: /^\/_sim\/requests$/, run: (ctx) => [200, { requests: ctx.requests.list() }] },
];

/** Handles a /_sim JSON route; false when no route matches (the caller then tries pages). */
export async function handleControlRequest(ctx: SimContext, req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<boolean> {
	const pathname = (req.url ?? '/').split('?')[0];
	const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(pathname));
	if (!route) return false;
	const params = (route.pattern.exec(pathname) ?? []).slice(1);
	try {
		const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
		const [status, body] = await route.run(ctx, params, parseJsonObject(raw), query);
		sendJson(res, status, body);
	} catch (error) {
		sendJson(res, 400, { error: (error as Error).message });
	}
	return true;
}

function info(ctx: SimContext) {
	return {
		baseUrl: ctx.baseUrl,
		clientIds: [...ctx.merchants.keys()],
		alipayPublicKey: ctx.alipayPublicKey,
		keyVersion: '1',
		gatewayPaths: { production: '/ams/api/v1/...', sandbox: '/ams/sandbox/api/v1/...' },
		sandboxBy: ctx.config.sandboxBy,
		now: isoTime(ctx, ctx.clock.now()),
		clockOffsetMs: ctx.clock.offset,
		timeScale: ctx.config.timeScale,
		strict: ctx.config.strict,
		requireRegistration: ctx.config.requireRegistration,
		persistent: ctx.config.dataFile !== undefined,
	};
}

function withPayment(ctx: SimContext, id: string, then: (p: PaymentRecord) => [number, unknown]): [number, unknown] {
	const payment = ctx.store.payments.get(decodeURIComponent(id));
	if (!payment) return [404, { error: `no payment ${decodeURIComponent(id)}` }];
	if (expireIfDue(ctx, payment)) ctx.store.save();
	return then(payment);
}

function withRegistration(ctx: SimContext, id: string, then: (r: RegistrationRecord) => [number, unknown]): [number, unknown] {
	const registration = ctx.store.findRegistrationById(decodeURIComponent(id));
	return registration ? then(registration) : [404, { error: `no registration ${decodeURIComponent(id)}` }];
}

/**
 * Sends a notification on demand (like `stripe trigger`): a payment's notifyPayment with top-level
 * `overrides`, or any `body` to any `url`. Signed and retried like the real ones.
 */
function customNotification(ctx: SimContext, body: Record<string, unknown>): NotificationRecord {
	const url = typeof body.url === 'string' ? body.url : undefined;
	if (typeof body.paymentId === 'string') {
		const payment = ctx.store.payments.get(body.paymentId);
		if (!payment) throw new Error(`no payment ${body.paymentId}`);
		const overrides = (body.overrides ?? {}) as Record<string, unknown>;
		const notice = { ...paymentNotification(ctx, payment), ...overrides };
		return ctx.notifier.notify(paymentSubject(payment), url ?? payment.paymentNotifyUrl, notice);
	}
	if (!url) throw new Error('give paymentId (and optional overrides), or url and body');
	if (body.body === undefined) throw new Error('body is required with url');
	const clientId = typeof body.clientId === 'string' ? body.clientId : [...ctx.merchants.keys()][0];
	if (!clientId) throw new Error('clientId is required: the simulator has no merchants');
	const kind = body.kind === 'registration' ? 'registration' : 'payment';
	// Not about a call, so sandbox only when asked: a sandbox notification is not resent.
	return ctx.notifier.notify({ kind, clientId, sandbox: body.sandbox === true, subjectId: 'custom' }, url, body.body as object | string);
}

/** approve/reject: optional `wallets` (names), `rejectReasons`, or explicit per-wallet `results`. */
function decide(ctx: SimContext, registration: RegistrationRecord, action: 'approve' | 'reject', body: Record<string, unknown>): [number, unknown] {
	let verdicts: WalletVerdict[];
	if (Array.isArray(body.results)) {
		verdicts = (body.results as Array<Record<string, unknown>>).map((r) => {
			if (r.status !== 'APPROVED' && r.status !== 'REJECTED') throw new Error('results[].status must be APPROVED or REJECTED');
			return { pspName: String(r.pspName), status: r.status, rejectReasons: typeof r.rejectReasons === 'string' ? r.rejectReasons : undefined };
		});
	} else {
		const wallets = Array.isArray(body.wallets) ? body.wallets.map(String) : undefined;
		const reasons = typeof body.rejectReasons === 'string' ? body.rejectReasons : undefined;
		verdicts = verdictsFor(registration, action === 'approve' ? 'APPROVED' : 'REJECTED', wallets, reasons);
	}
	const outcome = decideRegistration(ctx, registration, verdicts);
	return outcome.ok ? [200, registrationView(registration)] : [409, { error: outcome.error }];
}

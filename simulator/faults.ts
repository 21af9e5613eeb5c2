import { APIS, type ApiName } from './contract';

/**
 * Fault injection: "make the next N matching gateway requests fail like this", so retry and
 * verification paths can be tested against a gateway that misbehaves on cue.
 */
const FAULT_MODES = ['latency', 'http500', 'drop', 'unknown', 'inProcess', 'unsigned', 'badSignature', 'otherAnswer', 'stale'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * `before`: the request is not processed (nothing changes). `after`: it is processed and only the
 * answer is lost or replaced, the case idempotent retries exist for. Latency, unsigned,
 * badSignature, otherAnswer and stale always act on the real answer.
 */
export type FaultTiming = 'before' | 'after';

export interface FaultRule {
	id: string;
	mode: FaultMode;
	/** Endpoint name (`pay`, `refund`…); absent matches every endpoint. */
	endpoint?: ApiName;
	/** A path or path suffix (`/v1/payments/pay` matches both prefixes); absent matches every path. */
	path?: string;
	/** How many more requests this rule applies to. */
	remaining: number;
	latencyMs: number;
	/** The HTTP status of an `http500` fault (500 by default; a CDN's 520-524 for instance). */
	status: number;
	/** The share of matching requests it hits (1 = every one), for fault-injection runs. */
	rate: number;
	timing: FaultTiming;
	/** Requests it has hit so far. */
	applied: number;
}

export interface FaultInput {
	mode?: unknown;
	endpoint?: unknown;
	path?: unknown;
	count?: unknown;
	latencyMs?: unknown;
	status?: unknown;
	rate?: unknown;
	timing?: unknown;
}

export class FaultBook {
	private rules: FaultRule[] = [];
	private nextId = 1;

	/** Validates a control-API body; throws an Error whose message names the bad field. */
	add(input: FaultInput): FaultRule {
		const mode = input.mode as FaultMode;
		if (!FAULT_MODES.includes(mode)) throw new Error(`mode must be one of ${FAULT_MODES.join(', ')}`);
		const endpoint = input.endpoint as ApiName | undefined;
		if (endpoint !== undefined && !(endpoint in APIS)) {
			throw new Error(`endpoint must be one of ${Object.keys(APIS).join(', ')}`);
		}
		if (input.path !== undefined && typeof input.path !== 'string') throw new Error('path must be a string');
		const count = input.count === undefined ? 1 : Number(input.count);
		if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
		const latencyMs = input.latencyMs === undefined ? 1000 : Number(input.latencyMs);
		if (!(latencyMs >= 0)) throw new Error('latencyMs must be a non-negative number');
		const status = input.status === undefined ? 500 : Number(input.status);
		if (!Number.isInteger(status) || status < 500 || status > 599) throw new Error('status must be an HTTP status from 500 to 599');
		const rate = input.rate === undefined ? 1 : Number(input.rate);
		if (!(rate > 0 && rate <= 1)) throw new Error('rate must be a number above 0 and at most 1');
		const timing = (input.timing ?? 'before') as FaultTiming;
		if (timing !== 'before' && timing !== 'after') throw new Error('timing must be "before" or "after"');
		const rule: FaultRule = {
			id: `fault_${this.nextId++}`,
			mode,
			endpoint,
			path: input.path as string | undefined,
			remaining: count,
			latencyMs,
			status,
			rate,
			timing,
			applied: 0,
		};
		this.rules.push(rule);
		return rule;
	}

	/** The fault for this request, if any rule matches (and its rate draws it); consumes one use of it. */
	take(endpoint: ApiName | undefined, path: string): FaultRule | undefined {
		const pathname = path.split('?')[0];
		const rule = this.rules.find(
			(r) =>
				(r.endpoint === undefined || r.endpoint === endpoint) &&
				(r.path === undefined || pathname === r.path || pathname.endsWith(r.path)) &&
				(r.rate >= 1 || Math.random() < r.rate),
		);
		if (!rule) return undefined;
		rule.remaining--;
		rule.applied++;
		if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
		return { ...rule };
	}

	list(): FaultRule[] {
		return this.rules.map((r) => ({ ...r }));
	}

	clear(): void {
		this.rules = [];
	}
}

/**
 * The old official mock gateway's magic amounts (its README's "Using API Mock"), reused because integrators know
 * them: a pay of 9901 minor units answers U/UNKNOWN_EXCEPTION, 9902 drops the connection; an
 * inquiryPayment of a payment of 9903 answers U, 9904 drops. Nothing is processed in either case.
 */
const MAGIC_AMOUNTS: Readonly<Record<string, { endpoint: ApiName; mode: 'unknown' | 'drop' }>> = {
	'9901': { endpoint: 'pay', mode: 'unknown' },
	'9902': { endpoint: 'pay', mode: 'drop' },
	'9903': { endpoint: 'inquiryPayment', mode: 'unknown' },
	'9904': { endpoint: 'inquiryPayment', mode: 'drop' },
};

export function magicAmountFault(
	endpoint: ApiName,
	body: unknown,
	findPaymentAmount: (ref: { paymentId?: string; paymentRequestId?: string }) => string | undefined,
): 'unknown' | 'drop' | undefined {
	if (endpoint !== 'pay' && endpoint !== 'inquiryPayment') return undefined;
	const fields = (body ?? {}) as { paymentAmount?: { value?: unknown }; paymentId?: string; paymentRequestId?: string };
	const value = endpoint === 'pay' ? String(fields.paymentAmount?.value ?? '') : findPaymentAmount(fields);
	const magic = value === undefined ? undefined : MAGIC_AMOUNTS[value];
	return magic?.endpoint === endpoint ? magic.mode : undefined;
}

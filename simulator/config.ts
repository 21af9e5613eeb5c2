import type { KeyObject } from 'node:crypto';

/** A merchant the simulator knows: its client ID and the public key it uploaded to "Antom Dashboard". */
export interface SimulatorMerchant {
	clientId: string;
	/** Any format the protocol core accepts (PEM, base64 DER, PKCS#1/SPKI, certificate) or a KeyObject. */
	publicKey: string | KeyObject;
	/** The key version requests must name (or omit). Default "1". */
	keyVersion?: string;
}

export type SignatureErrorCode = 'INVALID_SIGNATURE' | 'SIGNATURE_INVALID';

export interface SimulatorOptions {
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 8787; 0 picks a free port. */
	port?: number;
	/** Base URL written into order codes and /_sim/info when clients reach the simulator by another name. */
	publicBaseUrl?: string;
	merchants?: SimulatorMerchant[];
	/** The key the simulator signs responses and notifications with; without it a fresh pair is made per start. */
	alipayPrivateKey?: string | KeyObject;
	/** Notification retry delays are divided by this (1 h becomes 1 s at 3600). Default 1. */
	timeScale?: number;
	/** State is saved here atomically after each change and reloaded on start. */
	dataFile?: string;
	/** Unknown fields and number-typed scalars are PARAM_ILLEGAL (Alipay's pages say every field is a string). */
	strict?: boolean;
	/** A SANDBOX_ client ID on /ams/api (or another on /ams/sandbox/api) is an unknown client, as on the real gateways. Default false. */
	enforceEnvironment?: boolean;
	/** pay answers MERCHANT_NOT_REGISTERED unless the secondary merchant was approved. */
	requireRegistration?: boolean;
	/** One line per event; default silent. */
	log?: (line: string) => void;
	/** Order code lifetime when pay has no paymentExpiryTime (usually 3 minutes, says Alipay's Order Code page). Seconds. */
	defaultExpirySeconds?: number;
	/** Cancel is refused with CANCEL_WINDOW_EXCEED this long after paymentTime. Seconds; default 1 day. */
	cancelWindowSeconds?: number;
	/** Refund is refused with REFUND_WINDOW_EXCEED this long after paymentTime. Seconds; default 365 days. */
	refundWindowSeconds?: number;
	/** Refunds stay PROCESSING this long before SUCCESS (an asynchronous refund). Seconds; default 0. */
	refundProcessingSeconds?: number;
	/** false answers a second refund of a payment with MULTIPLE_REFUNDS_NOT_SUPPORTED. Default true. */
	multipleRefunds?: boolean;
	/**
	 * Also send notifyPayment when a payment fails (declined or expired). Default false: the in-store
	 * notifyPayment page documents notifications of successful payments only.
	 */
	notifyFailures?: boolean;
	/** Resend unacknowledged notifications of sandbox calls too. Default false: the sandbox does not resend. */
	sandboxResends?: boolean;
	/**
	 * What makes a call a sandbox one. Default 'path': a call under `/ams/sandbox/api`, the address
	 * Alipay's pages give for the sandbox. 'clientId': a `SANDBOX_` client ID, the prefix by which the
	 * official SDKs switch to that path.
	 */
	sandboxBy?: 'path' | 'clientId';
	/** paymentResultCode of an expired order code (not documented). Default ORDER_IS_CLOSED. */
	expiredResultCode?: string;
	/** Spelling of the signature failure code (pages use both INVALID_SIGNATURE and SIGNATURE_INVALID). Default INVALID_SIGNATURE. */
	signatureErrorCode?: SignatureErrorCode;
	/** Delays before each notification attempt, in seconds (Alipay: 0 s, 2 min, 10 min, 10 min, 1 h, 2 h, 6 h, 15 h). */
	notifyRetrySchedule?: number[];
	/** false counts any reply with result.resultStatus S as acknowledged, whatever its HTTP status. Default true. */
	ackRequiresHttp200?: boolean;
	/** Per-attempt timeout of a notification POST. Default 10 s. */
	notifyTimeoutMs?: number;
	/** Registrations are approved by every wallet after this many seconds; unset = only by the control API. */
	registrationReviewSeconds?: number;
	/** Wallets that review registrations. Default ["AlipayCN"]. */
	registrationWallets?: string[];
	/** Refuse requests whose Request-Time is further than this from now (PARAM_ILLEGAL). Default off (Alipay documents no limit). */
	maxRequestAgeSeconds?: number;
	/** UTC offset of response-time and body times, in minutes. Default 480 (+08:00). */
	timeOffsetMinutes?: number;
	/** The old mock gateway's magic amounts 9901-9904 trigger U answers and dropped connections. Default true. */
	magicAmounts?: boolean;
	/**
	 * What the pay answer's codeDetails hold: `link`, one SMALLIMAGE entry whose codeValue is the code's
	 * link, as Alipay's order-code docs show (default); `text`, one TEXT entry, as older sandbox answers;
	 * `textAndImages`, TEXT plus SMALLIMAGE, MIDDLEIMAGE and BIGIMAGE entries that are URLs of PNG images.
	 */
	orderCodeShape?: OrderCodeShape;
	/** How many recent requests the wallet page keeps. Default 200. */
	requestLogSize?: number;
	/** Share (0 to 1) of new notifications also delivered a second time, concurrently. Default 0. */
	duplicateRate?: number;
	/** Share (0 to 1) of acknowledgements dropped, so the notification is resent on the retry schedule. Default 0. */
	dropAckRate?: number;
	/** Every gateway request is answered this much later, standing for the network (benchmarks). Default 0. */
	latencyMs?: number;
	/** Requests per second (of simulated time) per client ID; more are answered U REQUEST_TRAFFIC_EXCEED_LIMIT. Default off. */
	rateLimitPerSecond?: number;
	/** Real time under the simulated clock; tests freeze it so only /_sim/clock/advance moves time. Default Date.now. */
	realNow?: () => number;
}

export const ORDER_CODE_SHAPES = ['link', 'text', 'textAndImages'] as const;
export type OrderCodeShape = (typeof ORDER_CODE_SHAPES)[number];

export const ALIPAY_NOTIFY_SCHEDULE_SECONDS: readonly number[] = [0, 120, 600, 600, 3600, 7200, 21600, 54000];

export type SimulatorConfig = Required<
	Omit<SimulatorOptions, 'merchants' | 'alipayPrivateKey' | 'dataFile' | 'publicBaseUrl' | 'registrationReviewSeconds' | 'maxRequestAgeSeconds' | 'rateLimitPerSecond' | 'realNow'>
> &
	Pick<SimulatorOptions, 'dataFile' | 'publicBaseUrl' | 'registrationReviewSeconds' | 'maxRequestAgeSeconds' | 'rateLimitPerSecond'>;

/** A share of events, 0 to 1; `what` names the option in the error. */
export function checkRate(what: string, value: unknown): number {
	if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new Error(`${what} must be a number from 0 to 1, got ${String(value)}`);
	return value;
}

export function resolveConfig(options: SimulatorOptions): SimulatorConfig {
	const timeScale = options.timeScale ?? 1;
	if (!(timeScale > 0)) throw new Error(`timeScale must be a positive number, got ${String(options.timeScale)}`);
	return {
		host: options.host ?? '127.0.0.1',
		port: options.port ?? 8787,
		publicBaseUrl: options.publicBaseUrl?.replace(/\/+$/, ''),
		timeScale,
		dataFile: options.dataFile,
		strict: options.strict ?? false,
		requireRegistration: options.requireRegistration ?? false,
		enforceEnvironment: options.enforceEnvironment ?? false,
		log: options.log ?? (() => undefined),
		defaultExpirySeconds: options.defaultExpirySeconds ?? 180,
		cancelWindowSeconds: options.cancelWindowSeconds ?? 86_400,
		refundWindowSeconds: options.refundWindowSeconds ?? 365 * 86_400,
		refundProcessingSeconds: options.refundProcessingSeconds ?? 0,
		multipleRefunds: options.multipleRefunds ?? true,
		notifyFailures: options.notifyFailures ?? false,
		sandboxResends: options.sandboxResends ?? false,
		sandboxBy: options.sandboxBy ?? 'path',
		expiredResultCode: options.expiredResultCode ?? 'ORDER_IS_CLOSED',
		signatureErrorCode: options.signatureErrorCode ?? 'INVALID_SIGNATURE',
		notifyRetrySchedule: options.notifyRetrySchedule ?? [...ALIPAY_NOTIFY_SCHEDULE_SECONDS],
		ackRequiresHttp200: options.ackRequiresHttp200 ?? true,
		notifyTimeoutMs: options.notifyTimeoutMs ?? 10_000,
		registrationReviewSeconds: options.registrationReviewSeconds,
		registrationWallets: options.registrationWallets ?? ['AlipayCN'],
		maxRequestAgeSeconds: options.maxRequestAgeSeconds,
		timeOffsetMinutes: options.timeOffsetMinutes ?? 480,
		magicAmounts: options.magicAmounts ?? true,
		orderCodeShape: orderCodeShape(options.orderCodeShape ?? 'link'),
		requestLogSize: options.requestLogSize ?? 200,
		duplicateRate: checkRate('duplicateRate', options.duplicateRate ?? 0),
		dropAckRate: checkRate('dropAckRate', options.dropAckRate ?? 0),
		latencyMs: nonNegative('latencyMs', options.latencyMs ?? 0),
		rateLimitPerSecond:
			options.rateLimitPerSecond === undefined ? undefined : positive('rateLimitPerSecond', options.rateLimitPerSecond),
	};
}

function orderCodeShape(value: string): OrderCodeShape {
	const shape = ORDER_CODE_SHAPES.find((known) => known === value);
	if (!shape) throw new Error(`orderCodeShape must be one of ${ORDER_CODE_SHAPES.join(', ')}, got ${value}`);
	return shape;
}

function nonNegative(name: string, value: number): number {
	if (!(value >= 0)) throw new Error(`${name} must be a non-negative number, got ${String(value)}`);
	return value;
}

function positive(name: string, value: number): number {
	if (!(value > 0)) throw new Error(`${name} must be a positive number, got ${String(value)}`);
	return value;
}

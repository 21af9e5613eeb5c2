import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadOrCreateDevKeys } from './dev-keys';
import { startSimulator, type SimulatorMerchant, type SimulatorOptions } from './index';

/**
 * `npm run simulator [flags]`: the local Alipay gateway for n8n users and demos.
 * Flags are listed by --help; see simulator/README.md for the full story.
 */
export const DEFAULT_DEV_CLIENT_ID = 'SANDBOX_5YSIMULATOR00001';

const HELP = `Usage: npm run simulator -- [flags]

  --port N                      listen port (default 8787; 0 = random)
  --host H                      listen address (default 127.0.0.1)
  --client-id ID                a merchant client ID; repeatable, each followed by its key
  --merchant-public-key K       that merchant's public key: a file path or the key text (PEM or base64)
  --key-version V               that merchant's key version (default 1)
  --alipay-private-key K        the key the simulator signs with: a file path or the key text
  --time-scale N                divide notification retry delays by N (e.g. 3600: 1 h becomes 1 s)
  --data-file PATH              save state atomically after each change and reload it on start
  --strict                      unknown fields and number-typed scalars are PARAM_ILLEGAL
  --require-registration        pay answers MERCHANT_NOT_REGISTERED for merchants not approved
  --enforce-environment         SANDBOX_ client IDs only on /ams/sandbox/api, others only on /ams/api
  --registration-review-seconds N   wallets approve registrations automatically after N seconds
  --expiry-seconds N            order code lifetime when pay gives no paymentExpiryTime (default 180)
  --refund-processing-seconds N refunds stay PROCESSING for N seconds (asynchronous refunds; default 0)
  --signature-error-code C      INVALID_SIGNATURE (default) or SIGNATURE_INVALID
  --public-base-url URL         base URL to print and put in order codes (behind a proxy or in Docker)
  --no-magic-amounts            amounts 9901-9904 (minor units) behave like any other
  --notify-failures             also send notifyPayment for declined and expired payments (Alipay documents
                                notifications of successful payments only)
  --sandbox-resends             resend unacknowledged notifications of sandbox calls too (the sandbox
                                does not resend)
  --sandbox-by S                what makes a call a sandbox one: path (default; /ams/sandbox/api, as
                                Alipay's pages give it) or client-id (a SANDBOX_ client ID)
  --order-code-shape S          codeDetails of pay answers: link (default; one SMALLIMAGE entry holding
                                the code's link, as Alipay documents), text (one TEXT entry) or
                                textAndImages (TEXT plus three PNG image URLs)
  --duplicate-rate R            also deliver this share (0-1) of notifications a second time, concurrently
  --drop-ack-rate R             drop this share (0-1) of acknowledgements, so those notifications are resent
  --latency-ms N                answer every gateway request N ms later (stands for the network)
  --notify-timeout-seconds N    wait N seconds for the merchant's answer to each notification attempt
                                (default 10; Alipay does not document its wait)
  --rate-limit N                N requests per second per client ID; more get U REQUEST_TRAFFIC_EXCEED_LIMIT
  --keys-dir PATH               where the dev key pairs live (default .simulator)
  --quiet                       no request log on stdout
  --help

With no key flags the simulator creates dev key pairs once in .simulator/ (git-ignored) and reuses them.`;

export interface ParsedFlags {
	options: SimulatorOptions;
	/** Merchants given on the command line; keys may be absent (then the dev key is used). */
	merchants: Array<{ clientId?: string; publicKey?: string; keyVersion?: string }>;
	alipayPrivateKey?: string;
	keysDir: string;
	quiet: boolean;
	help: boolean;
}

/** A flag value is a file when such a file exists, else the key text itself. */
function keyText(value: string): string {
	return existsSync(value) ? readFileSync(value, 'utf8') : value;
}

function numberFlag(flag: string, value: string | undefined): number {
	const n = Number(value);
	if (value === undefined || !Number.isFinite(n)) throw new Error(`${flag} needs a number`);
	return n;
}

export function parseFlags(argv: string[]): ParsedFlags {
	const parsed: ParsedFlags = { options: {}, merchants: [], keysDir: '.simulator', quiet: false, help: false };
	const lastMerchant = () => {
		if (parsed.merchants.length === 0) parsed.merchants.push({});
		return parsed.merchants[parsed.merchants.length - 1];
	};
	for (let i = 0; i < argv.length; i++) {
		const flag = argv[i];
		const value = (): string => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--port': parsed.options.port = numberFlag(flag, value()); break;
			case '--host': parsed.options.host = value(); break;
			case '--client-id': parsed.merchants.push({ clientId: value() }); break;
			case '--merchant-public-key': {
				const m = lastMerchant();
				if (m.publicKey !== undefined) parsed.merchants.push({ publicKey: keyText(value()) });
				else m.publicKey = keyText(value());
				break;
			}
			case '--key-version': lastMerchant().keyVersion = value(); break;
			case '--alipay-private-key': parsed.alipayPrivateKey = keyText(value()); break;
			case '--time-scale': parsed.options.timeScale = numberFlag(flag, value()); break;
			case '--data-file': parsed.options.dataFile = resolve(value()); break;
			case '--strict': parsed.options.strict = true; break;
			case '--require-registration': parsed.options.requireRegistration = true; break;
			case '--enforce-environment': parsed.options.enforceEnvironment = true; break;
			case '--registration-review-seconds': parsed.options.registrationReviewSeconds = numberFlag(flag, value()); break;
			case '--expiry-seconds': parsed.options.defaultExpirySeconds = numberFlag(flag, value()); break;
			case '--refund-processing-seconds': parsed.options.refundProcessingSeconds = numberFlag(flag, value()); break;
			case '--signature-error-code': {
				const code = value();
				if (code !== 'INVALID_SIGNATURE' && code !== 'SIGNATURE_INVALID') throw new Error(`${flag} is INVALID_SIGNATURE or SIGNATURE_INVALID`);
				parsed.options.signatureErrorCode = code;
				break;
			}
			case '--public-base-url': parsed.options.publicBaseUrl = value(); break;
			case '--no-magic-amounts': parsed.options.magicAmounts = false; break;
			case '--notify-failures': parsed.options.notifyFailures = true; break;
			case '--sandbox-resends': parsed.options.sandboxResends = true; break;
			case '--sandbox-by': {
				const by = value();
				if (by !== 'path' && by !== 'client-id') throw new Error(`--sandbox-by must be path or client-id, got ${by}`);
				parsed.options.sandboxBy = by === 'path' ? 'path' : 'clientId';
				break;
			}
			case '--order-code-shape': parsed.options.orderCodeShape = value() as SimulatorOptions['orderCodeShape']; break;
			case '--duplicate-rate': parsed.options.duplicateRate = numberFlag(flag, value()); break;
			case '--drop-ack-rate': parsed.options.dropAckRate = numberFlag(flag, value()); break;
			case '--latency-ms': parsed.options.latencyMs = numberFlag(flag, value()); break;
			case '--notify-timeout-seconds': {
				const seconds = numberFlag(flag, value());
				if (!(seconds > 0)) throw new Error(`${flag} needs a positive number`);
				parsed.options.notifyTimeoutMs = seconds * 1000;
				break;
			}
			case '--rate-limit': parsed.options.rateLimitPerSecond = numberFlag(flag, value()); break;
			case '--keys-dir': parsed.keysDir = value(); break;
			case '--quiet': parsed.quiet = true; break;
			case '--help': case '-h': parsed.help = true; break;
			default: throw new Error(`unknown flag ${flag} (see --help)`);
		}
	}
	return parsed;
}

function isLoopback(host: string): boolean {
	return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

async function main(): Promise<void> {
	const flags = parseFlags(process.argv.slice(2));
	if (flags.help) {
		console.log(HELP);
		return;
	}
	const needsDevKeys = !flags.alipayPrivateKey || flags.merchants.length === 0 || flags.merchants.some((m) => !m.publicKey);
	const dev = needsDevKeys ? loadOrCreateDevKeys(resolve(flags.keysDir)) : undefined;
	const merchantSpecs = flags.merchants.length > 0 ? flags.merchants : [{}];
	const merchants: SimulatorMerchant[] = merchantSpecs.map((m) => ({
		clientId: m.clientId ?? DEFAULT_DEV_CLIENT_ID,
		publicKey: m.publicKey ?? (dev as NonNullable<typeof dev>).merchantPublicKey,
		keyVersion: m.keyVersion,
	}));
	const sim = await startSimulator({
		...flags.options,
		merchants,
		alipayPrivateKey: flags.alipayPrivateKey ?? dev?.alipayPrivateKey,
		log: flags.quiet ? undefined : (line) => console.log(`[${new Date().toISOString()}] ${line}`),
	});
	const keySource = (given: boolean, what: string) =>
		given ? `${what}: from the command line` : `${what}: dev key in ${dev?.folder}${dev?.created ? ' (created now)' : ''}`;
	console.log(
		[
			'',
			`Alipay simulator running at ${sim.baseUrl}`,
			`  Wallet page:        ${sim.baseUrl}/_sim/`,
			`  Client ID(s):       ${sim.clientIds.join(', ')}`,
			`  Alipay public key:  ${sim.alipayPublicKey}`,
			`  ${keySource(flags.alipayPrivateKey !== undefined, 'Alipay private key')}`,
			`  ${keySource(flags.merchants.length > 0 && flags.merchants.every((m) => m.publicKey), 'Merchant public key')}`,
			...(dev && merchantSpecs.some((m) => !m.publicKey)
				? [`  Merchant private key for the n8n credential: ${resolve(dev.folder, 'merchant-private.pem')}`]
				: []),
			`  n8n credential: Gateway = Custom, Custom Base URL = ${sim.baseUrl}`,
			flags.options.dataFile ? `  State file:         ${flags.options.dataFile}` : '  State: in memory (use --data-file to keep it)',
			...(isLoopback(flags.options.host ?? '127.0.0.1')
				? []
				: ['  Warning: the control API (/_sim) has no authentication and is now reachable from the network.']),
			'',
		].join('\n'),
	);
	const stop = () => {
		void sim.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(`simulator: ${(error as Error).message}`);
		process.exit(1);
	});
}

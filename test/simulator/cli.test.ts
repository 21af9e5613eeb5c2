import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../../simulator/config';
import { DEFAULT_DEV_CLIENT_ID, parseFlags } from '../../simulator/main';
import { TEST_KEYS, fixture } from '../helpers/keys';
import { WireMerchant, expectResult, payBody } from './wire';

const ROOT = join(__dirname, '..', '..');

describe('npm run simulator flags', () => {
	it('pairs each --client-id with the key that follows it and reads keys from files or text', () => {
		const parsed = parseFlags([
			'--client-id', 'SANDBOX_A',
			'--merchant-public-key', join(ROOT, 'test', 'fixtures', 'merchant-public.pem'),
			'--client-id', 'SANDBOX_B',
			'--merchant-public-key', TEST_KEYS.merchantPublic,
			'--key-version', '2',
			'--time-scale', '3600',
			'--strict',
			'--require-registration',
			'--port', '0',
		]);
		expect(parsed.merchants).toEqual([
			{ clientId: 'SANDBOX_A', publicKey: fixture('merchant-public.pem') },
			{ clientId: 'SANDBOX_B', publicKey: TEST_KEYS.merchantPublic, keyVersion: '2' },
		]);
		expect(parsed.options).toMatchObject({ timeScale: 3600, strict: true, requireRegistration: true, port: 0 });
	});

	it('--order-code-shape picks what pay answers carry in codeDetails; an unknown shape is refused by name', () => {
		expect(parseFlags(['--order-code-shape', 'textAndImages']).options).toEqual({ orderCodeShape: 'textAndImages' });
		expect(resolveConfig({}).orderCodeShape).toBe('link');
		expect(() => resolveConfig({ orderCodeShape: 'images' as never })).toThrow(
			'orderCodeShape must be one of link, text, textAndImages, got images',
		);
	});

	it('--notify-timeout-seconds sets how long each notification attempt waits for its answer; 10 s unless set', () => {
		expect(parseFlags(['--notify-timeout-seconds', '600']).options).toEqual({ notifyTimeoutMs: 600_000 });
		expect(resolveConfig({}).notifyTimeoutMs).toBe(10_000);
		expect(() => parseFlags(['--notify-timeout-seconds', '0'])).toThrow('--notify-timeout-seconds needs a positive number');
	});

	it('names the flag that is wrong', () => {
		expect(() => parseFlags(['--port'])).toThrow('--port needs a value');
		expect(() => parseFlags(['--time-scale', 'fast'])).toThrow('--time-scale needs a number');
		expect(() => parseFlags(['--colour'])).toThrow('unknown flag --colour');
		expect(() => parseFlags(['--signature-error-code', 'BAD_SIG'])).toThrow(/INVALID_SIGNATURE or SIGNATURE_INVALID/);
	});
});

describe('npm run simulator as a process', () => {
	let dir: string;
	beforeAll(() => {
		dir = mkdtempSync(join(tmpdir(), 'alipay-sim-cli-'));
	});
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	interface Started {
		child: ChildProcessWithoutNullStreams;
		output: string;
		baseUrl: string;
		alipayPublicKey: string;
	}

	function start(args: string[]): Promise<Started> {
		const child = spawn(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'simulator', 'main.ts'), ...args], {
			cwd: ROOT,
		});
		return new Promise((resolve, reject) => {
			let output = '';
			const timer = setTimeout(() => {
				// A simulator that never printed its banner must not outlive the test.
				child.kill('SIGKILL');
				reject(new Error(`no start-up banner: ${output}`));
			}, 25_000);
			child.stderr.on('data', (c: Buffer) => (output += c.toString()));
			child.stdout.on('data', (c: Buffer) => {
				output += c.toString();
				const url = /running at (http:\/\/\S+)/.exec(output);
				const key = /Alipay public key:\s+(\S+)/.exec(output);
				const done = /State/.test(output);
				if (url && key && done) {
					clearTimeout(timer);
					resolve({ child, output, baseUrl: url[1], alipayPublicKey: key[1] });
				}
			});
			child.on('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`exited with ${code}: ${output}`));
			});
		});
	}

	function stop(started: Started): Promise<void> {
		const { child } = started;
		// Already gone (it crashed mid-test): waiting for 'exit' would hang until jest's timeout.
		if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => {
			child.removeAllListeners('exit');
			child.on('exit', () => resolve());
			child.kill('SIGTERM');
		});
	}

	it('creates dev keys once, prints what a user needs, reuses the keys and keeps payments across a restart', async () => {
		const keysDir = join(dir, 'keys');
		const dataFile = join(dir, 'state.json');
		const args = ['--port', '0', '--keys-dir', keysDir, '--data-file', dataFile, '--quiet'];
		const first = await start(args);
		let paymentId: string;
		try {
			expect(first.output).toContain(`Client ID(s):       ${DEFAULT_DEV_CLIENT_ID}`);
			expect(first.output).toContain('(created now)');
			expect(first.output).toContain(join(keysDir, 'merchant-private.pem'));
			expect(first.output).not.toMatch(/BEGIN (RSA )?PRIVATE KEY|MIIE/);
			expect(statSync(join(keysDir, 'alipay-private.pem')).mode & 0o077).toBe(0);
			const merchant = new WireMerchant(first.baseUrl, first.alipayPublicKey);
			const paid = await merchant.call('/v1/payments/pay', payBody(), {
				clientId: DEFAULT_DEV_CLIENT_ID,
				privatePemFile: join(keysDir, 'merchant-private.pem'),
			});
			expectResult(paid, 'S', 'SUCCESS');
			paymentId = paid.json.paymentId;
		} finally {
			await stop(first);
		}
		const second = await start(args);
		try {
			expect(second.alipayPublicKey).toBe(first.alipayPublicKey);
			expect(second.output).not.toContain('(created now)');
			const merchant = new WireMerchant(second.baseUrl, second.alipayPublicKey);
			const inquiry = await merchant.call('/v1/payments/inquiryPayment', { paymentId }, {
				clientId: DEFAULT_DEV_CLIENT_ID,
				privatePemFile: join(keysDir, 'merchant-private.pem'),
			});
			expect(inquiry.verified).toBe(true);
			expect(inquiry.json.paymentStatus).toBe('PROCESSING');
		} finally {
			await stop(second);
		}
	}, 60_000);
});

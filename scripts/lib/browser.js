'use strict';
// Debian's Chromium driven by playwright-core: never a downloaded browser (none can be fetched
// here). The flags keep Chromium off the network it cannot reach anyway.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** Installs Debian's chromium when missing (root on these machines and on CI). */
function ensureChromium(log) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	// Without root apt-get fails with a lock-file message that does not say what is missing.
	if (process.getuid && process.getuid() !== 0) {
		throw new Error(`${CHROMIUM} is missing: install Debian's chromium (sudo apt-get install chromium), then run again`);
	}
	const t0 = Date.now();
	log('chromium missing: apt-get install -y chromium ...');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
	log(`chromium installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
	return CHROMIUM;
}

/**
 * A fresh profile per launch, inside `parentDir` (the suite's work folder, wiped by the next run,
 * so a killed run leaves no profile behind); returns { context, close }.
 */
async function launch({ parentDir = os.tmpdir(), viewport = { width: 1440, height: 900 } } = {}) {
	const { chromium } = require('playwright-core');
	fs.mkdirSync(parentDir, { recursive: true });
	const userDataDir = fs.mkdtempSync(path.join(parentDir, 'chromium-profile-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: FLAGS,
		viewport,
	});
	return {
		context,
		close: async () => {
			await context.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { ensureChromium, launch };

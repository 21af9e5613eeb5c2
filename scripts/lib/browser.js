'use strict';
// Debian's Chromium driven by playwright-core: never a downloaded browser (none can be fetched
// here). The flags keep Chromium off the network it cannot reach anyway.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureDebianPackages } = require('./apt');

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
	ensureDebianPackages({ chromium: CHROMIUM }, log);
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

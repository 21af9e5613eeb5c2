'use strict';
// Debian packages the suites need (Chromium for the editor checks; Postgres and Redis for queue
// mode), installed with apt-get when missing: root on these machines and on CI, no other source.

const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

// Another apt-get on the machine (a second suite, an engineer) makes this one wait, not fail.
const LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=600'];

/**
 * Installs the Debian packages of `wanted` ({ package: path it provides }) whose path is missing.
 * Returns the seconds spent installing (0 when everything was there).
 */
function ensureDebianPackages(wanted, log) {
	const missing = Object.entries(wanted)
		.filter(([, provides]) => !fs.existsSync(provides))
		.map(([pkg]) => pkg);
	if (missing.length === 0) return 0;
	// Without root apt-get fails with a lock-file message that does not say what is missing.
	if (process.getuid && process.getuid() !== 0) {
		throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them (sudo apt-get install ${missing.join(' ')}), then run again`);
	}
	const t0 = Date.now();
	log(`apt-get install -y ${missing.join(' ')} ...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', [...LOCK_WAIT, 'update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
	execFileSync('apt-get', [...LOCK_WAIT, 'install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
	const seconds = (Date.now() - t0) / 1000;
	log(`${missing.join(', ')} installed in ${seconds.toFixed(1)} s`);
	return seconds;
}

module.exports = { ensureDebianPackages };

'use strict';
// Builds the package and turns it into exactly what users install: the `npm pack` tarball,
// unpacked. What is not in `files` is not in the tarball, so n8n sees what the registry serves.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');

function timed(log, label, fn) {
	const t0 = Date.now();
	const out = fn();
	log(`${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
	return out;
}

function build(log) {
	timed(log, 'npm run build', () =>
		execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }),
	);
}

/** npm pack into workDir, unpack it there; returns the unpacked package folder. */
function packAndUnpack(workDir, log) {
	fs.rmSync(workDir, { recursive: true, force: true });
	fs.mkdirSync(workDir, { recursive: true });
	return timed(log, 'npm pack', () => {
		const out = execFileSync('npm', ['pack', '--json', '--pack-destination', workDir], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const [{ filename }] = JSON.parse(out);
		const unpacked = path.join(workDir, 'package');
		execFileSync('tar', ['-xzf', path.join(workDir, path.basename(filename)), '-C', workDir]);
		return unpacked;
	});
}

module.exports = { ROOT, build, packAndUnpack };

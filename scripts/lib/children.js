'use strict';
// Every long-running child (n8n, the simulator) is started here, in its own process group, so
// that one kill reaches its grandchildren too (n8n's task runner, tsx's node). On exit, Ctrl-C,
// SIGTERM or a crash, all groups are stopped: nothing is left behind.

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const running = new Set();
let handlersInstalled = false;
let stopping;
let signalled = false;

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

function installHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	// Last resort for paths that skip stopAll (process.exit, uncaught errors): synchronous SIGKILL.
	process.on('exit', () => {
		for (const child of running) killGroup(child, 'SIGKILL');
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (stopping) {
				// A second Ctrl-C: stop waiting for graceful shutdowns.
				for (const child of running) killGroup(child, 'SIGKILL');
				process.exit(130);
			}
			signalled = true;
			console.log(`\n${signal}: stopping everything ...`);
			stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		});
	}
}

/** Spawns a child in its own process group and tracks it until it exits. */
function spawnChild(command, args, options = {}) {
	installHandlers();
	const child = spawn(command, args, { ...options, detached: true });
	running.add(child);
	child.exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			running.delete(child);
			resolve({ code, signal });
		});
		child.on('error', (error) => {
			running.delete(child);
			resolve({ code: -1, signal: null, error });
		});
	});
	return child;
}

/**
 * Starts a long-running child with its output appended to logFile, and polls `ready` (which
 * returns a truthy value or throws) until it succeeds; fails at once if the child exits first.
 * Resolves to { child, value, seconds }.
 */
async function startService({ name, command, args, cwd, env, uid, gid, logFile, ready, timeoutMs = 120000, intervalMs = 250 }) {
	const t0 = Date.now();
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	logStream.write(`\n$ ${name} (${new Date().toISOString()})\n`);
	const child = spawnChild(command, args, { cwd, env, uid, gid, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout.pipe(logStream);
	child.stderr.pipe(logStream);
	let exited;
	child.exited.then((r) => (exited = r));
	while (Date.now() - t0 < timeoutMs) {
		if (exited) {
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			throw new Error(`${name} exited during start-up (${exited.signal || exited.code}); last lines of ${logFile}:\n${tail}`);
		}
		try {
			const value = await ready();
			if (value) return { child, value, seconds: ((Date.now() - t0) / 1000).toFixed(1) };
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	await stopChild(child, 5000);
	throw new Error(`${name} not ready after ${timeoutMs / 1000} s; see ${logFile}`);
}

/**
 * SIGTERM (or the child's own `stopSignal`), then SIGKILL after graceMs; resolves once the child
 * has exited.
 */
async function stopChild(child, graceMs = 15000) {
	if (!running.has(child)) return;
	killGroup(child, child.stopSignal || 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	// The group may still hold grandchildren that ignored SIGTERM.
	killGroup(child, 'SIGKILL');
}

function stopAll(graceMs) {
	if (!stopping) {
		stopping = Promise.all([...running].reverse().map((c) => stopChild(c, graceMs))).finally(() => {
			stopping = undefined;
		});
	}
	return stopping;
}

/** True once Ctrl-C (or SIGTERM/SIGHUP) asked everything to stop: children exiting then is expected. */
function stopRequested() {
	return signalled;
}

module.exports = { spawnChild, startService, stopChild, stopAll, stopRequested };

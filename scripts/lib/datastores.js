'use strict';
// Postgres and Redis for n8n's queue mode, from Debian's packages (installed with apt-get when
// missing), each a child of this process with its data in the suite's work folder: stopped with
// everything else (scripts/lib/children.js), and nothing kept for the next run.

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { startService, stopChild } = require('./children');
const { ensureDebianPackages } = require('./apt');

const POSTGRES_MAJOR = 15;
const POSTGRES_BIN = `/usr/lib/postgresql/${POSTGRES_MAJOR}/bin`;
const REDIS_SERVER = '/usr/bin/redis-server';

/** Installs Postgres 15 and Redis when missing; returns the seconds apt-get took (0 when cached). */
function ensureDatastores(log) {
	return ensureDebianPackages({ [`postgresql-${POSTGRES_MAJOR}`]: `${POSTGRES_BIN}/postgres`, 'redis-server': REDIS_SERVER }, log);
}

function run(command, args, options = {}) {
	return new Promise((resolve, reject) => {
		execFile(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${path.basename(command)} ${args.join(' ')}: ${stderr || error.message}`));
			else resolve(stdout);
		});
	});
}

/** Postgres refuses to run as root: as root, it runs as Debian's `postgres` user. */
function postgresUser() {
	if (!process.getuid || process.getuid() !== 0) return {};
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root, but there is no postgres user to run Postgres as (is postgresql installed?)');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

class Postgres {
	/**
	 * @param {object} o
	 * @param {string} o.dir data folder (created; wiped by the caller)
	 * @param {number} o.port TCP port on 127.0.0.1 (no Unix socket)
	 * @param {string} o.logFile
	 * @param {(line: string) => void} o.log
	 */
	constructor(o) {
		Object.assign(this, o);
		this.user = postgresUser();
	}

	async start({ timeoutMs = 60000 } = {}) {
		fs.mkdirSync(this.dir, { recursive: true });
		if (this.user.uid !== undefined) fs.chownSync(this.dir, this.user.uid, this.user.gid);
		await run(`${POSTGRES_BIN}/initdb`, ['-D', this.dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'], this.user);
		const { child, seconds } = await startService({
			name: `postgres ${POSTGRES_MAJOR}`,
			command: `${POSTGRES_BIN}/postgres`,
			// A throwaway test database: durability settings off, so the storm measures n8n, not fsync.
			args: [
				'-D', this.dir,
				'-p', String(this.port),
				'-c', 'listen_addresses=127.0.0.1',
				'-c', 'unix_socket_directories=',
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
				'-c', 'max_connections=200',
			],
			...this.user,
			logFile: this.logFile,
			ready: () => this.query('postgres', 'select 1').then((out) => out.trim() === '1'),
			timeoutMs,
		});
		// Fast shutdown: clients are disconnected, not waited for (SIGTERM would wait for them).
		child.stopSignal = 'SIGINT';
		this.child = child;
		this.log(`postgres ${POSTGRES_MAJOR} ready on 127.0.0.1:${this.port} in ${seconds} s`);
	}

	/** One SQL statement through psql; rows come back as `|`-separated lines. */
	query(database, sql) {
		return run('psql', ['-X', '-q', '-A', '-t', '-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-d', database, '-c', sql]);
	}

	async createDatabase(name) {
		await this.query('postgres', `create database "${name}"`);
	}

	async stop() {
		if (this.child) await stopChild(this.child, 15000);
	}
}

class Redis {
	/**
	 * @param {object} o
	 * @param {string} o.dir working folder
	 * @param {number} o.port
	 * @param {string} o.logFile
	 * @param {(line: string) => void} o.log
	 */
	constructor(o) {
		Object.assign(this, o);
	}

	async start({ timeoutMs = 30000 } = {}) {
		fs.mkdirSync(this.dir, { recursive: true });
		const { child, seconds } = await startService({
			name: 'redis',
			command: REDIS_SERVER,
			args: ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir],
			logFile: this.logFile,
			ready: () => this.ping(),
			timeoutMs,
		});
		this.child = child;
		this.log(`redis ready on 127.0.0.1:${this.port} in ${seconds} s`);
	}

	/** PING in Redis' inline protocol: no client library needed. */
	ping() {
		return new Promise((resolve) => {
			const socket = net.connect(this.port, '127.0.0.1');
			let answer = '';
			const done = (ok) => {
				socket.destroy();
				resolve(ok);
			};
			socket.setTimeout(2000, () => done(false));
			socket.on('error', () => done(false));
			socket.on('connect', () => socket.write('PING\r\n'));
			socket.on('data', (d) => {
				answer += d;
				if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
			});
		});
	}

	async stop() {
		if (this.child) await stopChild(this.child, 10000);
	}
}

module.exports = { ensureDatastores, Postgres, Redis };

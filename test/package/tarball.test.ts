import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { execFileSync } from 'node:child_process';

/**
 * The tarball users install, as `npm pack` makes it from a fresh build: what is in it, what its
 * package.json promises n8n, and what its code may touch. n8n verifies community packages by these
 * rules (zero runtime dependencies, only n8n-workflow and Node built-ins, nothing the Cloud-strict
 * lint forbids), so a rule broken here is a package n8n would refuse.
 */

const pack = require('../../scripts/lib/package') as {
	build: (log: (line: string) => void) => void;
	packAndUnpack: (workDir: string, log: (line: string) => void) => string;
};

const quiet = () => undefined;
let work: string;
let root: string;
let files: string[];
let manifest: Record<string, any>;

function listFiles(dir: string): string[] {
	const out = execFileSync('find', [dir, '-type', 'f'], { encoding: 'utf8' });
	return out
		.split('\n')
		.filter(Boolean)
		.map((f) => relative(dir, f).split(sep).join(posix.sep))
		.sort();
}

const code = () => files.filter((f) => f.endsWith('.js')).map((f) => ({ file: f, text: readFileSync(join(root, f), 'utf8') }));

beforeAll(() => {
	pack.build(quiet);
	work = mkdtempSync(join(tmpdir(), 'alipay-tarball-'));
	root = pack.packAndUnpack(work, quiet);
	files = listFiles(root);
	manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed tarball', () => {
	it('holds only the build, the package entry and the documents users read', () => {
		const outside = files.filter((f) => !f.startsWith('dist/'));
		expect(outside).toEqual(['CHANGELOG.md', 'LICENSE.md', 'README.md', 'index.js', 'package.json']);
	});

	it('ships no declaration files, tests, simulator, fixtures or keys', () => {
		expect(files.filter((f) => f.endsWith('.d.ts'))).toEqual([]);
		expect(files.filter((f) => /(^|\/)(test|tests|simulator|fixtures|scripts|examples)\//.test(f))).toEqual([]);
		expect(files.filter((f) => /\.(pem|key|der|p12)$|vectors/.test(f))).toEqual([]);
		const keyLike = /BEGIN [A-Z ]*PRIVATE KEY|MII[CEJ][A-Za-z0-9+/]{60}/;
		expect(files.filter((f) => keyLike.test(readFileSync(join(root, f), 'utf8')))).toEqual([]);
	});

	it('ships source maps that point at sources without embedding them', () => {
		const maps = files.filter((f) => f.endsWith('.map'));
		expect(maps.length).toBeGreaterThan(0);
		for (const map of maps) {
			const parsed = JSON.parse(readFileSync(join(root, map), 'utf8'));
			expect({ map, sourcesContent: parsed.sourcesContent }).toEqual({ map, sourcesContent: undefined });
		}
	});

	it('declares no runtime dependencies and n8n-workflow as a "*" peer', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
		expect(manifest.overrides).toBeUndefined();
	});

	it('contains every file its n8n block names, and the main entry', () => {
		const named = [...manifest.n8n.credentials, ...manifest.n8n.nodes, manifest.main];
		expect(named.length).toBeGreaterThan(2);
		expect(named.filter((f: string) => !files.includes(f))).toEqual([]);
	});

	it('imports nothing but n8n-workflow, node: built-ins and its own files', () => {
		const strays: string[] = [];
		for (const { file, text } of code()) {
			for (const [, spec] of text.matchAll(/require\(["']([^"']+)["']\)/g)) {
				if (spec === 'n8n-workflow' || spec.startsWith('node:')) continue;
				if (spec.startsWith('.')) {
					const target = posix.join(posix.dirname(file), spec);
					if ([target, `${target}.js`, `${target}.json`, `${target}/index.js`].some((t) => files.includes(t))) continue;
				}
				strays.push(`${file}: ${spec}`);
			}
			if (/\bimport\s*\(/.test(text)) strays.push(`${file}: dynamic import()`);
		}
		expect(strays).toEqual([]);
	});

	it('touches no environment, file system, child process or timer', () => {
		const forbidden = /\bprocess\.|node:fs|["']fs["']|child_process|\bset(Timeout|Interval|Immediate)\s*\(|\bconsole\./;
		const hits = code()
			.filter(({ text }) => forbidden.test(text))
			.map(({ file, text }) => `${file}: ${text.match(forbidden)![0]}`);
		expect(hits).toEqual([]);
	});
});

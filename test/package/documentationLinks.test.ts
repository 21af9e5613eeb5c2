import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AlipayApi } from '../../credentials/AlipayApi.credentials';

/**
 * The documentation links n8n shows (the nodes' codex files, the credential's documentationUrl) and
 * the `docs/*.md#section` pointers in code comments lead somewhere: every anchor is a heading of
 * the file it names, as GitHub renders it.
 */

const ROOT = join(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/n8n-nodes-alipay/n8n-nodes-alipay';

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingAnchors(markdown: string): Set<string> {
	const anchors = new Set<string>();
	const seen = new Map<string, number>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*```/.test(line)) fenced = !fenced;
		const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!heading) continue;
		const slug = heading[1]
			.replace(/`/g, '')
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-');
		const count = seen.get(slug) ?? 0;
		seen.set(slug, count + 1);
		anchors.add(count === 0 ? slug : `${slug}-${count}`);
	}
	return anchors;
}

function filesUnder(dir: string, extensions: RegExp): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path, extensions);
		return extensions.test(name) ? [path] : [];
	});
}

function anchorsOf(file: string): Set<string> {
	return headingAnchors(readFileSync(join(ROOT, file), 'utf8'));
}

describe('GitHub heading anchors', () => {
	it.each([
		['## Alipay node', 'alipay-node'],
		['## Alipay Trigger', 'alipay-trigger'],
		["## Choices where Alipay's docs are silent", 'choices-where-alipays-docs-are-silent'],
		['### How `npm run bench` measures', 'how-npm-run-bench-measures'],
		['## Batching (Options → Batching)', 'batching-options--batching'],
	])('%s is #%s', (heading, anchor) => {
		expect([...headingAnchors(`${heading}\n`)]).toEqual([anchor]);
	});

	it('a repeated heading gets a numbered anchor, and headings inside code blocks are none', () => {
		expect([...headingAnchors('## Keys\n```\n# not a heading\n```\n## Keys\n')]).toEqual(['keys', 'keys-1']);
	});
});

describe('documentation links', () => {
	const shipped = [...filesUnder(join(ROOT, 'nodes'), /\.(ts|json)$/), ...filesUnder(join(ROOT, 'credentials'), /\.ts$/)];
	const readmeLinks = shipped.flatMap((file) =>
		[...readFileSync(file, 'utf8').matchAll(/https:\/\/github\.com\/n8n-nodes-alipay\/n8n-nodes-alipay(?:\/blob\/main\/README\.md)?#([\w-]+)/g)].map(
			(match) => ({ file: relative(ROOT, file), url: match[0], anchor: match[1] }),
		),
	);

	it("n8n's documentation links point at this repository's README", () => {
		const files = new Set(readmeLinks.map((link) => link.file));
		expect(files).toEqual(
			new Set([
				join('nodes', 'Alipay', 'Alipay.node.json'),
				join('nodes', 'Alipay', 'AlipayTrigger.node.json'),
				join('credentials', 'AlipayApi.credentials.ts'),
			]),
		);
		expect(readmeLinks.every((link) => link.url.startsWith(REPOSITORY))).toBe(true);
	});

	it('every README anchor they use is a README heading', () => {
		const readme = anchorsOf('README.md');
		const missing = readmeLinks.filter((link) => !readme.has(link.anchor)).map((link) => `${link.file}: ${link.url}`);
		expect(missing).toEqual([]);
	});

	it("the credential's documentationUrl, as n8n reads it from the loaded class, is a README heading", () => {
		const url = new AlipayApi().documentationUrl;
		expect(url.startsWith(`${REPOSITORY}#`)).toBe(true);
		expect(anchorsOf('README.md').has(url.slice(REPOSITORY.length + 1))).toBe(true);
	});

	it('every docs/*.md#anchor named in code, tests or docs is a heading of that page', () => {
		const sources = [
			...shipped,
			...['simulator', 'scripts', 'test', 'docs'].flatMap((dir) => filesUnder(join(ROOT, dir), /\.(ts|js|md)$/)),
			join(ROOT, 'README.md'),
		];
		// Pages in docs/ link to each other by bare name: `](protocol.md#results)`.
		const pointers = sources.flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			const named = [...text.matchAll(/\bdocs\/([\w-]+\.md)#([\w-]+)/g)];
			const sibling = relative(ROOT, file).startsWith(`docs${sep}`) ? [...text.matchAll(/\]\(([\w-]+\.md)#([\w-]+)\)/g)] : [];
			return [...named, ...sibling].map((match) => ({ file: relative(ROOT, file), page: `docs/${match[1]}`, anchor: match[2] }));
		});
		expect(pointers.length).toBeGreaterThan(0);
		const missing = pointers
			.filter((pointer) => !anchorsOf(pointer.page).has(pointer.anchor))
			.map((pointer) => `${pointer.file}: ${pointer.page}#${pointer.anchor}`);
		expect(missing).toEqual([]);
	});
});

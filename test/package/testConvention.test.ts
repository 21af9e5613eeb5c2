import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The suites use one spelling for a test case, `it(...)`: jest's `test(...)` alias is refused here. */

const TEST_ROOT = join(__dirname, '..');

function typeScriptFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return typeScriptFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** A statement calling jest's `test` global (`test(`, `test.each(`, `test.only(`...), not `re.test(` or prose. */
const TEST_CALL = /^\s*test(\.\w+)*\s*\(/;

function testCalls(source: string): number[] {
	return source.split('\n').flatMap((line, index) => (TEST_CALL.test(line) ? [index + 1] : []));
}

describe('test case convention', () => {
	it('recognises the test alias and leaves regular expressions alone', () => {
		expect(testCalls("test('a', () => {});\n\ttest.each([1])('b', () => {});")).toEqual([1, 2]);
		expect(testCalls("it('a', () => {});\nif (/x/.test(s)) {}\n// the credential test (as n8n runs it)")).toEqual([]);
	});

	it('every test file under test/ writes its cases with it(...)', () => {
		const offenders = typeScriptFiles(TEST_ROOT).flatMap((file) =>
			testCalls(readFileSync(file, 'utf8')).map((line) => `${relative(TEST_ROOT, file)}:${line}`),
		);
		expect(offenders).toEqual([]);
	});
});

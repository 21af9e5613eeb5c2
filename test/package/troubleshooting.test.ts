import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { classifyResult, RESULT_CODE_ALIASES, RESULT_HINTS } from '../../nodes/Alipay/core';

/**
 * Every result code the nodes name, and every reason the trigger answers a refused notification
 * with, has a row in the README's Troubleshooting tables: a user who meets one in an error finds
 * its cause and fix there.
 */

const ROOT = join(__dirname, '..', '..');

/** SCREAMING_SNAKE words in the shipped code's strings that are Alipay values, not result codes. */
const NOT_RESULT_CODES = new Set([
	// productCode, paymentMethodType, registrationType and contact types sent in requests
	'IN_STORE_PAYMENT',
	'CASHIER_PAYMENT',
	'AGREEMENT_PAYMENT',
	'CONNECT_WALLET',
	'ENTERPRISE_REGISTRATION_NO',
	'MOBILE_PHONE',
	// notifyType values and the registration status the trigger derives
	'PAYMENT_RESULT',
	'PAYMENT_PENDING',
	'OFFLINE_PAYMENT_CODE',
	'PARTIALLY_APPROVED',
	// the sandbox client ID placeholder
	'SANDBOX_5Y',
]);

const SCREAMING_SNAKE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return name.endsWith('.ts') ? [path] : [];
	});
}

/** The text of every string literal and template part in a TypeScript file (comments excluded). */
function stringsIn(file: string): string[] {
	const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const strings: string[] = [];
	const visit = (node: ts.Node): void => {
		if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node)) {
			strings.push(node.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(source);
	return strings;
}

const shipped = [...sourceFiles(join(ROOT, 'nodes')), ...sourceFiles(join(ROOT, 'credentials'))];

/** Result codes: the hints table and its other spellings, the client's own code, and any named in a string. */
function namedResultCodes(): string[] {
	const fromStrings = shipped.flatMap((file) => stringsIn(file).flatMap((text) => text.match(SCREAMING_SNAKE) ?? []));
	const codes = new Set([
		...Object.keys(RESULT_HINTS),
		...Object.keys(RESULT_CODE_ALIASES),
		classifyResult(undefined).canonicalCode,
		...fromStrings.filter((word) => !NOT_RESULT_CODES.has(word)),
	]);
	// SUCCESS never reaches an error, so it has nothing to troubleshoot.
	codes.delete('SUCCESS');
	return [...codes].sort();
}

/** The reasons the trigger puts in its 401, 404 and 400 answers. */
function triggerRejectionReasons(): string[] {
	const texts = shipped.map((file) => readFileSync(file, 'utf8')).join('\n');
	const reasons = new Set([
		...[...texts.matchAll(/\breason: '([a-z]+(?:-[a-z]+)*)'/g)].map((m) => m[1]),
		...[...texts.matchAll(/sendRejection\(res, \d{3}, '([a-z]+(?:-[a-z]+)*)'/g)].map((m) => m[1]),
	]);
	return [...reasons].sort();
}

/** The backticked words in the first column of the tables under "## Troubleshooting". */
function troubleshootingEntries(): Set<string> {
	const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf('\n## Troubleshooting\n');
	expect(start).toBeGreaterThan(-1);
	const end = readme.indexOf('\n## ', start + 1);
	const section = readme.slice(start, end < 0 ? undefined : end);
	const firstCells = section
		.split('\n')
		.filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
		.map((line) => line.split('|')[1]);
	return new Set(firstCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1])));
}

describe("the README's Troubleshooting tables", () => {
	const entries = troubleshootingEntries();

	it('have a row for every result code the nodes name', () => {
		const codes = namedResultCodes();
		// The collector finds the codes the credential test and the refund inquiry name in their own strings.
		expect(codes).toEqual(expect.arrayContaining(['INVALID_SIGNATURE', 'ORDER_NOT_EXIST', 'MALFORMED_RESULT']));
		expect(codes.filter((code) => !entries.has(code))).toEqual([]);
	});

	it("have a row for every reason the Alipay Trigger gives when it refuses a notification", () => {
		const reasons = triggerRejectionReasons();
		expect(reasons).toEqual(expect.arrayContaining(['bad-signature', 'stale', 'unknown-path', 'malformed-body']));
		expect(reasons.filter((reason) => !entries.has(reason))).toEqual([]);
	});

	it('name only real codes: every code-like entry is one the nodes name', () => {
		const codes = new Set(namedResultCodes());
		const stray = [...entries].filter((entry) => /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(entry) && !codes.has(entry));
		expect(stray).toEqual([]);
	});
});

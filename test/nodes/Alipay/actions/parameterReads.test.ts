import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Operations read their parameters through the item loop's reader (context.parameters), which reads
 * a parameter without an expression once per execution instead of evaluating it for every item. A
 * direct getNodeParameter in an operation would quietly bring that per-item cost back.
 */

const ACTIONS = join(__dirname, '../../../../nodes/Alipay/actions');

function operationFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return operationFiles(path);
		return entry.name.endsWith('.operation.ts') ? [path] : [];
	});
}

describe('parameter reads in operations', () => {
	it('finds every operation file', () => {
		expect(operationFiles(ACTIONS).length).toBeGreaterThanOrEqual(9);
	});

	it('no operation calls getNodeParameter itself', () => {
		const direct = operationFiles(ACTIONS).filter((file) => /\bgetNodeParameter\s*\(/.test(readFileSync(file, 'utf8')));
		expect(direct.map((file) => relative(ACTIONS, file))).toEqual([]);
	});
});

const { readdirSync } = require('node:fs');
const { join } = require('node:path');

/**
 * One jest project per folder of test/, named after it, since the tests mirror the package's layout:
 * `core` (the n8n-free protocol core), `nodes` (actions, trigger, helpers, transport in n8n's own
 * executor against the simulator), `credentials`, `simulator`, `examples`, `package`, `scripts`,
 * `security`. `npx jest --selectProjects core` runs one of them (`npm run test:core` the core);
 * `jest` runs them all in-process. The real-n8n suites (test/e2e, test/queue) run from
 * scripts/e2e.js and scripts/queue.js, not from jest.
 */
const base = {
	testEnvironment: 'node',
	// Each file is transpiled on its own (fast); isolatedModules in tsconfig.test.json asks for that and
	// makes `npm run typecheck` refuse what per-file transpiling would get wrong.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// The suites' work folders hold copies of the package (one per n8n user folder), and dist/ the
	// built one: not modules of ours.
	modulePathIgnorePatterns: ['<rootDir>/.e2e/', '<rootDir>/.queue/', '<rootDir>/.playground/', '<rootDir>/dist/'],
};

/** A folder of test/ is a project when it holds jest tests anywhere below it (helpers and fixtures do not). */
function holdsTests(dir) {
	return readdirSync(dir, { withFileTypes: true }).some((entry) =>
		entry.isDirectory() ? holdsTests(join(dir, entry.name)) : entry.name.endsWith('.test.ts'),
	);
}

const TEST_ROOT = join(__dirname, 'test');

module.exports = {
	// A test's limit is a hang detector, not a speed check: the suites run on 2 cores, often beside
	// other work, where jest's 5 s default cut off tests that pass (speed is measured in npm run bench).
	// It is a global option: jest ignores it inside a project.
	testTimeout: 30_000,
	projects: readdirSync(TEST_ROOT, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && holdsTests(join(TEST_ROOT, entry.name)))
		.map(({ name }) => ({ ...base, displayName: name, testMatch: [`<rootDir>/test/${name}/**/*.test.ts`] })),
};

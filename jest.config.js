/** `npm run test:unit` runs the protocol core only; `jest` runs everything in-process; e2e (real n8n) runs from scripts/e2e.js. */
const base = {
	testEnvironment: 'node',
	// Each file is transpiled on its own (fast); isolatedModules in tsconfig.test.json asks for that and
	// makes `npm run typecheck` refuse what per-file transpiling would get wrong.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// The suites' work folders hold copies of the package (one per n8n user folder): not modules of ours.
	// A test's limit is a hang detector, not a speed check: the suites run on 2 cores, often beside
	// other work, where jest's 5 s default cut off tests that pass (speed is measured in npm run bench).
	testTimeout: 30_000,
	modulePathIgnorePatterns: ['<rootDir>/.e2e/', '<rootDir>/.queue/', '<rootDir>/.playground/'],
};

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/core/**/*.test.ts'] },
		{
			...base,
			displayName: 'integration',
			testMatch: ['<rootDir>/test/**/*.test.ts'],
			testPathIgnorePatterns: ['<rootDir>/test/core/', '<rootDir>/test/e2e/'],
		},
	],
};

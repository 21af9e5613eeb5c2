/** `npm run test:unit` runs the protocol core only; `jest` runs everything in-process; e2e (real n8n) runs from scripts/e2e.js. */
const base = {
	testEnvironment: 'node',
	// Each file is transpiled on its own (fast); isolatedModules in tsconfig.test.json asks for that and
	// makes `npm run typecheck` refuse what per-file transpiling would get wrong.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	// The suites' work folders hold copies of the package (one per n8n user folder): not modules of ours.
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

import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

/**
 * The node's parameters as the item loop reads them. n8n evaluates a parameter's expressions in its
 * expression sandbox every time it is read for an item, and that was most of the node's own CPU
 * time per item in a profile of 1,000 Get Payments (docs/performance.md). Only an expression can
 * differ between items, so a parameter whose stored value holds none is read once per execution;
 * one that holds an expression anywhere in it is read for every item, as before.
 */
export interface NodeParameters {
	read<T = unknown>(name: string, itemIndex: number, fallback?: T): T;
}

export function nodeParameters(execution: IExecuteFunctions): NodeParameters {
	const stored = execution.getNode().parameters;
	const constants = new Map<string, unknown>();
	return {
		read<T>(name: string, itemIndex: number, fallback?: T): T {
			const value = storedValue(stored, name);
			// Unset (an option not added): n8n would answer the fallback, or throw without one.
			if (value === undefined && fallback !== undefined) return fallback;
			if (holdsExpression(value)) return execution.getNodeParameter(name, itemIndex, fallback) as T;
			if (!constants.has(name)) constants.set(name, execution.getNodeParameter(name, itemIndex, fallback));
			// Each item gets its own copy, as from n8n, so one item's changes never reach the next.
			return structuredClone(constants.get(name)) as T;
		},
	};
}

/** The stored (unevaluated) value at a dotted name, as n8n looks it up. */
function storedValue(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** n8n treats a string starting with `=` as an expression, at any depth of a collection. */
export function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

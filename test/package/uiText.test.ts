import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { AlipayApi } from '../../credentials/AlipayApi.credentials';
import { Alipay } from '../../nodes/Alipay/Alipay.node';
import { AlipayTrigger } from '../../nodes/Alipay/AlipayTrigger.node';

/**
 * n8n's UI text conventions for nodes it verifies, checked on every text the editor shows from the
 * loaded descriptions (both nodes and the credential): Title Case for names, labels and option
 * names; descriptions in sentence case with no period after a single sentence and one after
 * several (info boxes too); "Whether …" for booleans; placeholders that start with "e.g.";
 * operation actions in sentence case without articles.
 */

interface Text {
	where: string;
	kind: 'name' | 'description' | 'notice' | 'placeholder' | 'action' | 'boolean';
	text: string;
}

/** Collection placeholders are the label of n8n's "Add …" button, not an example of a value. */
const BUTTON_PLACEHOLDER_TYPES = new Set(['collection', 'fixedCollection', 'multiOptions', 'options']);

function textsOf(properties: INodeProperties[], where: string): Text[] {
	return properties.flatMap((property) => {
		const at = `${where} › ${property.displayName}`;
		const own: Text[] = [];
		if (property.type === 'notice') return [{ where: at, kind: 'notice', text: property.displayName }];
		if (property.type === 'hidden') return [];
		own.push({ where: at, kind: 'name', text: property.displayName });
		if (property.description) own.push({ where: at, kind: 'description', text: property.description });
		if (property.type === 'boolean') own.push({ where: at, kind: 'boolean', text: property.description ?? '' });
		if (property.placeholder && !BUTTON_PLACEHOLDER_TYPES.has(property.type)) {
			own.push({ where: at, kind: 'placeholder', text: property.placeholder });
		}
		const children = property.options ?? [];
		if (property.type === 'options' || property.type === 'multiOptions') {
			for (const option of children as INodePropertyOptions[]) {
				own.push({ where: `${at} › ${option.name}`, kind: 'name', text: option.name });
				if (option.description) own.push({ where: `${at} › ${option.name}`, kind: 'description', text: option.description });
				if (option.action) own.push({ where: `${at} › ${option.name}`, kind: 'action', text: option.action });
			}
		} else if (property.type === 'collection') {
			own.push(...textsOf(children as INodeProperties[], at));
		} else if (property.type === 'fixedCollection') {
			for (const group of children as INodePropertyCollection[]) {
				own.push({ where: `${at} › ${group.displayName}`, kind: 'name', text: group.displayName });
				own.push(...textsOf(group.values, `${at} › ${group.displayName}`));
			}
		}
		return own;
	});
}

const alipay = new Alipay().description;
const trigger = new AlipayTrigger().description;
const credential = new AlipayApi();

const texts: Text[] = [
	{ where: 'Alipay', kind: 'name', text: alipay.displayName },
	{ where: 'Alipay', kind: 'description', text: alipay.description },
	...textsOf(alipay.properties, 'Alipay'),
	{ where: 'Alipay Trigger', kind: 'name', text: trigger.displayName },
	{ where: 'Alipay Trigger', kind: 'description', text: trigger.description },
	...textsOf(trigger.properties, 'Alipay Trigger'),
	{ where: 'Alipay API', kind: 'name', text: credential.displayName },
	...textsOf(credential.properties, 'Alipay API'),
];

const of = (kind: Text['kind']) => texts.filter((t) => t.kind === kind);
const offenders = (kind: Text['kind'], ok: (text: string) => boolean) =>
	of(kind)
		.filter((t) => !ok(t.text))
		.map((t) => `${t.where}: ${JSON.stringify(t.text)}`);

/** Words Title Case leaves in lower case (articles, conjunctions, short prepositions). */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'if', 'in', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'with']);

function isTitleCase(text: string): boolean {
	// What is in brackets is an example or a unit ("Asia (open-sea-global.alipay.com)", "(ms)").
	const words = text.replace(/\([^)]*\)/g, ' ').split(/\s+/).filter(Boolean);
	return words.every((word, index) => /^[^a-z]/.test(word) || (index > 0 && SMALL_WORDS.has(word)));
}

/** Sentences, not counting the full stops of "e.g." and "i.e.". */
function sentenceCount(text: string): number {
	return text
		.replace(/\b(e\.g|i\.e)\./g, '$1')
		.trim()
		.split(/(?<=[.!?])\s+/)
		.filter(Boolean).length;
}

/** One sentence: no final period. Several: a final period. */
function isPunctuatedLikeN8n(text: string): boolean {
	const trimmed = text.trim();
	return sentenceCount(trimmed) === 1 ? !trimmed.endsWith('.') : trimmed.endsWith('.');
}

describe('the mechanical rules', () => {
	it('Title Case keeps small words lower case, except first, and ignores what is in brackets', () => {
		expect(isTitleCase('Wait for Result')).toBe(true);
		expect(isTitleCase('Asia (open-sea-global.alipay.com)')).toBe(true);
		expect(isTitleCase('Wait for result')).toBe(false);
		expect(isTitleCase('of Result')).toBe(false);
	});

	it('counts sentences without the stops of "e.g."', () => {
		expect(sentenceCount('ISO 4217 code, e.g. SGD, USD')).toBe(1);
		expect(sentenceCount('Width of the border. Scanners need 4.')).toBe(2);
		expect(isPunctuatedLikeN8n('One sentence.')).toBe(false);
		expect(isPunctuatedLikeN8n('Two sentences. Without the last period')).toBe(false);
	});
});

describe("UI text follows n8n's conventions", () => {
	it('reads every text the editor shows from both nodes and the credential', () => {
		const operations = alipay.properties
			.filter((property) => property.name === 'operation')
			.flatMap((property) => property.options ?? []);
		expect(of('name').length).toBeGreaterThan(100);
		expect(of('action')).toHaveLength(operations.length);
		expect(of('boolean').length).toBeGreaterThan(1);
	});

	it('names, labels and option names are in Title Case', () => {
		expect(offenders('name', isTitleCase)).toEqual([]);
	});

	it('descriptions start with a capital letter: sentence case', () => {
		expect(offenders('description', (text) => /^[^a-z]/.test(text))).toEqual([]);
	});

	it('descriptions and info boxes have no period after one sentence and one after several', () => {
		expect(offenders('description', isPunctuatedLikeN8n)).toEqual([]);
		expect(offenders('notice', isPunctuatedLikeN8n)).toEqual([]);
	});

	it('booleans are described with "Whether …"', () => {
		expect(offenders('boolean', (text) => text.startsWith('Whether '))).toEqual([]);
	});

	it('placeholders show an example that starts with "e.g."', () => {
		expect(offenders('placeholder', (text) => text.startsWith('e.g. '))).toEqual([]);
	});

	it('operation actions are in sentence case, without articles', () => {
		expect(offenders('action', (text) => /^[A-Z][a-z]/.test(text) && !/\b(a|an|the)\b/i.test(text))).toEqual([]);
	});
});

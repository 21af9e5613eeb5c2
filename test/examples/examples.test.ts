/**
 * The example workflows are imported as they are by `npm start` and the e2e suite, and by users
 * into their own n8n: these checks catch a broken link between them before a real n8n is started.
 */

interface WorkflowNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}
interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string }>> }>;
}

const stage = require('../../scripts/lib/stage') as {
	readWorkflows: (dir: string) => Workflow[];
	adaptWorkflow: (workflow: Workflow, n8nBaseUrl: string) => Workflow;
	needsPublishing: (workflow: Workflow) => boolean;
	CREDENTIAL_ID: string;
	CREDENTIAL_NAME: string;
	EXAMPLE_N8N_BASE_URL: string;
	EXAMPLES_DIR: string;
};

// Read the way npm start and the e2e suite read them.
const examples = stage.readWorkflows(stage.EXAMPLES_DIR);

const triggers = examples.flatMap((w) => w.nodes.filter((n) => n.type === 'n8n-nodes-alipay.alipayTrigger'));

function notifyUrls(workflow: Workflow): string[] {
	return JSON.stringify(workflow).match(/http:\/\/127\.0\.0\.1:5678\/webhook\/[^"]+/g) ?? [];
}

describe('example workflows', () => {
	it('there are four, each with a unique n8n-style 16-character id', () => {
		expect(examples).toHaveLength(4);
		for (const w of examples) expect(w.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(new Set(examples.map((w) => w.id)).size).toBe(4);
	});

	it('every Alipay node uses the simulator credential that npm start creates', () => {
		const alipayNodes = examples.flatMap((w) => w.nodes.filter((n) => n.type.startsWith('n8n-nodes-alipay.')));
		expect(alipayNodes.length).toBeGreaterThanOrEqual(7);
		for (const node of alipayNodes) {
			expect(node.credentials?.alipayApi).toEqual({ id: stage.CREDENTIAL_ID, name: stage.CREDENTIAL_NAME });
		}
	});

	it('every connection names a node that exists in the same workflow', () => {
		for (const w of examples) {
			const names = new Set(w.nodes.map((n) => n.name));
			for (const [from, { main }] of Object.entries(w.connections)) {
				expect(names.has(from)).toBe(true);
				for (const target of main.flat()) expect(names.has(target.node)).toBe(true);
			}
		}
	});

	it('every notify URL points at an Alipay Trigger of the examples, on the path for its kind', () => {
		const urls = examples.flatMap(notifyUrls).filter((u) => /\/(payment|registration)$/.test(u));
		expect(urls.length).toBeGreaterThanOrEqual(2);
		const webhookIds = new Set(triggers.map((t) => t.webhookId));
		for (const url of urls) {
			const [, webhookId] = url.match(/\/webhook\/([^/]+)\//) ?? [];
			expect(webhookIds.has(webhookId)).toBe(true);
		}
	});

	it('every Alipay Trigger has its own fixed webhook ID, so its URLs survive re-imports', () => {
		expect(triggers).toHaveLength(2);
		for (const t of triggers) expect(t.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(new Set(triggers.map((t) => t.webhookId)).size).toBe(2);
	});

	it('the workflows with webhooks or triggers are the ones published, the manual refund is not', () => {
		expect(examples.filter(stage.needsPublishing).map((w) => w.id)).toEqual([
			'alipayExSell0001',
			'alipayExPaid0002',
			'alipayExOnbd0004',
		]);
	});

	it('adapting an example to another n8n rewrites its notify URLs to that base URL', () => {
		const adapted = stage.adaptWorkflow(examples[0], 'http://127.0.0.1:5688');
		expect(JSON.stringify(adapted)).not.toContain(stage.EXAMPLE_N8N_BASE_URL);
		expect(notifyUrls(examples[0]).length).toBeGreaterThan(0);
		expect(JSON.stringify(adapted)).toContain('http://127.0.0.1:5688/webhook/');
	});
});

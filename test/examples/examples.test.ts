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
	it('there are five, each with a unique n8n-style 16-character id', () => {
		expect(examples).toHaveLength(5);
		for (const w of examples) expect(w.id).toMatch(/^[A-Za-z0-9]{16}$/);
		expect(new Set(examples.map((w) => w.id)).size).toBe(5);
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

	it('the workflows with webhooks or triggers are the ones published, the manual refund and registration are not', () => {
		expect(examples.filter(stage.needsPublishing).map((w) => w.id)).toEqual([
			'alipayExSell0001',
			'alipayExPaid0002',
			'alipayExRegd0005',
		]);
	});

	it("each has exactly one trigger, so the editor's big Execute workflow button starts the one a user means", () => {
		const isTrigger = (n: WorkflowNode) => /trigger$/i.test(n.type) || n.type === 'n8n-nodes-base.webhook';
		for (const w of examples) expect([w.name, w.nodes.filter(isTrigger).length]).toEqual([w.name, 1]);
	});

	it('each sticky note says what to press: Execute workflow for the manual ones, nothing for the published ones', () => {
		for (const w of examples) {
			const note = String(w.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote')?.parameters.content);
			const manual = w.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
			if (manual) expect(note).toMatch(/Press \*\*Execute workflow\*\*/);
			if (w.nodes.some((n) => n.type === 'n8n-nodes-alipay.alipayTrigger')) expect(note).toMatch(/runs by itself/);
		}
	});

	it('every time written to a Data Table is in UTC, like the table\'s own createdAt', () => {
		const written = JSON.stringify(examples).match(/\{\{[^}]*(paymentTime|\.toISO\()[^}]*\}\}/g) ?? [];
		for (const e of written) expect(e).toMatch(/toUTC\(\)/);
		expect(written.length).toBeGreaterThanOrEqual(4);
	});

	it('adapting an example to another n8n rewrites its notify URLs to that base URL', () => {
		const adapted = stage.adaptWorkflow(examples[0], 'http://127.0.0.1:5688');
		expect(JSON.stringify(adapted)).not.toContain(stage.EXAMPLE_N8N_BASE_URL);
		expect(notifyUrls(examples[0]).length).toBeGreaterThan(0);
		expect(JSON.stringify(adapted)).toContain('http://127.0.0.1:5688/webhook/');
	});
});

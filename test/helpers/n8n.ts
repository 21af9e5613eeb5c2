import { createRequire } from 'node:module';
import {
	BinaryDataConfig,
	BinaryDataService,
	ExecuteContext,
	ExecutionLifecycleHooks,
	InstanceSettings,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type ICredentials,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type ITaskData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/**
 * An in-process n8n: real `WorkflowExecute`, real `ExecuteContext` helpers (so
 * `httpRequestWithAuthentication` goes through n8n-core's request path and `@n8n/backend-network`'s
 * axios), and a credentials helper that calls the credential type's own `authenticate`, exactly as
 * the CLI's `CredentialsHelper.authenticate` does for the function form. Only what the CLI adds on
 * top (database, encryption, credential expressions, overwrites) is left out.
 */

/** Emits the configured items, standing in for a Manual Trigger without pulling in nodes-base. */
class TestStartNode implements INodeType {
	description = {
		displayName: 'Start',
		name: 'testStart',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json, item) => ({ json, pairedItem: { item } }))];
	}
}

/** Sends its items back to the node under test until that has run `runs` times, then ends: a loop. */
class TestLoopNode implements INodeType {
	description = {
		displayName: 'Loop',
		name: 'testLoop',
		group: ['transform'],
		version: 1,
		description: 'Feeds items back a fixed number of times',
		defaults: { name: 'Loop' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [{ displayName: 'Runs', name: 'runs', type: 'number', default: 1 }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const state = this.getContext('node');
		state.passes = Number(state.passes ?? 0) + 1;
		const items = this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }));
		return Number(state.passes) < Number(this.getNodeParameter('runs', 0)) ? [items, []] : [[], items];
	}
}

class NodeTypeRegistry implements INodeTypes {
	private readonly types: Record<string, INodeType> = {};
	constructor(types: Record<string, INodeType>) {
		this.types = { 'test.start': new TestStartNode(), 'test.loop': new TestLoopNode(), ...types };
	}
	getByName(name: string): INodeType | IVersionedNodeType {
		return this.get(name);
	}
	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.get(name), version);
	}
	getKnownTypes(): IDataObject {
		return {};
	}
	private get(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}
}

/** How often n8n decrypted a credential for a node (the real n8n reads its database each time); tests may reset it. */
export const credentialReads = { count: 0 };

/** Credentials stored in memory, authenticated by the credential type itself. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.types[typeName];
		if (typeof authenticate !== 'function') throw new Error(`${typeName} has no authenticate function`);
		return await authenticate(credentials, requestOptions);
	}
	/**
	 * Workflow runs never run the credential test's probe: the node hands n8n the credential with
	 * its check field filled in. That n8n then skips the probe is asserted against a real n8n
	 * (test/e2e/25-retries: one request per execution).
	 */
	async preAuthentication(): Promise<undefined> {
		return undefined;
	}
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used in tests');
	}
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		credentialReads.count++;
		// As the CLI: fields the form never saved take their defaults.
		const credentialType = this.types[type];
		return credentialType ? { ...defaultsOf(credentialType), ...data } : { ...data };
	}
	async updateCredentials(): Promise<void> {}
	async updateCredentialsOauthTokenData(): Promise<void> {}
	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type].properties;
	}
}

let servicesReady: Promise<void> | undefined;

/**
 * n8n-core keeps its services in the DI container of the `@n8n/di` it depends on, which need not be
 * the version installed at the top level: both are loaded the way n8n-core resolves them.
 */
const requireFromN8nCore = createRequire(require.resolve('n8n-core'));
const { Container } = requireFromN8nCore('@n8n/di') as {
	Container: { set(token: unknown, value: unknown): void; get<T>(token: abstract new (...args: never[]) => T): T };
};
const { Logger } = requireFromN8nCore('@n8n/backend-common') as { Logger: abstract new (...args: never[]) => unknown };

/** What nodes logged through `this.logger` (n8n's Logger service), oldest first; tests may clear it. */
export const loggedMessages: Array<{ level: 'error' | 'warn' | 'info' | 'debug'; message: string }> = [];
const record = (level: (typeof loggedMessages)[number]['level']) => (message: string) =>
	void loggedMessages.push({ level, message });
const recordingLogger = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => recordingLogger,
};

/**
 * Two services are replaced by ready-made objects: instance settings, which would otherwise create
 * `~/.n8n/config` with a fresh encryption key on the first node run, and the binary data config, in
 * `default` mode so binary data stays in memory.
 */
async function ensureN8nServices(): Promise<void> {
	servicesReady ??= (async () => {
		Container.set(
			InstanceSettings,
			Object.assign(Object.create(InstanceSettings.prototype) as InstanceSettings, {
				instanceId: 'test-instance',
				instanceType: 'main',
				settings: { encryptionKey: 'test-only' },
				hmacSignatureSecret: 'test-only',
			}),
		);
		Container.set(
			BinaryDataConfig,
			Object.assign(Object.create(BinaryDataConfig.prototype) as BinaryDataConfig, {
				mode: 'default',
				availableModes: ['default'],
				localStoragePath: '',
				signingSecret: 'test-only',
				dbMaxFileSize: 0,
			}),
		);
		await Container.get(BinaryDataService).init();
		Container.set(Logger, recordingLogger);
	})();
	await servicesReady;
}

function additionalDataFor(credentialsHelper: ICredentialsHelper, executionId: string): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		variables: {},
		logAiEvent: () => undefined,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not supported in tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface WorkflowNodeSettings {
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
	onError?: INode['onError'];
}

export interface RunNodeOptions {
	/** The node type under test, e.g. `new Alipay()`. */
	nodeType: INodeType;
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	/** Input items' JSON; one empty item by default. */
	items?: IDataObject[];
	executionId?: string;
	settings?: WorkflowNodeSettings;
	/** Runs the node this many times in one execution, as a loop in the workflow would (default 1). */
	runs?: number;
	/** Retries this failed run the way n8n's execution Retry does (a new execution ID, the saved state carried over). */
	retryOf?: IRun;
}

export interface NodeRun {
	/** Undefined when n8n refused to start the workflow. */
	run: IRun | undefined;
	/** The node's task data, one per run index. */
	tasks: ITaskData[];
	/** Output items of the last run, main output 0. */
	items: INodeExecutionData[];
	/** The execution error, when the workflow stopped on one. */
	error?: Error & { description?: string | null; context?: IDataObject };
}

const NODE_NAME = 'Alipay';

/**
 * Runs `Start → node` (or `Start → node ⇄ Loop` when `runs` > 1) with WorkflowExecute, the way
 * `n8n execute` runs a saved workflow.
 */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	await ensureN8nServices();
	const typeName = `test.${options.nodeType.description.name}`;
	const nodeTypes = new NodeTypeRegistry({ [typeName]: options.nodeType });
	const credentialName = options.credentialType.name;
	const credentialsHelper = new TestCredentialsHelper(
		{ [credentialName]: options.credentialType },
		{ [credentialName]: options.credentials },
	);
	const executionId = options.executionId ?? `exec-${Math.random().toString(36).slice(2, 10)}`;
	const nodes: INode[] = [
		{
			id: 'start-node',
			name: 'Start',
			type: 'test.start',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'alipay-node-0001',
			name: NODE_NAME,
			type: typeName,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters,
			credentials: { [credentialName]: { id: 'cred-1', name: 'Alipay test' } },
			...options.settings,
		},
	];
	const runs = options.runs ?? 1;
	if (runs > 1) {
		nodes.push({
			id: 'loop-node',
			name: 'Loop',
			type: 'test.loop',
			typeVersion: 1,
			position: [400, 0],
			parameters: { runs },
		});
	}
	const workflow = new Workflow({
		id: 'wf-1',
		name: 'test',
		nodes,
		connections: {
			Start: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }]] },
			...(runs > 1
				? {
						[NODE_NAME]: { main: [[{ node: 'Loop', type: 'main', index: 0 }]] },
						Loop: { main: [[{ node: NODE_NAME, type: 'main', index: 0 }], []] },
					}
				: {}),
		},
		active: false,
		nodeTypes,
	});
	const mode: WorkflowExecuteMode = 'manual';
	const additionalData = additionalDataFor(credentialsHelper, executionId);
	additionalData.hooks = new ExecutionLifecycleHooks(mode, executionId, {
		id: 'wf-1',
		name: 'test',
		nodes,
		connections: workflow.connectionsBySourceNode,
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let run: IRun;
	try {
		run = options.retryOf
			? await new WorkflowExecute(additionalData, 'retry', retryState(options.retryOf)).processRunExecutionData(workflow)
			: await new WorkflowExecute(additionalData, mode).run({ workflow, startNode: nodes[0] });
	} catch (error) {
		// n8n refuses to start a workflow whose node has issues (e.g. an empty required parameter).
		return { run: undefined, tasks: [], items: [], error: error as NodeRun['error'] };
	}
	const tasks = run.data.resultData.runData[NODE_NAME] ?? [];
	const last = tasks[tasks.length - 1];
	return {
		run,
		tasks,
		items: last?.data?.main?.[0] ?? [],
		error: run.data.resultData.error as NodeRun['error'],
	};
}

/**
 * What the CLI's `ExecutionService.retry` hands to the new execution: the failed execution's saved
 * state (as it is stored, so a JSON copy), without its error and the failed run of the node that
 * failed, which the execution stack then runs again.
 */
function retryState(failed: IRun): IRunExecutionData {
	const data = JSON.parse(JSON.stringify(failed.data)) as IRunExecutionData;
	const { lastNodeExecuted } = data.resultData;
	delete data.resultData.error;
	const runs = lastNodeExecuted ? data.resultData.runData[lastNodeExecuted] : undefined;
	if (runs?.length && runs[runs.length - 1].error !== undefined) runs.pop();
	return data;
}

/**
 * The credential's own part of n8n's credential test: its `preAuthentication` probe, run with
 * n8n-core's request helper. It resolves for a usable credential and otherwise fails with the
 * message n8n shows. How n8n runs the test around it (the test request, its rules, the answer to
 * the editor) is asserted against a real n8n in test/e2e/01-package.
 */
export async function probeCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' | 'Error'; message?: string }> {
	await ensureN8nServices();
	const node: INode = { id: 'probe', name: 'Probe', type: 'test.start', typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypeRegistry({}) });
	const additionalData = additionalDataFor(new TestCredentialsHelper({}, {}), 'credential-probe');
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as IRunExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	try {
		await credentialType.preAuthentication!.call(
			{ helpers: { httpRequest: async (options) => await context.helpers.httpRequest(options) } },
			// As the CLI: fields the form never saved take their defaults.
			{ ...defaultsOf(credentialType), ...data },
		);
		return { status: 'OK' };
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
}

function defaultsOf(credentialType: ICredentialType): ICredentialDataDecryptedObject {
	return Object.fromEntries(
		credentialType.properties.filter((p) => p.type !== 'notice').map((p) => [p.name, p.default]),
	) as ICredentialDataDecryptedObject;
}

/** A node's canvas subtitle, evaluated from its description the way the editor evaluates it. */
export function canvasSubtitle(nodeType: INodeType, parameters: INodeParameters): unknown {
	const node: INode = { id: 'subtitle-1', name: 'Node', type: 'test.node', typeVersion: 1, position: [0, 0], parameters };
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle as string, 'internal', {});
}

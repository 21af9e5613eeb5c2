/**
 * The recent gateway requests, for the wallet page: what came in, what the simulator verified and
 * what it signed back. Debugging a signature mismatch needs the exact string-to-sign; signatures
 * themselves are never kept. Only the loopback wallet page and the control API show it.
 */
export interface RequestLogEntry {
	id: number;
	at: string;
	method: string;
	path: string;
	endpoint?: string;
	clientId?: string;
	/** Why authentication failed, when it did. */
	authFailure?: string;
	resultStatus?: string;
	resultCode?: string;
	resultMessage?: string;
	/** The content the request signature was checked against. */
	verifiedContent?: string;
	/** The content the response was signed over; absent for unsigned answers. */
	signedContent?: string;
	/** A fault that was applied. */
	fault?: string;
	requestBody?: string;
	responseBody?: string;
}

export class RequestLog {
	private entries: RequestLogEntry[] = [];
	private nextId = 1;

	constructor(private readonly size: number) {}

	add(entry: Omit<RequestLogEntry, 'id'>): RequestLogEntry {
		const full = { id: this.nextId++, ...entry };
		this.entries.push(full);
		if (this.entries.length > this.size) this.entries.splice(0, this.entries.length - this.size);
		return full;
	}

	/** Newest first. */
	list(): RequestLogEntry[] {
		return [...this.entries].reverse();
	}

	clear(): void {
		this.entries = [];
	}
}

/**
 * The simulator's time: real time plus an offset that `POST /_sim/clock/advance` moves forward.
 * Everything time-driven (expiry, notification retries, registration review) is scheduled here,
 * so advancing the clock fires it at once and tests never wait on wall time.
 */
interface Task {
	at: number;
	seq: number;
	run: () => void;
}

/** Node caps timers at 2^31-1 ms; longer waits re-arm. */
const MAX_TIMER_MS = 2_147_483_647;

export class SimClock {
	private offsetMs = 0;
	private seq = 0;
	private tasks: Task[] = [];
	private timer: NodeJS.Timeout | undefined;
	private closed = false;

	constructor(private readonly realNow: () => number = Date.now) {}

	now(): number {
		return this.realNow() + this.offsetMs;
	}

	get offset(): number {
		return this.offsetMs;
	}

	/** Runs `run` once the simulated time reaches `at`. Returns a cancel function. */
	schedule(at: number, run: () => void): () => void {
		const task: Task = { at, seq: this.seq++, run };
		this.tasks.push(task);
		this.arm();
		return () => {
			this.tasks = this.tasks.filter((t) => t !== task);
			this.arm();
		};
	}

	after(ms: number, run: () => void): () => void {
		return this.schedule(this.now() + ms, run);
	}

	/** Moves simulated time forward and runs everything that became due, in time order. */
	advance(ms: number): void {
		if (!(ms >= 0)) throw new Error('the clock only moves forward');
		this.offsetMs += ms;
		this.runDue();
	}

	close(): void {
		this.closed = true;
		this.tasks = [];
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
	}

	get pending(): number {
		return this.tasks.length;
	}

	private runDue(): void {
		for (;;) {
			const now = this.now();
			const due = this.tasks.filter((t) => t.at <= now).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
			if (!due || this.closed) break;
			this.tasks = this.tasks.filter((t) => t !== due);
			due.run();
		}
		this.arm();
	}

	private arm(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		if (this.closed || this.tasks.length === 0) return;
		const next = Math.min(...this.tasks.map((t) => t.at));
		const wait = Math.min(Math.max(0, next - this.now()), MAX_TIMER_MS);
		this.timer = setTimeout(() => this.runDue(), wait);
		// The HTTP server keeps the process alive; pending retries alone should not.
		this.timer.unref();
	}
}

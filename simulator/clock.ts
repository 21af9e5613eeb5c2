import type { SimulatorConfig } from './config';
import { formatIsoDateTime } from './contract';

/**
 * The simulator's time: real time plus an offset that `POST /_sim/clock/advance` moves forward.
 * Everything time-driven (expiry, notification retries, registration review) is scheduled here,
 * so advancing the clock fires it at once and tests never wait on wall time.
 */
interface Task {
	at: number;
	run: () => void;
}

/** Alipay's time strings have four-digit years; a day's margin keeps every time zone inside them. */
const LATEST_MS = Date.UTC(9999, 11, 31);

/** Node caps timers at 2^31-1 ms; longer waits re-arm. */
const MAX_TIMER_MS = 2_147_483_647;

export class SimClock {
	private offsetMs = 0;
	/** Sorted by due time; equal times keep insertion order. */
	private tasks: Task[] = [];
	private timer: NodeJS.Timeout | undefined;
	private armedFor = Infinity;
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
		const task: Task = { at, run };
		this.tasks.splice(this.insertionIndex(at), 0, task);
		if (at < this.armedFor) this.arm();
		return () => {
			const index = this.tasks.indexOf(task);
			if (index >= 0) this.tasks.splice(index, 1);
		};
	}

	/**
	 * Moves simulated time forward and runs everything that became due, in time order. A request
	 * that cannot be honoured changes nothing: the offset is only moved once the new time is known
	 * to be one every date in the simulator can still be written as.
	 */
	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0) throw new Error('give seconds and/or ms as non-negative numbers');
		if (this.now() + ms >= LATEST_MS) throw new Error('the clock cannot move past the year 9999, where Alipay time strings end');
		this.offsetMs += ms;
		this.runDue();
	}

	/** Forgets everything scheduled (the data it acted on is gone); the clock keeps running. */
	cancelAll(): void {
		this.tasks = [];
		this.disarm();
	}

	close(): void {
		this.closed = true;
		this.cancelAll();
	}

	private insertionIndex(at: number): number {
		let low = 0;
		let high = this.tasks.length;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.tasks[mid].at <= at) low = mid + 1;
			else high = mid;
		}
		return low;
	}

	private runDue(): void {
		while (!this.closed && this.tasks.length > 0 && this.tasks[0].at <= this.now()) {
			(this.tasks.shift() as Task).run();
		}
		this.arm();
	}

	private disarm(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = undefined;
		this.armedFor = Infinity;
	}

	private arm(): void {
		this.disarm();
		if (this.closed || this.tasks.length === 0) return;
		this.armedFor = this.tasks[0].at;
		const wait = Math.min(Math.max(0, this.armedFor - this.now()), MAX_TIMER_MS);
		this.timer = setTimeout(() => this.runDue(), wait);
		// The HTTP server keeps the process alive; pending retries alone should not.
		this.timer.unref();
	}
}

/** Alipay-style time string (ISO-8601 with offset, seconds) for a simulated instant. */
export function isoTime(ctx: { config: Pick<SimulatorConfig, 'timeOffsetMinutes'> }, ms: number): string {
	return formatIsoDateTime(ms, ctx.config.timeOffsetMinutes);
}

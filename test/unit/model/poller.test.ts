import * as assert from 'assert';
import { Emitter } from '../../../src/model/events';
import { JobList } from '../../../src/model/jobList';
import { ResultPager } from '../../../src/model/pager';
import { POLL_SCHEDULE, StatusPoller, type PollClock, type PolledJobs } from '../../../src/model/poller';
import { MemoryStore } from './memoryStore';

const flush = () => new Promise<void>((r) => setImmediate(r));

/** Virtual time: timers fire only when a test advances the clock. */
class FakeClock implements PollClock {
  t = 0;
  private seq = 0;
  readonly timers = new Map<number, { at: number; fn: () => void }>();
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    this.timers.set(++this.seq, { at: this.t + ms, fn });
    return this.seq;
  }
  clearTimeout(h: unknown) {
    this.timers.delete(h as number);
  }
  /** Moves time forward by `ms`, firing due timers in order (bounded). */
  async advance(ms: number) {
    const end = this.t + ms;
    for (let i = 0; i < 10_000; i++) {
      const due = [...this.timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) { break; }
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

type Answer = { status: string } | { error: Error };

/** A job list whose status reads wait until the test answers them (or answer at once from `auto`). */
class FakeJobs implements PolledJobs {
  jobs: { id: string; meta?: { status?: string } }[] = [];
  readonly reads: { jobId: string; at: number; answer(a: Answer): void }[] = [];
  auto: ((jobId: string) => Answer) | undefined;
  private readonly errors = new Map<string, Error>();
  private readonly em = new Emitter<void>();
  readonly onDidChange = this.em.event;
  constructor(private readonly clock: FakeClock) {}

  set(jobId: string, status: string | undefined) {
    const job = this.jobs.find((j) => j.id === jobId);
    if (job) { job.meta = { status }; } else { this.jobs.push({ id: jobId, meta: { status } }); }
    this.em.fire();
  }
  remove(jobId: string) {
    this.jobs = this.jobs.filter((j) => j.id !== jobId);
    this.em.fire();
  }
  refreshMeta(jobId: string): Promise<void> {
    return new Promise<void>((resolve) => {
      const answer = (a: Answer) => {
        if ('error' in a) { this.errors.set(jobId, a.error); } else {
          this.errors.delete(jobId);
          if (this.jobs.some((j) => j.id === jobId)) { this.set(jobId, a.status); }
        }
        resolve();
      };
      this.reads.push({ jobId, at: this.clock.now(), answer });
      if (this.auto) { answer(this.auto(jobId)); }
    });
  }
  statusError(jobId: string) {
    return this.errors.get(jobId);
  }
}

function setUp() {
  const clock = new FakeClock();
  const jobs = new FakeJobs(clock);
  const finished: string[] = [];
  const poller = new StatusPoller(jobs, (id) => finished.push(id), clock);
  return { clock, jobs, finished, poller };
}

describe('StatusPoller', () => {
  it('polls an unfinished job after 2 s, backing off to 30 s, and shows the current interval', async () => {
    const { clock, jobs, poller } = setUp();
    jobs.auto = () => ({ status: 'PENDING' });
    poller.setActive(true);
    jobs.set('j1', 'PENDING');
    assert.deepStrictEqual(poller.state('j1'), { intervalMs: 2000, error: undefined, paused: false });
    const intervals: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = jobs.reads.length;
      await clock.advance(poller.state('j1')!.intervalMs);
      assert.strictEqual(jobs.reads.length, before + 1, `check ${i + 1} is due after the interval`);
      intervals.push(poller.state('j1')!.intervalMs);
    }
    assert.deepStrictEqual(intervals, [4000, 8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
    assert.deepStrictEqual(jobs.reads.map((r) => r.at), [2000, 6000, 14_000, 30_000, 60_000, 90_000, 120_000]);
  });

  it('does not poll a finished or unknown job, and polls v2 RUNNING like PENDING', async () => {
    const { clock, jobs, poller } = setUp();
    poller.setActive(true);
    jobs.set('done', 'SUCCESS');
    jobs.set('v2done', 'COMPLETED');
    jobs.set('unread', undefined);
    jobs.set('v2', 'RUNNING');
    await clock.advance(60_000);
    assert.deepStrictEqual(poller.polled, ['v2']);
    assert.deepStrictEqual([...new Set(jobs.reads.map((r) => r.jobId))], ['v2']);
  });

  it('never runs two checks for one job: a slow check holds the next one back', async () => {
    const { clock, jobs, poller } = setUp();
    poller.setActive(true);
    jobs.set('j1', 'PENDING');
    await clock.advance(2000);
    assert.strictEqual(jobs.reads.length, 1);
    await clock.advance(10 * 60_000);
    poller.setActive(false);
    poller.setActive(true); // resuming does not start a second check either
    await clock.advance(10 * 60_000);
    assert.strictEqual(jobs.reads.length, 1, 'still the one check in flight');
    jobs.reads[0].answer({ status: 'PENDING' });
    await flush();
    await clock.advance(4000);
    assert.strictEqual(jobs.reads.length, 2, 'the next check follows the answer');
  });

  it('stops when the job ends and asks for its results once', async () => {
    const { clock, jobs, finished, poller } = setUp();
    poller.setActive(true);
    jobs.set('j1', 'PENDING');
    await clock.advance(2000);
    jobs.reads[0].answer({ status: 'SUCCESS' });
    await flush();
    assert.deepStrictEqual(finished, ['j1']);
    assert.strictEqual(poller.state('j1'), undefined);
    await clock.advance(10 * 60_000);
    assert.strictEqual(jobs.reads.length, 1, 'no check after the end');
    assert.strictEqual(clock.timers.size, 0, 'no timer left');
  });

  it('a job that ends by another read (a manual refresh) also loads its results', async () => {
    const { jobs, finished, poller } = setUp();
    jobs.set('j1', 'PENDING');
    jobs.set('j1', 'ERROR');
    assert.deepStrictEqual(finished, ['j1']);
    assert.deepStrictEqual(poller.polled, []);
  });

  it('a failed check backs off to a slow schedule, shows the error, and keeps trying', async () => {
    const { clock, jobs, poller } = setUp();
    poller.setActive(true);
    jobs.set('j1', 'PENDING');
    jobs.auto = () => ({ error: new Error('LlamaCloud is unavailable (503)') });
    const seen: { intervalMs: number; error?: string }[] = [];
    for (let i = 0; i < 4; i++) {
      await clock.advance(poller.state('j1')!.intervalMs);
      const { intervalMs, error } = poller.state('j1')!;
      seen.push({ intervalMs, error });
    }
    assert.deepStrictEqual(seen.map((s) => s.intervalMs), [30_000, 60_000, 120_000, 120_000]);
    assert.ok(seen.every((s) => s.error === 'LlamaCloud is unavailable (503)'));
    jobs.auto = () => ({ status: 'PENDING' });
    await clock.advance(120_000);
    assert.deepStrictEqual(poller.state('j1'), { intervalMs: POLL_SCHEDULE.maxMs, error: undefined, paused: false }, 'recovered: error gone');
    assert.strictEqual(jobs.reads.length, 5);
  });

  it('checks only while active (view visible, window focused); resumes where the schedule was', async () => {
    const { clock, jobs, poller } = setUp();
    jobs.auto = () => ({ status: 'PENDING' });
    jobs.set('j1', 'PENDING');
    assert.strictEqual(poller.state('j1')?.paused, true);
    await clock.advance(10 * 60_000);
    assert.strictEqual(jobs.reads.length, 0, 'nothing while inactive');
    poller.setActive(true);
    await clock.advance(0);
    assert.strictEqual(jobs.reads.length, 1, 'an overdue check runs at once on activation');
    poller.setActive(false);
    await clock.advance(10 * 60_000);
    assert.strictEqual(jobs.reads.length, 1, 'paused again');
    poller.setActive(true);
    await clock.advance(0);
    assert.strictEqual(jobs.reads.length, 2);
    assert.strictEqual(poller.state('j1')?.paused, false);
  });

  it('a removed job stops; its check in flight writes nothing and asks for no results', async () => {
    const { clock, jobs, finished, poller } = setUp();
    poller.setActive(true);
    jobs.set('j1', 'PENDING');
    await clock.advance(2000);
    jobs.remove('j1');
    assert.deepStrictEqual(poller.polled, []);
    jobs.set('j1', 'PENDING'); // opened again: a fresh schedule
    jobs.reads[0].answer({ error: new Error('stale failure') });
    await flush();
    assert.deepStrictEqual(poller.state('j1'), { intervalMs: 2000, error: undefined, paused: false }, 'the old check did not touch the new entry');
    assert.deepStrictEqual(finished, []);
    await clock.advance(2000);
    assert.strictEqual(jobs.reads.length, 2);
  });

  it('dispose stops every timer', async () => {
    const { clock, jobs, poller } = setUp();
    poller.setActive(true);
    jobs.set('a', 'PENDING');
    jobs.set('b', 'RUNNING');
    poller.dispose();
    await clock.advance(60_000);
    assert.strictEqual(jobs.reads.length, 0);
    assert.strictEqual(clock.timers.size, 0);
  });
});

describe('StatusPoller with the real JobList', () => {
  const noPages = (id: string) => new ResultPager(id, async () => ({ items: [], next_page_token: null, total_size: 0 }));
  const job = (id: string, status: string) => ({ id, project_id: null, status, rules: [], created_at: null, updated_at: null, error_message: null });

  it('a status read started before the job was removed and opened again writes nothing', async () => {
    const answers: ((status: string) => void)[] = [];
    const list = new JobList(new MemoryStore(), noPages, (id) => new Promise((resolve) => answers.push((s) => resolve(job(id, s)))));
    await list.add('j1');
    const stale = list.refreshMeta('j1');
    await list.remove('j1');
    await list.add('j1');
    const fresh = list.refreshMeta('j1');
    assert.strictEqual(answers.length, 2, 'the new entry does not join the old read');
    answers[0]('SUCCESS');
    await stale;
    assert.strictEqual(list.get('j1')?.meta, undefined, 'the stale answer is dropped');
    answers[1]('PENDING');
    await fresh;
    assert.strictEqual(list.get('j1')?.meta?.status, 'PENDING');
  });

  it('polls through refreshMeta and sees the error of a failed read', async () => {
    const clock = new FakeClock();
    let next: () => Promise<ReturnType<typeof job>> = async () => job('j1', 'PENDING');
    const list = new JobList(new MemoryStore(), noPages, () => next());
    const finished: string[] = [];
    const poller = new StatusPoller(list, (id) => finished.push(id), clock);
    poller.setActive(true);
    await list.add('j1');
    await list.refreshMeta('j1');
    next = async () => { throw new Error('network down'); };
    await clock.advance(2000);
    assert.strictEqual(poller.state('j1')?.error, 'network down');
    next = async () => job('j1', 'SUCCESS');
    await clock.advance(30_000);
    assert.deepStrictEqual(finished, ['j1']);
    assert.strictEqual(list.statusError('j1'), undefined);
    poller.dispose();
  });
});

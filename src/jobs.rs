//! The one runner for lists of writes (invite many now; bulk changes to people next). It sends a
//! few items at a time, paced by both of awork's limits ([`Pacer`]), pauses everything on a 429,
//! can be cancelled, reports a state per item, and retries only what failed or was cancelled: an
//! item that succeeded is never sent again. [`Scheduler`] decides; [`start`] only runs it.

use crate::api::client::now_ms;
use crate::api::rate::{Pacer, Seen};
use crate::api::{ApiError, Client};
use futures_util::future::LocalBoxFuture;
use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

/// Requests in flight at once: enough to reach awork's 50 a second at ~150 ms per answer.
pub const CONCURRENCY: usize = 8;
/// 429s one item may draw before it is given up (each pauses the whole run first).
pub const MAX_LIMITED: u32 = 10;

/// Where one item stands.
#[derive(Debug, Clone, PartialEq)]
pub enum JobState<O> {
    /// Not sent (yet).
    Ready,
    Sending,
    Done(O),
    Failed(ApiError),
    /// The run was cancelled before the item was sent.
    Cancelled,
}

impl<O> JobState<O> {
    /// Whether a retry sends it again: failed or cancelled, never done, and never a change that
    /// went unanswered (awork may have made it: sending it again could make it twice).
    pub fn retryable(&self) -> bool {
        match self {
            JobState::Failed(ApiError::Timeout { write: true, .. }) => false,
            JobState::Failed(_) | JobState::Cancelled => true,
            _ => false,
        }
    }

    /// The same state with the result turned into what the screen keeps of it.
    pub fn map<P>(self, f: impl FnOnce(O) -> P) -> JobState<P> {
        match self {
            JobState::Ready => JobState::Ready,
            JobState::Sending => JobState::Sending,
            JobState::Done(o) => JobState::Done(f(o)),
            JobState::Failed(e) => JobState::Failed(e),
            JobState::Cancelled => JobState::Cancelled,
        }
    }
}

/// Counts over the items of the latest run.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub to_send: usize,
    /// Answered for good: done or failed.
    pub sent: usize,
    pub done: usize,
    pub failed: usize,
}

/// Progress of the items with `in_run` set.
pub fn progress<O>(states: &[JobState<O>], in_run: &[bool]) -> Progress {
    let mut p = Progress::default();
    for (s, _) in states.iter().zip(in_run).filter(|(_, counted)| **counted) {
        p.to_send += 1;
        match s {
            JobState::Done(_) => p.done += 1,
            JobState::Failed(_) => p.failed += 1,
            _ => {}
        }
    }
    p.sent = p.done + p.failed;
    p
}

/// The items a retry sends.
pub fn to_retry<O>(states: &[JobState<O>]) -> Vec<usize> {
    (0..states.len()).filter(|&i| states[i].retryable()).collect()
}

/// Seconds left: at the pace so far, or as planned by the pacer when that is later (a minute's
/// budget spent, a pause).
pub fn eta_secs(planned_secs: f64, done: usize, remaining: usize, elapsed_secs: f64) -> u64 {
    let observed = if done > 0 && elapsed_secs > 0.5 { remaining as f64 * elapsed_secs / done as f64 } else { 0.0 };
    planned_secs.max(observed).max(0.0).ceil() as u64
}

/// How far ahead a start is fixed (ms). A later one is not reserved yet: the worker asks again
/// meanwhile, for an answer may have told that awork's window starts afresh sooner.
pub const LOOKAHEAD_MS: f64 = 250.0;

/// What a worker does next.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    /// Send `item` at `at` (ms), if it may still go then (see [`Scheduler::begin`]).
    Send { item: usize, at: f64 },
    /// Nothing may start before `until` as far as is known now: ask again by then.
    Wait { until: f64 },
    /// Nothing left for this worker.
    Stop,
}

/// What came back for an item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Answer {
    /// 429: not done, send again after the pause.
    Limited { asked_secs: Option<u64> },
    /// Anything else: the item's result stands.
    Final,
}

/// The run's decisions, shared by its workers: which item goes next and when, what a 429 means,
/// what cancel leaves. Plain and clock-free: every call says what time it is.
#[derive(Debug, Clone)]
pub struct Scheduler {
    queue: VecDeque<usize>,
    pacer: Pacer,
    cancelled: bool,
    limited: HashMap<usize, u32>,
}

impl Scheduler {
    pub fn new(items: impl IntoIterator<Item = usize>, pacer: Pacer) -> Scheduler {
        Scheduler { queue: items.into_iter().collect(), pacer, cancelled: false, limited: HashMap::new() }
    }

    /// No new item starts from now on; those in flight finish.
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled
    }

    pub fn next(&mut self, now: f64) -> Step {
        if self.cancelled {
            return Step::Stop;
        }
        if self.queue.is_empty() {
            return Step::Stop;
        }
        let at = self.pacer.clone().reserve(now);
        if at - now > LOOKAHEAD_MS {
            return Step::Wait { until: at };
        }
        match self.queue.pop_front() {
            Some(item) => Step::Send { item, at: self.pacer.reserve(now) },
            None => Step::Stop,
        }
    }

    /// At its start time: whether `item` goes now. Not when the run was cancelled or a 429 paused
    /// it meanwhile; then it is back at the front of the queue.
    pub fn begin(&mut self, item: usize, at: f64, now: f64) -> bool {
        if !self.cancelled && self.pacer.paused_until() <= now {
            return true;
        }
        self.pacer.release(at);
        self.queue.push_front(item);
        false
    }

    /// `item`'s answer came at `now` (`seen`: the latest rate-limit headers, with when their
    /// request was sent); true when its result stands, false when it goes again.
    pub fn answered(&mut self, item: usize, now: f64, seen: Option<Seen>, answer: Answer) -> bool {
        let limited = match answer {
            Answer::Limited { asked_secs } => Some(asked_secs),
            Answer::Final => None,
        };
        self.pacer.answered(now, seen, limited);
        if limited.is_none() {
            return true;
        }
        let count = self.limited.entry(item).or_default();
        *count += 1;
        if *count >= MAX_LIMITED {
            return true;
        }
        self.queue.push_front(item);
        false
    }

    /// Items never sent, once every worker stopped (after a cancel).
    pub fn unsent(&mut self) -> Vec<usize> {
        self.queue.drain(..).collect()
    }

    /// Seconds until the last waiting item would start, as paced now.
    pub fn planned_secs(&self, now: f64) -> f64 {
        if self.queue.is_empty() {
            return 0.0;
        }
        (self.pacer.finish_estimate(now, self.queue.len()) - now) / 1000.0
    }
}

/// A run under way: cancel it, or ask how long it will take.
#[derive(Clone)]
pub struct Run {
    scheduler: Rc<RefCell<Scheduler>>,
}

impl Run {
    pub fn cancel(&self) {
        self.scheduler.borrow_mut().cancel();
    }

    pub fn planned_secs(&self) -> f64 {
        self.scheduler.borrow().planned_secs(now_ms())
    }
}

/// Waits until `at`, in short steps so that a cancel is noticed at once.
async fn wait_until(at: f64, scheduler: &RefCell<Scheduler>) {
    loop {
        let left = at - now_ms();
        if left <= 0.0 || scheduler.borrow().is_cancelled() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(left.min(250.0).ceil() as u32).await;
    }
}

type Job<O> = dyn Fn(Client, usize) -> LocalBoxFuture<'static, Result<O, ApiError>>;
type Report<O> = dyn Fn(usize, JobState<O>);

async fn worker<O>(
    client: Client,
    scheduler: Rc<RefCell<Scheduler>>,
    job: Rc<Job<O>>,
    report: Rc<dyn Fn(usize, JobState<O>)>,
) {
    loop {
        let step = scheduler.borrow_mut().next(now_ms());
        let (item, at) = match step {
            Step::Send { item, at } => (item, at),
            Step::Wait { until } => {
                wait_until(until.min(now_ms() + LOOKAHEAD_MS), &scheduler).await;
                continue;
            }
            Step::Stop => return,
        };
        wait_until(at, &scheduler).await;
        if !scheduler.borrow_mut().begin(item, at, now_ms()) {
            continue;
        }
        report(item, JobState::Sending);
        let result = job(client.clone(), item).await;
        let answer = match &result {
            Err(ApiError::RateLimited { retry_after_secs }) => Answer::Limited { asked_secs: *retry_after_secs },
            _ => Answer::Final,
        };
        if !scheduler.borrow_mut().answered(item, now_ms(), client.rate_seen(), answer) {
            report(item, JobState::Ready);
            continue;
        }
        if matches!(result, Err(ApiError::SessionEnded)) {
            scheduler.borrow_mut().cancel();
        }
        report(item, result.map_or_else(JobState::Failed, JobState::Done));
    }
}

/// Sends `items` through `job` ([`CONCURRENCY`] at a time, paced), reporting every change of an
/// item's state; items a cancel left unsent are reported `Cancelled`, then `finished` runs.
pub fn start<O: 'static>(
    client: Client,
    items: Vec<usize>,
    job: impl Fn(Client, usize) -> LocalBoxFuture<'static, Result<O, ApiError>> + 'static,
    report: impl Fn(usize, JobState<O>) + 'static,
    finished: impl FnOnce() + 'static,
) -> Run {
    let scheduler = Rc::new(RefCell::new(Scheduler::new(items, Pacer::new(client.rate_seen().map(|s| s.headers)))));
    let (job, report): (Rc<Job<O>>, Rc<Report<O>>) = (Rc::new(job), Rc::new(report));
    let run = Run { scheduler: scheduler.clone() };
    wasm_bindgen_futures::spawn_local(async move {
        let workers = (0..CONCURRENCY).map(|_| worker(client.clone(), scheduler.clone(), job.clone(), report.clone()));
        futures_util::future::join_all(workers).await;
        let unsent = scheduler.borrow_mut().unsent();
        for item in unsent {
            report(item, JobState::Cancelled);
        }
        finished();
    });
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::rate::RateHeaders;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    /// awork's gateway as the stand-in imitates it: fixed one-second and one-minute windows; the
    /// first request arrives `phase` ms into both.
    struct Gateway {
        per_second: u32,
        per_minute: u32,
        phase: f64,
        epoch: Option<f64>,
        second: (i64, u32),
        minute: (i64, u32),
    }

    impl Gateway {
        fn new(per_second: u32, per_minute: u32) -> Gateway {
            Gateway::at_phase(per_second, per_minute, 0.0)
        }

        fn at_phase(per_second: u32, per_minute: u32, phase: f64) -> Gateway {
            Gateway { per_second, per_minute, phase, epoch: None, second: (-1, 0), minute: (-1, 0) }
        }

        /// Whether a request arriving at `t` is accepted, and the headers of its answer.
        fn arrive(&mut self, t: f64) -> (bool, RateHeaders) {
            let elapsed = t - *self.epoch.get_or_insert(t - self.phase);
            let s = (elapsed / 1000.0).floor() as i64;
            if self.second.0 != s {
                self.second = (s, 0);
            }
            if self.minute.0 != s / 60 {
                self.minute = (s / 60, 0);
            }
            let ok = self.second.1 < self.per_second && self.minute.1 < self.per_minute;
            if ok {
                self.second.1 += 1;
                self.minute.1 += 1;
            }
            let (left_s, left_m) = (self.per_second - self.second.1, self.per_minute - self.minute.1);
            let reset_s = ((s + 1) as f64 * 1000.0 - elapsed) / 1000.0;
            let reset_m = ((s / 60 + 1) as f64 * 60_000.0 - elapsed) / 1000.0;
            let (left, reset) = if left_m <= left_s { (left_m, reset_m) } else { (left_s, reset_s) };
            let reset = reset.ceil() as u64;
            (
                ok,
                RateHeaders {
                    limit_second: Some(self.per_second),
                    remaining_second: Some(left_s),
                    limit_minute: Some(self.per_minute),
                    remaining_minute: Some(left_m),
                    remaining: Some(left),
                    reset_secs: Some(if ok { reset } else { reset.max(1) }),
                },
            )
        }
    }

    /// The earliest the last of `n` requests can arrive under the gateway's windows (seconds after
    /// the first), the first arriving `phase` ms into both windows: each goes at the first moment
    /// its second and its minute have room.
    fn floor_secs(n: u32, per_second: u32, per_minute: u32, phase: f64) -> f64 {
        let (mut t, mut second, mut minute) = (phase, (-1i64, 0u32), (-1i64, 0u32));
        for _ in 0..n {
            loop {
                let (s, m) = ((t / 1000.0).floor() as i64, (t / 60_000.0).floor() as i64);
                if second.0 != s {
                    second = (s, 0);
                }
                if minute.0 != m {
                    minute = (m, 0);
                }
                if minute.1 >= per_minute {
                    t = (m + 1) as f64 * 60_000.0;
                } else if second.1 >= per_second {
                    t = (s + 1) as f64 * 1000.0;
                } else {
                    second.1 += 1;
                    minute.1 += 1;
                    break;
                }
            }
        }
        (t - phase) / 1000.0
    }

    #[derive(Debug, Default)]
    struct Outcome {
        sent: Vec<u32>,
        done: Vec<bool>,
        limited: u32,
        last_answer_ms: f64,
        cancelled: Vec<usize>,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    enum Event {
        Next,
        Start(usize, i64),
        Answer(usize, bool),
    }

    /// Runs `n` items through a [`Scheduler`] with [`CONCURRENCY`] workers against `gateway`, on
    /// a simulated clock: requests take `latency` ms (half there, half back). `others` are
    /// arrival times (ms) of requests from other clients of the workspace. `cancel_at` cancels.
    fn simulate(n: usize, gateway: &mut Gateway, latency: f64, others: &[f64], cancel_at: Option<f64>) -> Outcome {
        let mut s = Scheduler::new(0..n, Pacer::new(None));
        let mut out = Outcome { sent: vec![0; n], done: vec![false; n], ..Default::default() };
        let mut headers: Vec<Option<Seen>> = vec![None; n];
        // (time in µs, sequence, worker, event)
        let mut queue = BinaryHeap::new();
        let mut seq = 0u64;
        let mut push = |q: &mut BinaryHeap<_>, at: f64, w: usize, e: Event| {
            seq += 1;
            q.push(Reverse(((at * 1000.0).round() as i64, seq, w, e)));
        };
        for w in 0..CONCURRENCY {
            push(&mut queue, 0.0, w, Event::Next);
        }
        let mut others: VecDeque<f64> = others.iter().copied().collect();
        let mut cancel_at = cancel_at;
        while let Some(Reverse((at, _, w, event))) = queue.pop() {
            let now = at as f64 / 1000.0;
            while others.front().is_some_and(|t| *t <= now) {
                let t = others.pop_front().unwrap();
                gateway.arrive(t);
            }
            if cancel_at.is_some_and(|c| c <= now) {
                s.cancel();
                cancel_at = None;
            }
            match event {
                Event::Next => match s.next(now) {
                    Step::Send { item, at } => {
                        push(&mut queue, at, w, Event::Start(item, (at * 1000.0).round() as i64))
                    }
                    Step::Wait { until } => push(&mut queue, until.min(now + LOOKAHEAD_MS), w, Event::Next),
                    Step::Stop => {}
                },
                Event::Start(item, at) => {
                    if s.begin(item, at as f64 / 1000.0, now) {
                        out.sent[item] += 1;
                        let (ok, h) = gateway.arrive(now + latency / 2.0);
                        headers[item] = Some(Seen { headers: h, sent_at: now });
                        push(&mut queue, now + latency, w, Event::Answer(item, ok));
                    } else {
                        push(&mut queue, now, w, Event::Next);
                    }
                }
                Event::Answer(item, ok) => {
                    let answer = if ok {
                        Answer::Final
                    } else {
                        Answer::Limited { asked_secs: headers[item].unwrap().headers.reset_secs }
                    };
                    out.limited += u32::from(!ok);
                    if s.answered(item, now, headers[item], answer) {
                        out.done[item] = true;
                        out.last_answer_ms = now;
                    }
                    push(&mut queue, now, w, Event::Next);
                }
            }
        }
        out.cancelled = s.unsent();
        out
    }

    #[test]
    fn fifteen_hundred_at_50_a_second_and_1000_a_minute() {
        let mut gw = Gateway::new(50, 1000);
        let out = simulate(1500, &mut gw, 30.0, &[], None);
        assert!(out.done.iter().all(|d| *d), "every item done");
        assert!(out.sent.iter().all(|n| *n >= 1), "none lost");
        assert!(out.limited <= 2, "{} answers of 429", out.limited);
        assert_eq!(out.sent.iter().sum::<u32>(), 1500 + out.limited, "nothing sent twice but 429s");
        let floor = floor_secs(1500, 50, 1000, 0.0);
        let took = out.last_answer_ms / 1000.0;
        eprintln!("1500 items: {took:.1} s where the limits allow {floor:.1} s; {} answers of 429", out.limited);
        assert!(took <= floor * 1.1, "{took:.1} s where the limits allow {floor:.1} s");
    }

    #[test]
    fn ninety_at_10_a_second_and_60_a_minute_learned_from_the_headers() {
        let mut gw = Gateway::new(10, 60);
        let out = simulate(90, &mut gw, 20.0, &[], None);
        assert!(out.done.iter().all(|d| *d));
        assert!(out.limited <= 2, "{} answers of 429", out.limited);
        let (floor, took) = (floor_secs(90, 10, 60, 0.0), out.last_answer_ms / 1000.0);
        eprintln!("90 items: {took:.1} s where the limits allow {floor:.1} s; {} answers of 429", out.limited);
        assert!(took <= floor * 1.1, "{took:.1} s where the limits allow {floor:.1} s");
    }

    #[test]
    fn a_minute_window_that_resets_early_is_used_at_once() {
        // The run starts late in the gateway's minute: 50 s in, and 42.5 s in; and with slow
        // answers (as slow as eight in flight can take at each pace), so late that its minute's
        // budget runs out half a second before the window ends.
        for (n, per_second, per_minute, phase, latency, most_429) in [
            (90, 10, 60, 50_000.0, 30.0, 2),
            (1500, 50, 1000, 42_500.0, 30.0, 2),
            (90, 10, 60, 53_100.0, 300.0, 0),
            (1500, 50, 1000, 39_000.0, 150.0, 0),
        ] {
            let mut gw = Gateway::at_phase(per_second, per_minute, phase);
            let out = simulate(n, &mut gw, latency, &[], None);
            assert!(out.done.iter().all(|d| *d));
            assert!(out.limited <= most_429, "{} answers of 429 ({n} at {phase} ms, {latency} ms)", out.limited);
            assert_eq!(out.sent.iter().sum::<u32>(), n as u32 + out.limited, "nothing sent twice but 429s");
            let (floor, took) = (floor_secs(n as u32, per_second, per_minute, phase), out.last_answer_ms / 1000.0);
            eprintln!("{n} items from {phase} ms into the minute, answers in {latency} ms: {took:.1} s where the limits allow {floor:.1} s; {} answers of 429", out.limited);
            assert!(took <= floor * 1.15 + 2.0, "{took:.1} s where the limits allow {floor:.1} s");
        }
    }

    #[test]
    fn other_clients_spending_the_minute_pause_the_run_instead_of_drawing_429s() {
        let mut gw = Gateway::new(50, 1000);
        // Another client sent 900 requests in the 18 s before the run: 100 are left this minute.
        let others: Vec<f64> = (0..900).map(|i| -18_000.0 + i as f64 * 20.0).collect();
        let out = simulate(300, &mut gw, 30.0, &others, None);
        assert!(out.done.iter().all(|d| *d));
        assert!(out.limited <= 2, "{} answers of 429", out.limited);
        assert!(out.last_answer_ms > 42_000.0, "the rest waited for the next minute: {}", out.last_answer_ms);
    }

    #[test]
    fn cancel_leaves_the_rest_unsent_and_retry_takes_only_those_and_the_failed() {
        let mut gw = Gateway::new(50, 1000);
        let out = simulate(100, &mut gw, 30.0, &[], Some(500.0));
        let done = out.done.iter().filter(|d| **d).count();
        assert!((10..40).contains(&done), "{done} done before the cancel took");
        assert_eq!(done + out.cancelled.len(), 100, "every item is done or unsent");
        assert!(out.cancelled.iter().all(|&i| out.sent[i] == 0));
        let states: Vec<JobState<()>> = (0..100)
            .map(|i| match i {
                _ if out.done[i] && i == 3 => JobState::Failed(ApiError::Network),
                _ if out.done[i] => JobState::Done(()),
                _ => JobState::Cancelled,
            })
            .collect();
        let again = to_retry(&states);
        assert!(again.contains(&3));
        assert!(again.iter().all(|&i| i == 3 || !out.done[i]), "nothing that succeeded goes again");
        assert_eq!(again.len(), out.cancelled.len() + usize::from(out.done[3]));
    }

    #[test]
    fn a_change_that_went_unanswered_is_not_sent_again() {
        let states: [JobState<()>; 4] = [
            JobState::Failed(ApiError::Timeout { secs: 30, write: true }),
            JobState::Failed(ApiError::Timeout { secs: 30, write: false }),
            JobState::Failed(ApiError::Network),
            JobState::Done(()),
        ];
        assert_eq!(to_retry(&states), [1, 2]);
    }

    #[test]
    fn a_paused_start_goes_back_to_the_front() {
        let mut s = Scheduler::new([7, 8], Pacer::new(None));
        let Step::Send { item, at } = s.next(0.0) else { panic!() };
        assert_eq!((item, at), (7, 0.0));
        assert!(!s.answered(7, 10.0, None, Answer::Limited { asked_secs: Some(2) }), "a 429 sends it again");
        assert_eq!(s.next(10.0), Step::Wait { until: 2010.0 }, "nothing is fixed that far ahead");
        let Step::Send { item, at } = s.next(1900.0) else { panic!() };
        assert_eq!((item, at), (7, 2010.0), "after the pause");
        s.cancel();
        assert!(!s.begin(7, at, 2010.0));
        assert_eq!(s.next(2010.0), Step::Stop);
        assert_eq!(s.unsent(), [7, 8]);
    }

    #[test]
    fn progress_and_time_left() {
        let states = [JobState::Done("c"), JobState::Failed(ApiError::Network), JobState::Ready, JobState::Done("d")];
        let p = progress(&states, &[true, true, true, false]);
        assert_eq!(p, Progress { to_send: 3, sent: 2, done: 1, failed: 1 });
        assert_eq!(eta_secs(2.0, 0, 96, 0.0), 2);
        assert_eq!(eta_secs(0.5, 10, 20, 5.0), 10, "the pace so far when it is slower");
        assert_eq!(eta_secs(40.0, 10, 20, 5.0), 40, "the plan when a pause is ahead");
    }
}

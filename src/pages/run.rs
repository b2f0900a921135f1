//! The screen side of one list of writes through the job runner ([`crate::jobs`]): a state per item
//! (all of them for the counts and buttons, one signal per item for the rows, so that a change to one
//! row of thousands re-renders that row only), progress with the time left, cancel, retry of what
//! failed, and the leave guard. Shared by "invite many" and bulk changes to people.

use crate::api::client::now_ms;
use crate::api::{ApiError, Client};
use crate::components::{dynamic, handler};
use crate::i18n::prelude::*;
use crate::jobs::{self, eta_secs, progress, to_retry, JobState, Progress, Run};
use crate::route::guard_leaving;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// An item's result, as the screen keeps it: done with a note (an invitation code, a summary).
pub type ItemState = JobState<String>;

#[derive(Clone, Copy)]
pub struct RunPanel {
    pub states: RwSignal<Vec<ItemState>>,
    cells: StoredValue<Vec<RwSignal<ItemState>>>,
    in_run: RwSignal<Vec<bool>>,
    run: StoredValue<Option<Run>, LocalStorage>,
    pub running: RwSignal<bool>,
    pub cancelling: RwSignal<bool>,
    started: RwSignal<f64>,
    /// Half-second ticks while running, for the time left.
    tick: RwSignal<f64>,
}

impl RunPanel {
    pub fn new() -> RunPanel {
        let panel = RunPanel {
            states: RwSignal::new(Vec::new()),
            cells: StoredValue::new(Vec::new()),
            in_run: RwSignal::new(Vec::new()),
            run: StoredValue::new_local(None),
            running: RwSignal::new(false),
            cancelling: RwSignal::new(false),
            started: RwSignal::new(0.0),
            tick: RwSignal::new(0.0),
        };
        let (running, tick) = (panel.running, panel.tick);
        Effect::new(move |_| {
            if running.get() {
                spawn_local(async move {
                    while running.try_get_untracked() == Some(true) {
                        tick.try_set(now_ms());
                        gloo_timers::future::TimeoutFuture::new(500).await;
                    }
                });
            }
        });
        // The screen goes (left after "Leave anyway?", or the session ended): so does its run.
        let run = panel.run;
        on_cleanup(move || {
            run.try_with_value(|r| r.as_ref().map(Run::cancel));
            guard_leaving(None);
        });
        panel
    }

    /// `n` items, none sent.
    pub fn reset(&self, n: usize) {
        self.states.set(vec![JobState::Ready; n]);
        self.cells.set_value((0..n).map(|_| RwSignal::new(JobState::Ready)).collect());
        self.in_run.set(vec![false; n]);
    }

    /// Item `i`'s own state, for its row.
    pub fn cell(&self, i: usize) -> RwSignal<ItemState> {
        self.cells.with_value(|c| c.get(i).copied()).unwrap_or_else(|| RwSignal::new(JobState::Ready))
    }

    /// The screen may be gone (the session ended mid-run): only signals that still exist are set.
    fn set(&self, i: usize, state: ItemState) {
        self.cells.try_with_value(|c| c.get(i).map(|cell| cell.try_set(state.clone())));
        self.states.try_update(|s| {
            if let Some(slot) = s.get_mut(i) {
                *slot = state;
            }
        });
    }

    /// Sends the items `which` through `job`; what a success keeps is `keep`'s note. Leaving the
    /// screen meanwhile asks `leave_question` first.
    pub fn start<O: 'static>(
        &self,
        client: Client,
        which: Vec<usize>,
        leave_question: &'static str,
        job: impl Fn(Client, usize) -> LocalBoxFuture<'static, Result<O, ApiError>> + 'static,
        keep: impl Fn(usize, O) -> String + 'static,
    ) {
        if self.running.get_untracked() || which.is_empty() {
            return;
        }
        self.cancelling.set(false);
        self.running.set(true);
        self.started.set(now_ms());
        guard_leaving(Some(t(leave_question)));
        self.in_run.update(|r| {
            r.iter_mut().for_each(|f| *f = false);
            which.iter().for_each(|&i| r[i] = true);
        });
        self.states.update(|s| which.iter().for_each(|&i| s[i] = JobState::Ready));
        self.cells.with_value(|c| which.iter().for_each(|&i| c[i].set(JobState::Ready)));
        let this = *self;
        let report = move |i: usize, state: JobState<O>| this.set(i, state.map(|o| keep(i, o)));
        let finished = move || {
            this.running.try_set(false);
            this.cancelling.try_set(false);
            guard_leaving(None);
        };
        self.run.set_value(Some(jobs::start(client, which, job, report, finished)));
    }

    pub fn cancel(&self) {
        self.cancelling.set(true);
        self.run.with_value(|r| r.as_ref().map(Run::cancel));
    }

    /// Counts over the latest run (tracked).
    pub fn progress(&self) -> Progress {
        self.states.with(|s| self.in_run.with(|r| progress(s, r)))
    }

    /// What a retry sends: the failed and the cancelled (tracked).
    pub fn retryable(&self) -> Vec<usize> {
        self.states.with(|s| to_retry(s))
    }

    /// Seconds left while running (tracked, refreshed twice a second).
    pub fn seconds_left(&self) -> Option<u64> {
        self.tick.track();
        let p = self.progress();
        let left = p.to_send - p.sent;
        (self.running.get() && left > 0).then(|| {
            let elapsed = (now_ms() - self.started.get_untracked()) / 1000.0;
            let planned = self.run.with_value(|r| r.as_ref().map_or(0.0, Run::planned_secs));
            eta_secs(planned, p.sent, left, elapsed)
        })
    }
}

/// The progress bar and its line, once a run has started: `summary` says the counts, `bar` names
/// the bar.
#[component]
pub fn RunProgress(
    panel: RunPanel,
    bar: &'static str,
    test_id: &'static str,
    summary: fn(&Progress) -> String,
) -> impl IntoView {
    move || {
        let p = panel.progress();
        (p.to_send > 0).then(|| {
            let eta = panel.seconds_left().map(|s| tf(" · about {s} s left", &[("s", &s)])).unwrap_or_default();
            view! {
                <div class="batch-progress">
                    <progress max=p.to_send value=p.sent aria-label=tr(bar)></progress>
                    <span data-test=test_id>{summary(&p) + &eta}</span>
                </div>
            }
        })
    }
}

/// Cancel while running; retry what failed or was cancelled once it ended.
#[component]
pub fn RunButtons(panel: RunPanel, on_retry: Callback<Vec<usize>>) -> impl IntoView {
    view! {
        {dynamic(move || panel.running.get().then(|| view! {
            <button type="button" class="button button-secondary" disabled=move || panel.cancelling.get()
                on:click=handler(move |_| panel.cancel())>
                {dynamic(move || if panel.cancelling.get() { t("Cancelling…") } else { t("Cancel") })}
            </button>
        }))}
        {dynamic(move || {
            let again = panel.retryable();
            (!again.is_empty() && !panel.running.get()).then(|| {
                let n = again.len();
                view! {
                    <button type="button" class="button button-secondary" on:click=handler(move |_| on_retry.run(again.clone()))>
                        {dynamic(move || tf("Retry {n} failed or cancelled", &[("n", &n)]))}
                    </button>
                }
            })
        })}
    }
}

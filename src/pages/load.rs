//! What a screen waits for from awork, and what it sends: one small loader ([`Load`]) and one
//! sender ([`Submit`]) for every screen.

use crate::api::ApiError;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::{spawn_local, spawn_local_scoped};
use std::future::Future;

/// An answer a screen waits for: `None` until the first one is there, then awork's result. It is
/// asked again when a signal that `fetch` reads changes (read it in `fetch` itself: reads inside
/// the future it returns are not tracked), or on [`Load::refetch`]; the last answer
/// stays until the next one is there, and only the latest question's answer is kept. This is what
/// the screens used Leptos' `LocalResource` for; its async-derived machinery, copied for each
/// value type, took 39 KB of the screens' chunk, where this is one signal and one effect.
pub struct Load<T: 'static> {
    answer: RwSignal<Option<Result<T, ApiError>>>,
    again: Trigger,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    pub fn new<F>(fetch: impl Fn() -> F + 'static) -> Load<T>
    where
        F: Future<Output = Result<T, ApiError>> + 'static,
    {
        Self::start(Box::new(move || Box::pin(fetch())))
    }

    /// The part of [`Load::new`] that is made once per answer type, not once per screen's fetcher.
    fn start(fetch: Box<dyn Fn() -> LocalBoxFuture<'static, Result<T, ApiError>>>) -> Load<T> {
        let answer = RwSignal::new(None);
        let again = Trigger::new();
        let asked = StoredValue::new(0u64);
        Effect::new(move |_| {
            again.track();
            let pending = fetch();
            let question = asked.get_value() + 1;
            asked.set_value(question);
            spawn_local(async move {
                let result = pending.await;
                // The screen may be gone, or a newer question asked meanwhile.
                if asked.try_get_value() == Some(question) {
                    answer.try_set(Some(result));
                }
            });
        });
        Load { answer, again }
    }

    /// The answer (tracked).
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.answer.get()
    }

    pub fn get_untracked(&self) -> Option<Result<T, ApiError>> {
        self.answer.get_untracked()
    }

    /// Asks again ("Try again").
    pub fn refetch(&self) {
        self.again.notify();
    }
}

/// What a screen sends to awork on a submit or a click: one request at a time, and `pending`
/// while it is under way (the button's `disabled` and `aria-busy`). This is what the screens used
/// Leptos' `Action` for; its input, value and version signals, copied for each input type, were
/// more than the screens needed, where this is one signal.
#[derive(Clone, Copy)]
pub struct Submit {
    pending: RwSignal<bool>,
}

impl Default for Submit {
    fn default() -> Self {
        Submit::new()
    }
}

impl Submit {
    pub fn new() -> Submit {
        Submit { pending: RwSignal::new(false) }
    }

    /// Whether a request is under way.
    pub fn pending(&self) -> ReadSignal<bool> {
        self.pending.read_only()
    }

    /// Sends `request` (run under the screen's owner, as a screen's own code), unless one is
    /// still under way: a second click while the first request is out sends nothing.
    pub fn send(&self, request: impl Future<Output = ()> + 'static) {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        let pending = self.pending;
        spawn_local_scoped(async move {
            request.await;
            // The screen may be gone by now.
            pending.try_set(false);
        });
    }
}

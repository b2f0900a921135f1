//! A screen whose code is a wasm chunk of its own, fetched the first time the screen shows.
//!
//! The release build splits the wasm at the `#[wasm_split]` function in [`crate::pages`]
//! (scripts/split/wasm-bindgen); in native tests the same function is a plain call and the chunk
//! is "loaded" at once.

use super::{dynamic, handler, Loading};
use crate::i18n::prelude::*;
use futures_util::FutureExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use std::future::Future;
use std::pin::Pin;

/// A chunk could not be fetched or started (offline, a 404 after a deploy, a blocked request).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChunkMissing;

impl From<SplitLoaderError> for ChunkMissing {
    fn from(_: SplitLoaderError) -> Self {
        ChunkMissing
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Chunk {
    Loading,
    Failed,
    Ready,
}

/// Shows `screen` once its chunk is there: a loading state while it is fetched, and a message
/// with "Try again" when the fetch fails. `load` fetches the chunk (it is done at once when the
/// chunk is already there); `screen` builds the view, which after a load needs no waiting.
pub fn on_demand<L, S>(load: fn() -> L, screen: impl Fn() -> S + Send + Sync + 'static) -> AnyView
where
    L: Future<Output = Result<(), SplitLoaderError>> + 'static,
    S: Future<Output = Result<AnyView, ChunkMissing>> + 'static,
{
    let state = RwSignal::new(Chunk::Loading);
    let finish = move |pending: Pin<Box<L>>| {
        spawn_local(async move {
            let done = if pending.await.is_ok() { Chunk::Ready } else { Chunk::Failed };
            state.try_set(done);
        });
    };
    // One load, polled once here: a chunk fetched before is ready without a round trip through
    // the loading state; otherwise the same load goes on in the background.
    let mut first = Box::pin(load());
    match first.as_mut().now_or_never() {
        Some(Ok(())) => state.set(Chunk::Ready),
        Some(Err(_)) => state.set(Chunk::Failed),
        None => finish(first),
    }
    let retry = move |_| {
        state.set(Chunk::Loading);
        finish(Box::pin(load()));
    };
    dynamic(move || match state.get() {
        Chunk::Loading => view! { <Loading label=k("Loading this screen…")/> }.into_any(),
        // The chunk is loaded, so building the screen completes on its first poll.
        Chunk::Ready => match screen().now_or_never() {
            Some(Ok(view)) => view,
            _ => failed(retry).into_any(),
        },
        Chunk::Failed => failed(retry).into_any(),
    })
    .into_any()
}

/// Fetches a chunk in the background (the screens' chunk while the sign-in screen is up), so the
/// screen after it shows without a wait. A failure here is only logged by the loader; the screen's
/// own load tries again.
pub fn warm<L>(load: fn() -> L)
where
    L: Future<Output = Result<(), SplitLoaderError>> + 'static,
{
    spawn_local(async move {
        let _ = load().await;
    });
}

fn failed(retry: impl Fn(leptos::ev::MouseEvent) + 'static) -> impl IntoView {
    view! {
        <div class="banner banner-error" role="alert" data-test="chunk-failed">
            <span class="banner-text">
                {tr("This screen could not be loaded. Check the connection and try again.")}
            </span>
            <button type="button" class="button button-secondary" on:click=handler(retry)>
                {tr("Try again")}
            </button>
        </div>
    }
}

//! One shape for the parts of a view that change, so that Leptos compiles its machinery for them
//! once rather than once per call site.
//!
//! Leptos renders a `{move || …}` child through code made for that closure's own type: the
//! effect that re-runs it, the state it keeps, its drop glue. The same holds for each `on:…`
//! handler. With dozens of such sites per screen this was the largest part of the screens' wasm.
//! Every reactive child is therefore written `{dynamic(move || …)}`, every handler
//! `on:click=handler(move |_| …)` (also for handlers kept in a variable). The cost is one small
//! allocation when a view is built and a dynamic call when it re-runs, measured as no slower
//! (README, "Size and speed"). Attribute closures (`disabled=move || …`) stay as they are:
//! erasing them saved under 1 KB.
//!
//! The release build also sets Leptos' `erase_components` (scripts/env.sh), which erases
//! elements' children, attributes and components but not these closures: with both, the whole
//! app is 18 KB gzip smaller than with `erase_components` alone (374,424 against 392,662 B).

use leptos::prelude::*;
use leptos::tachys::reactive_graph::SharedReactiveFunction;
use std::sync::{Arc, Mutex};

/// A reactive child of a view: re-run when a signal it read changes, whatever view it returns.
pub fn dynamic<V>(mut view: impl FnMut() -> V + Send + 'static) -> SharedReactiveFunction<AnyView>
where
    V: IntoView + 'static,
{
    Arc::new(Mutex::new(move || view().into_any()))
}

/// An event handler (`on:click=handler(…)`).
pub fn handler<E: 'static>(on_event: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(on_event)
}

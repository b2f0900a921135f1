//! What the admin typed, kept above the screens: it survives leaving a screen and an ended session
//! (sign in again and it is all there), and is forgotten at sign-out. Memory only, never storage.

use leptos::prelude::*;
use std::any::Any;
use std::collections::HashMap;

#[derive(Clone, Copy)]
pub struct Drafts {
    owner: StoredValue<Owner>,
    values: StoredValue<HashMap<&'static str, Box<dyn Any + Send + Sync>>>,
}

impl Drafts {
    /// Made by the app, so drafts live as long as the app and not as long as a screen.
    pub fn new() -> Drafts {
        Drafts {
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
            values: StoredValue::new(HashMap::new()),
        }
    }

    /// Forgets everything typed (sign-out).
    pub fn clear(&self) {
        self.values.update_value(HashMap::clear);
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}

/// The screen's value under `key`: the one typed before, or `init()` the first time. Outside the
/// app (no [`Drafts`] context), a plain signal.
pub fn draft<T: Send + Sync + 'static>(key: &'static str, init: impl FnOnce() -> T) -> RwSignal<T> {
    let Some(drafts) = use_context::<Drafts>() else { return RwSignal::new(init()) };
    if let Some(found) = drafts.values.with_value(|v| v.get(key).and_then(|b| b.downcast_ref::<RwSignal<T>>().copied()))
    {
        return found;
    }
    let signal = drafts.owner.with_value(|o| o.with(|| RwSignal::new(init())));
    drafts.values.update_value(|v| {
        v.insert(key, Box::new(signal));
    });
    signal
}

//! A person's avatar: the profile image when awork has one, else (or when it fails) initials.

use super::{dynamic, handler};
use leptos::prelude::*;

#[component]
pub fn Avatar(
    #[prop(into)] initials: String,
    /// From `Session::image_url`, only for users with `hasImage`.
    image: Option<String>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let failed = RwSignal::new(false);
    let class = if large { "avatar avatar-large" } else { "avatar" };
    view! {
        <span class=class aria-hidden="true">
            {initials}
            {image.map(|src| dynamic(move || (!failed.get()).then(|| view! {
                <img class="avatar-image" src=src.clone() alt="" loading="lazy" decoding="async"
                    referrerpolicy="no-referrer" on:error=handler(move |_| failed.set(true))/>
            })))}
        </span>
    }
}

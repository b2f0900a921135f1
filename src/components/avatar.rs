//! A person's avatar: the profile image when awork has one, else (or when it fails) initials.

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
            {image.map(|src| view! {
                <Show when=move || !failed.get()>
                    <img class="avatar-image" src=src.clone() alt="" loading="lazy" decoding="async"
                        referrerpolicy="no-referrer" on:error=move |_| failed.set(true)/>
                </Show>
            })}
        </span>
    }
}

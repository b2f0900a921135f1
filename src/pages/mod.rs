//! One module per screen; each renders what [`crate::rules`] decides.

mod assign;
mod batch;
mod bulk;
mod invite;
mod load;
mod not_found;
mod people;
mod person;
mod profile;
mod role_members;
mod roles;
mod run;
mod sign_in;

use assign::Assign;
use batch::Batch;
use invite::Invite;
use not_found::NotFound;
use people::People;
use profile::Profile;
use role_members::RoleMembers;
use roles::Roles;
pub use sign_in::SignIn;

use crate::api::models::{Role, RoleId};
use crate::auth::Session;
use crate::components::field::RoleChoices;
use crate::components::on_demand::ChunkMissing;
use crate::components::{dynamic, NotAllowed};
use crate::i18n::k;
use crate::route::Route;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use load::Load;

/// Only admins may invite (awork's rule): others learn why instead of a form that fails. A memo,
/// so the form is built once: permissions arriving (unknown → allowed) must not rebuild it and
/// fetch its lookups twice.
#[component]
fn InvitersOnly(heading: &'static str, children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let allowed = Memo::new(move |_| session.can_invite() != Some(false));
    let reason = k("Only workspace admins can invite people. Ask an admin of this workspace.");
    dynamic(move || {
        if allowed.get() {
            children().into_any()
        } else {
            view! { <NotAllowed heading=heading reason=reason/> }.into_any()
        }
    })
}

/// The workspace's roles, for a form's role picker.
type RolesResource = Load<Vec<Role>>;

/// The workspace's active roles for a form; once they are known, a form without a role gets the
/// default one (a plain member role, see [`crate::rules::invite::default_role`]).
fn form_roles<F: Send + Sync + 'static>(form: RwSignal<F>, role: fn(&mut F) -> &mut Option<RoleId>) -> RolesResource {
    let session = expect_context::<Session>();
    let roles = Load::new(move || {
        let client = session.require_client();
        async move { client?.roles(false).await }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = roles.get() {
            let mut unset = false;
            form.update_untracked(|f| unset = role(f).is_none());
            if unset {
                form.update(|f| *role(f) = crate::rules::invite::default_role(&list));
            }
        }
    });
    roles
}

/// What the role picker offers while `roles` loads, fails or is there.
fn role_choices(roles: RolesResource) -> Signal<RoleChoices> {
    Signal::derive(move || roles.get().map(|r| r.map(|list| crate::rules::roles::role_choices(&list))))
}

/// The screen for `which`, one of those behind the sign-in. In the release build this function
/// and all that only it reaches are a wasm chunk of their own (scripts/split/wasm-bindgen), so the first
/// download holds the sign-in screen and the shell; `load_screens` fetches the chunk, and
/// [`crate::components::on_demand`] shows a screen once it is there.
#[wasm_split(screens, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_screens))]
pub fn screen(which: Route, route: ReadSignal<Route>) -> Result<AnyView, ChunkMissing> {
    crate::i18n::screens_loaded();
    expect_context::<Session>().ensure_permissions();
    Ok(match which {
        Route::SignIn | Route::Profile => view! { <Profile/> }.into_any(),
        Route::Roles => view! { <Roles/> }.into_any(),
        Route::Role(id) => view! { <RoleMembers id=id/> }.into_any(),
        Route::People(_) => view! { <People route=route/> }.into_any(),
        Route::Invite => view! { <Invite/> }.into_any(),
        Route::Batch => view! { <Batch/> }.into_any(),
        Route::Assign => view! { <Assign/> }.into_any(),
        Route::NotFound(_) => view! { <NotFound/> }.into_any(),
    })
}

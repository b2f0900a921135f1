//! A local stand-in for the parts of awork API v1 that awork-admin uses: the demo API for
//! `scripts/demo.sh` and the fixture for every browser test.
//!
//! It follows `spec/openapi-subset.json` (awork's official spec, cut to these operations) and
//! awork's documented behaviour. Where awork's docs are silent, these are the choices made:
//!
//! - **Tokens**: `demo-admin-token` (Hanna Berger, Admin role) and `demo-member-token` (a plain
//!   member). A missing, unknown or revoked token gets 401 `unauthorized`. Missing permissions are
//!   also 401 `unauthorized`, as in awork (the spec has no 403): a non-admin asking for roles,
//!   role members or invitations gets that.
//! - **`GET /users` for a non-admin** returns only the caller (no `user-master-data:read`).
//! - **Paging**: `page` defaults to 1, `pageSize` to 10 (the spec's default) and is capped at 1000
//!   rather than refused; a page that is not a whole number from 1 is a 400 `validation-failed`.
//!   `aw-page`, `aw-pagesize`, `aw-items`, `aw-totalitems` come on every paged list.
//! - **filterby / orderby**: see [`filter`]; an unreadable expression is a 400
//!   `invalid-filter-or-order`. Field names match case-insensitively; `eq` on strings is exact.
//! - **Archived** users are left out of `/users` and `/roles/{id}/users` unless `showArchived=true`;
//!   archived roles are left out of `/roles` likewise.
//! - **Invitations** need the admin role; a bad email, unknown or archived role, unknown team,
//!   wrong workspace id or invitation flow other than `invite` is a 400 `validation-failed` with
//!   `validationErrors` (property names capitalised as awork's .NET backend does: `Email`,
//!   `RoleId`); an email already in the workspace is a 400 `already-exist-error`. Without `roleId`
//!   the person joins the Member role. The new user has `invitationAccepted: false`.
//! - **Assign by email** answers 200 `{}`; an unknown task is 404, invalid fields 400; a new email
//!   creates an invited user in the given role.
//! - **Rate limits** (`--rate-limit`, or `POST /__standin/rate-limit`): 50 requests a second and
//!   1000 a minute for the workspace, counted in fixed one-second and one-minute windows that the
//!   first request after the limit was set meets `phaseMs` into them (0 by default: it opens them;
//!   see [`limiter`]); every answer then carries the
//!   rate-limit headers. `x-ratelimit-*` speak of each window, `ratelimit-*` of the window closest
//!   to its limit, and `ratelimit-reset` is the whole number of seconds (at least 1 on a 429) until
//!   that window starts afresh.
//! - **429** carries `ratelimit-limit/-remaining/-reset` and the `x-ratelimit-*` headers and no
//!   `Retry-After` (awork does not document one); its code is `too-many-requests`.
//! - **Profile images** (`GET /files/images/users/{id}`) need no token, as awork documents; users
//!   with `hasImage` get a generated PNG (a disc in a colour derived from the id), others 404.
//! - **OAuth** (`/accounts/authorize`, `/accounts/token`): one public client `awork-admin-demo`,
//!   loopback redirect URIs, PKCE S256 required, single-use codes, 5-minute access tokens, rotating
//!   refresh tokens, RFC 6749 error bodies; see [`oauth`].
//! - **CORS** mirrors any origin (the real API's policy is unknown) and exposes the `aw-*` and
//!   rate-limit headers.
//!
//! Control endpoints for tests live under `/__standin` (reset, fault rules, the request log, token
//! revocation, what the app server answers for `config.json`, OAuth token lifetimes, headers on the
//! app server, payload seeding for XSS tests). They are not part of awork, and they answer this
//! machine only (a loopback `Host`, no page of another origin; see [`control`]). With
//! `--watch-pages`, every HTML page served reports its errors there too (see [`watch`]).

pub mod app_server;
pub mod awork;
pub mod control;
pub mod data;
pub mod error;
pub mod extract;
pub mod faults;
pub mod filter;
pub mod gateway;
pub mod limiter;
pub mod oauth;
pub mod paging;
pub mod png;
pub mod state;
pub mod watch;

pub use app_server::{api_router, app_router, portal_router};
pub use state::Shared;

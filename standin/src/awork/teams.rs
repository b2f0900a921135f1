//! `GET /teams`.

use crate::error::AworkResult;
use crate::extract::Caller;
use crate::paging::{flag, paged, Params};
use crate::state::Shared;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<Shared> {
    Router::new().route("/teams", get(list))
}

async fn list(State(s): State<Shared>, _: Caller, Query(q): Params) -> AworkResult<Response> {
    let inner = s.lock();
    let include = flag(&q, "includeUserIds");
    let items = inner.ws.teams.iter().map(|t| inner.ws.team_json(t, include)).collect();
    paged(items, &q)
}

//! awork's paged lists: `page` and `pageSize` read as awork reads them, `filterby` and `orderby`
//! applied, and the `aw-page`, `aw-pagesize`, `aw-items`, `aw-totalitems` headers on every page.

use crate::error::{AworkError, AworkResult};
use crate::filter;
use axum::http::{HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// A request's query parameters; names match case-insensitively, as in awork.
pub type Params = axum::extract::Query<HashMap<String, String>>;

pub fn param<'a>(q: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

pub fn flag(q: &HashMap<String, String>, name: &str) -> bool {
    param(q, name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// `page` and `pageSize`: page from 1 (default 1), size default 10, capped at 1000; anything else
/// is a 400.
fn page_bounds(q: &HashMap<String, String>) -> AworkResult<(usize, usize)> {
    let number = |name: &'static str, default: usize| -> AworkResult<usize> {
        match param(q, name) {
            None | Some("") => Ok(default),
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                AworkError::validation_failed(vec![(name, format!("{name} must be a whole number from 1."))])
            }),
        }
    };
    Ok((number("page", 1)?, number("pageSize", 10)?.min(1000)))
}

/// The `start..end` of `page` in a list of `total`.
fn page_range(page: usize, size: usize, total: usize) -> std::ops::Range<usize> {
    let start = (page - 1).saturating_mul(size).min(total);
    start..(start + size).min(total)
}

fn page_response(slice: &[Value], page: usize, size: usize, total: usize) -> Response {
    let mut resp = Json(slice).into_response();
    let h = resp.headers_mut();
    for (name, value) in [("aw-page", page), ("aw-pagesize", size), ("aw-items", slice.len()), ("aw-totalitems", total)]
    {
        h.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
    resp
}

fn wants(q: &HashMap<String, String>, name: &str) -> Option<String> {
    param(q, name).filter(|v| !v.trim().is_empty()).map(str::to_string)
}

/// Filters, orders and pages a list as awork documents.
pub fn paged(mut items: Vec<Value>, q: &HashMap<String, String>) -> AworkResult<Response> {
    let (page, size) = page_bounds(q)?;
    if let Some(f) = wants(q, "filterby") {
        let expr = filter::parse_filter(&f).map_err(|e| AworkError::invalid_filter(&e.0))?;
        items.retain(|i| filter::matches(&expr, i));
    }
    if let Some(o) = wants(q, "orderby") {
        let keys = filter::parse_order(&o).map_err(|e| AworkError::invalid_filter(&e.0))?;
        filter::sort(&mut items, &keys);
    }
    let range = page_range(page, size, items.len());
    Ok(page_response(&items[range], page, size, items.len()))
}

/// [`paged`] for typed items: without `filterby`/`orderby` only the requested page is turned into
/// JSON, which keeps 1000-item pages of a 10,000-user workspace fast.
pub fn paged_items<T: Serialize>(items: &[T], q: &HashMap<String, String>) -> AworkResult<Response> {
    let to_json = |t: &T| serde_json::to_value(t).unwrap_or(Value::Null);
    if wants(q, "filterby").is_some() || wants(q, "orderby").is_some() {
        return paged(items.iter().map(to_json).collect(), q);
    }
    let (page, size) = page_bounds(q)?;
    let range = page_range(page, size, items.len());
    let slice: Vec<Value> = items[range].iter().map(to_json).collect();
    Ok(page_response(&slice, page, size, items.len()))
}

//! `awork-standin`: serves the demo awork API and, optionally, a built `dist/` beside it.

use awork_standin::data::{ADMIN_TOKEN, MEMBER_TOKEN};
use awork_standin::faults::{FaultKind, FaultRule};
use awork_standin::limiter::Limiter;
use awork_standin::{api_router, app_router, portal_router, Shared};
use std::net::SocketAddr;
use std::path::PathBuf;

const HELP: &str = "\
awork-standin: a local stand-in for the awork API v1

Options:
  --api-addr ADDR      where the API listens (default 127.0.0.1:8787; port 0 picks a free one)
  --app-addr ADDR      also serve the built app here (off unless given)
  --dist DIR           the built app (default dist)
  --app-path PATH      the sub-path the app is served under (default /awork-admin/)
  --portal-addr ADDR   also serve a test portal page that embeds the app (off unless given)
  --big-role N         add a role \"Support Crowd\" with N members (for benchmarks)
  --latency-ms MS      delay every API answer
  --error-every N      answer every N-th API request with a 500
  --rate-limit         enforce awork's limits (50 requests/s, 1000/min per workspace) with 429s
  --watch-pages        put a script into every HTML page served that reports the page's errors
                       to /__standin/problems (for browser tests)
Prints one line `awork-standin ready {\"api\":...,\"app\":...}` once listening.";

fn main() {
    if let Err(e) = run() {
        eprintln!("awork-standin: {e}");
        std::process::exit(2);
    }
}

#[tokio::main]
async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = pico_args::Arguments::from_env();
    if args.contains(["-h", "--help"]) {
        println!("{HELP}");
        return Ok(());
    }
    let api_addr: SocketAddr = args
        .opt_value_from_str("--api-addr")?
        .unwrap_or_else(|| "127.0.0.1:8787".parse().expect("a valid default address"));
    let app_addr: Option<SocketAddr> = args.opt_value_from_str("--app-addr")?;
    let dist: PathBuf = args.opt_value_from_str("--dist")?.unwrap_or_else(|| "dist".into());
    let app_path: String = args.opt_value_from_str("--app-path")?.unwrap_or_else(|| "/awork-admin/".into());
    let portal_addr: Option<SocketAddr> = args.opt_value_from_str("--portal-addr")?;
    let big_role: usize = args.opt_value_from_str("--big-role")?.unwrap_or(0);
    let mut faults = Vec::new();
    if let Some(ms) = args.opt_value_from_str::<_, u64>("--latency-ms")? {
        faults.push(FaultRule::every(FaultKind::Latency, None, Some(ms)));
    }
    if let Some(n) = args.opt_value_from_str::<_, u32>("--error-every")? {
        faults.push(FaultRule::every(FaultKind::Error, Some(n), None));
    }
    let rate_limit = args.contains("--rate-limit");
    let watch_pages = args.contains("--watch-pages");
    let rest = args.finish();
    if !rest.is_empty() {
        return Err(format!("unknown arguments {rest:?}\n\n{HELP}").into());
    }

    let mut state = Shared::new(big_role, faults);
    state.watch_pages = watch_pages;
    if rate_limit {
        state.lock().limiter = Limiter::new(Some(Default::default()));
    }
    let api_listener = tokio::net::TcpListener::bind(api_addr).await?;
    let api_url = format!("http://{}", api_listener.local_addr()?);
    *state.api_base.lock().map_err(|_| "lock")? = api_url.clone();

    let mut app_url = None;
    let app_task = match app_addr {
        Some(addr) => {
            if !dist.join("index.html").exists() {
                eprintln!("awork-standin: warning: {} has no index.html; build the app first", dist.display());
            }
            let listener = tokio::net::TcpListener::bind(addr).await?;
            let path = format!("/{}/", app_path.trim_matches('/')).replace("//", "/");
            app_url = Some(format!("http://{}{}", listener.local_addr()?, path));
            let router = app_router(state.clone(), dist, &app_path);
            Some(tokio::spawn(async move { axum::serve(listener, router).await }))
        }
        None => None,
    };
    let portal_state = state.clone();
    let (portal_url, portal_task) = match portal_addr {
        Some(addr) => {
            let listener = tokio::net::TcpListener::bind(addr).await?;
            let url = format!("http://{}", listener.local_addr()?);
            (Some(url), Some(tokio::spawn(async move { axum::serve(listener, portal_router(portal_state)).await })))
        }
        None => (None, None),
    };
    println!(
        "awork-standin ready {}",
        serde_json::json!({"api": api_url, "app": app_url, "portal": portal_url, "adminToken": ADMIN_TOKEN, "memberToken": MEMBER_TOKEN})
    );
    let api = axum::serve(api_listener, api_router(state));
    tokio::select! {
        r = api => r?,
        r = async { match app_task { Some(t) => t.await, None => std::future::pending().await } } => r??,
        r = async { match portal_task { Some(t) => t.await, None => std::future::pending().await } } => r??,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}

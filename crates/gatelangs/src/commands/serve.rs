//! `gatelangs serve`: migrate, print the first-run setup link or the demo logins, and serve.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use gatelangs_storage::{Store, sessions, setup, users};
use gatelangs_web::{AppState, WebConfig};

use super::demo;
use crate::cli::ServeArgs;

pub async fn run(store: &Store, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let addr: SocketAddr = args.bind.parse().with_context(|| {
        format!(
            "--bind {:?} is not an address like 127.0.0.1:8080",
            args.bind
        )
    })?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let addr = listener.local_addr()?;
    let base = format!("http://{addr}");

    if args.demo {
        let logins = demo::ensure(store).await?;
        demo::print_logins(&logins, &format!("{base}/login"));
    }
    let no_users = {
        let mut conn = store.conn().await?;
        users::count_all(&mut conn).await? == 0
    };
    if no_users {
        let mut conn = store.conn().await?;
        let token = setup::issue(&mut conn).await?;
        println!(
            "No users yet. Open this one-time link (valid for {} hours) to create the service and its first administrator:",
            setup::LIFETIME_SECONDS / 3600
        );
        println!("  {base}/setup/{token}");
    }

    let sso = sso_config(&args);
    if let Some(sso) = &sso {
        sso.check().map_err(anyhow::Error::msg)?;
    }
    let config = WebConfig {
        session_idle: args.session_idle,
        session_max: args.session_max,
        secure_cookies: args.secure_cookies,
        correction_window: args.correction_window,
        trusted_proxies: args.trusted_proxies.clone(),
        sso,
        ..WebConfig::default()
    };
    let sweeper = tokio::spawn(sweep_sessions(
        store.clone(),
        config.session_idle,
        config.session_max,
    ));
    let app = gatelangs_web::app(AppState::new(store.clone(), config));
    println!("Gatelangs is listening on {base}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("the server stopped with an error")?;
    sweeper.abort();
    Ok(ExitCode::SUCCESS)
}

/// Removes expired sessions now and then; expiry itself is checked on every request.
async fn sweep_sessions(store: Store, idle: Duration, max: Duration) {
    let mut tick = tokio::time::interval(Duration::from_secs(600));
    loop {
        tick.tick().await;
        let now = gatelangs_storage::now();
        let idle = i64::try_from(idle.as_secs()).unwrap_or(i64::MAX);
        let max = i64::try_from(max.as_secs()).unwrap_or(i64::MAX);
        let swept = async {
            let mut conn = store.conn().await?;
            sessions::delete_expired(&mut conn, now.saturating_sub(idle), now.saturating_sub(max))
                .await
        };
        if let Err(err) = swept.await {
            tracing::warn!(error = %err, "could not remove expired sessions");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Single sign-on, when an issuer is configured (clap requires the client id and secret with it).
fn sso_config(args: &ServeArgs) -> Option<gatelangs_web::auth::sso::SsoConfig> {
    Some(gatelangs_web::auth::sso::SsoConfig {
        issuer: args.oidc_issuer.clone()?,
        client_id: args.oidc_client_id.clone()?,
        client_secret: args.oidc_client_secret.clone()?,
        redirect_url: args.oidc_redirect_url.clone(),
        user_claim: args.oidc_user_claim.clone(),
        accepted_acr: args.oidc_mfa_acr.clone(),
    })
}

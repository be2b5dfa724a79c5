//! `fresque-server`: serves the built site and runs workshops.
//!
//! ```text
//! fresque-server [--site DIR] [--host ADDR] [--port N] [--allow-origin URL]...
//!                [--data DIR | --memory | --redis URL] [--joins-per-minute N]
//! ```
//! Defaults: `--site dist`, `--host 127.0.0.1`, `--port 8080` (or `$PORT`), and workshops kept
//! in `--data $FRESQUE_DATA`, else `$XDG_STATE_HOME/fresque-server`, else
//! `~/.local/state/fresque-server` (the usual place for a program's state on Linux).
//! `--memory` keeps them in memory only (lost when the server stops). `--redis URL` (or
//! `$REDIS_URL`) shares them with other servers through Redis (`docs/deploy.md`).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use fresque_server::{Config, Limits, start};

const USAGE: &str = "usage: fresque-server [--site DIR] [--host ADDR] [--port N] \
     [--allow-origin URL]... [--data DIR | --memory | --redis URL] [--joins-per-minute N]";

/// Where workshops are kept when `--data` is not given.
fn default_data() -> PathBuf {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = var("FRESQUE_DATA") {
        return PathBuf::from(dir);
    }
    if let Some(state) = var("XDG_STATE_HOME") {
        return PathBuf::from(state).join("fresque-server");
    }
    match var("HOME") {
        Some(home) => PathBuf::from(home).join(".local/state/fresque-server"),
        None => PathBuf::from("fresque-data"),
    }
}

fn parse_args() -> Result<Config, String> {
    let mut site = PathBuf::from("dist");
    let mut host: IpAddr = [127, 0, 0, 1].into();
    let mut port: u16 = std::env::var("PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(8080);
    let mut allowed_origins = Vec::new();
    let mut limits = Limits::default();
    let mut data = Some(default_data());
    let mut redis = std::env::var("REDIS_URL").ok().filter(|u| !u.is_empty());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--site" => site = PathBuf::from(value("--site")?),
            "--host" => {
                host = value("--host")?
                    .parse()
                    .map_err(|e| format!("--host: {e}"))?;
            }
            "--port" => {
                port = value("--port")?
                    .parse()
                    .map_err(|e| format!("--port: {e}"))?;
            }
            "--allow-origin" => allowed_origins.push(value("--allow-origin")?),
            "--data" => data = Some(PathBuf::from(value("--data")?)),
            "--memory" => data = None,
            "--redis" => redis = Some(value("--redis")?),
            "--joins-per-minute" => {
                limits.joins_per_minute = value("--joins-per-minute")?
                    .parse()
                    .map_err(|e| format!("--joins-per-minute: {e}"))?;
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if !site.join("index.html").is_file() {
        return Err(format!(
            "{} has no index.html: build the site first (bash scripts/build-web.sh)",
            site.display()
        ));
    }
    Ok(Config {
        site,
        addr: SocketAddr::new(host, port),
        allowed_origins,
        limits,
        data,
        redis,
    })
}

#[tokio::main]
async fn main() {
    let config = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let site = config.site.clone();
    match start(config).await {
        Ok((addr, handle)) => {
            // scripts/serve.sh and the tests read this line.
            println!("Serving {} on http://{addr}/", site.display());
            let _ = handle.await;
        }
        Err(e) => {
            eprintln!("fresque-server: cannot start: {e}");
            std::process::exit(1);
        }
    }
}

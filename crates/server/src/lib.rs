//! The workshop server of the Fresque de la démocratie: serves the built web site (solo play
//! works from it as from any static host) and runs workshops over a WebSocket at `/ws`
//! (protocol in `docs/protocol.md`). It uses the game's rules through `fresque-core`, never
//! Bevy.
//!
//! - [`room`]: one room's tables, seats and facilitator settings, without I/O;
//! - [`hub`]: every room, and which connection receives which message;
//! - [`store`]: rooms kept on disk across restarts (`--data DIR`);
//! - [`cluster`]: several servers sharing rooms through Redis (`--redis URL`);
//! - [`decks`]: the decks offered, read from the site's manifest;
//! - this file: HTTP (static files, `/api/info`, the WebSocket upgrade with its `Origin`
//!   check) and the server's start.

pub mod cluster;
pub mod decks;
pub mod hub;
pub mod room;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use fresque_core::protocol::{ErrorCode, MAX_MESSAGE_BYTES, PROTOCOL_VERSION, ServerMsg};
use tokio::sync::mpsc;
use tower_http::services::ServeDir;

pub use decks::DeckStore;
pub use hub::{Hub, Limits};

/// How a server is started.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built site (`index.html`, the wasm, `assets/`).
    pub site: PathBuf,
    pub addr: SocketAddr,
    /// Origins (`scheme://host:port`) allowed to open a WebSocket besides the server's own.
    pub allowed_origins: Vec<String>,
    pub limits: Limits,
    /// The folder where rooms are kept across restarts; `None`: in memory only.
    pub data: Option<PathBuf>,
    /// A Redis server shared with other servers (then `data` is not used).
    pub redis: Option<String>,
}

#[derive(Clone)]
struct AppState {
    hub: Arc<Hub>,
    cluster: Option<Arc<cluster::Cluster>>,
    allowed_origins: Arc<Vec<String>>,
}

/// Frames larger than this close the connection at the WebSocket layer; frames between
/// [`MAX_MESSAGE_BYTES`] and this get an error frame and the connection stays open.
const HARD_FRAME_LIMIT: usize = 1024 * 1024;
/// The read buffer of a connection (larger messages are read in several chunks).
const READ_BUFFER: usize = 8 * 1024;
/// A connection that sends nothing for this long is closed (clients ping every 20 s).
const IDLE_CONNECTION: Duration = Duration::from_secs(75);

/// The HTTP application: static site, `/api/info` and `/ws`.
pub fn app(
    hub: Arc<Hub>,
    cluster: Option<Arc<cluster::Cluster>>,
    site: PathBuf,
    allowed_origins: Vec<String>,
) -> Router {
    let state = AppState {
        hub,
        cluster,
        allowed_origins: Arc::new(allowed_origins),
    };
    let files = ServeDir::new(&site)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true);
    Router::new()
        .route("/ws", get(upgrade))
        .route("/api/info", get(info))
        .fallback_service(files)
        .layer(axum::middleware::map_response(revalidate))
        .with_state(state)
}

/// The site's files keep their names from one build to the next (`fresque_bg.wasm`, `sw.js`,
/// the decks): browsers must ask before reusing a copy (a cheap 304 when it has not changed),
/// else a heuristic freshness could mix the page of one build with the wasm of another. The
/// service worker (`sw.js`) keeps the copies that play offline.
async fn revalidate(mut response: Response) -> Response {
    if !response.headers().contains_key(header::CACHE_CONTROL)
        && response.status() != StatusCode::SWITCHING_PROTOCOLS
    {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-cache"),
        );
    }
    response
}

/// Tells the page that workshops are available here (a static host answers 404).
async fn info() -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({
            "workshops": true,
            "protocol": PROTOCOL_VERSION,
        })),
    )
}

/// Whether a browser page from `origin` may open a WebSocket on the server reached as `host`.
/// Browsers always send `Origin`; tools that send none (tests, the load generator) are let in.
pub fn origin_allowed(origin: Option<&str>, host: Option<&str>, allowed: &[String]) -> bool {
    let Some(origin) = origin else {
        return true;
    };
    if allowed.iter().any(|a| a.trim_end_matches('/') == origin) {
        return true;
    }
    let Some(host) = host else {
        return false;
    };
    // Same site: the origin's authority is the Host the browser connected to.
    origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
}

async fn upgrade(
    ws: WebSocketUpgrade,
    headers: HeaderMap,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    State(state): State<AppState>,
) -> Response {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !origin_allowed(origin, host, &state.allowed_origins) {
        return (
            StatusCode::FORBIDDEN,
            "WebSocket connections are accepted from this server's own pages only",
        )
            .into_response();
    }
    ws.max_message_size(HARD_FRAME_LIMIT)
        .max_frame_size(HARD_FRAME_LIMIT)
        // Messages are small: small buffers keep a thousand connections light (the default
        // 128 KiB read and write buffers would take a quarter of a GiB).
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(0)
        .on_upgrade(move |socket| connection(socket, state.hub, state.cluster, peer))
}

/// One WebSocket connection: a task writes its queue to the socket; this one reads.
async fn connection(
    socket: WebSocket,
    hub: Arc<Hub>,
    cluster: Option<Arc<cluster::Cluster>>,
    peer: SocketAddr,
) {
    use futures_util::{SinkExt, StreamExt};
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::channel::<hub::Frame>(hub.limits().send_queue);
    let writer = tokio::spawn(async move {
        while let Some(frame) = rx.recv().await {
            if sink
                .send(Message::Text(frame.as_ref().into()))
                .await
                .is_err()
            {
                break;
            }
        }
        let _ = sink.close().await;
    });
    let mut conn = hub::Connection::new(hub.next_connection_id(), Some(peer.ip()));
    // Closes the connection from elsewhere (a cluster whose room moved): the client reconnects.
    let kick = Arc::new(tokio::sync::Notify::new());
    if let Some(c) = &cluster {
        c.register(conn.id, tx.clone(), Arc::clone(&kick));
    }
    loop {
        let next = tokio::select! {
            next = tokio::time::timeout(IDLE_CONNECTION, stream.next()) => next,
            () = kick.notified() => break,
        };
        let Ok(Some(Ok(message))) = next else {
            break; // idle, closed, or a protocol error (e.g. a frame over the hard limit)
        };
        match message {
            Message::Text(text) => match &cluster {
                Some(c) => c.handle_text(&mut conn, text.as_str(), &tx).await,
                None => hub.handle_text(&mut conn, text.as_str(), &tx),
            },
            Message::Binary(_) => {
                let _ = tx.try_send(
                    serde_json::to_string(&ServerMsg::error(
                        ErrorCode::BadMessage,
                        "binary frames are not part of the protocol: send JSON text",
                    ))
                    .unwrap_or_default()
                    .into(),
                );
            }
            Message::Close(_) => break,
            Message::Ping(_) | Message::Pong(_) => {}
        }
    }
    if let Some(c) = &cluster {
        c.unregister(conn.id).await;
    }
    hub.leave(&mut conn);
    drop(tx);
    let _ = writer.await;
}

/// Starts the server; returns the address it listens on (useful with port 0) and runs until
/// the process ends.
pub async fn start(config: Config) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let (decks, problems) = DeckStore::load(&config.site.join("assets"));
    for p in &problems {
        eprintln!("fresque-server: {p}");
    }
    if let Some(url) = &config.redis {
        let cluster = cluster::Cluster::start(url, decks, config.limits.clone())
            .await
            .map_err(std::io::Error::other)?;
        eprintln!(
            "fresque-server: workshops shared through Redis at {url} (this server: {})",
            cluster.id
        );
        let hub = Arc::clone(cluster.hub());
        return serve(config, hub, Some(cluster)).await;
    }
    let hub = match &config.data {
        None => Hub::new(decks, config.limits.clone()),
        Some(dir) => {
            let (hub, restored, problems) =
                Hub::open(decks, config.limits.clone(), dir).map_err(std::io::Error::other)?;
            for p in &problems {
                eprintln!("fresque-server: {p}");
            }
            eprintln!(
                "fresque-server: workshops kept in {} ({restored} brought back)",
                dir.display()
            );
            hub
        }
    };
    start_with(config, Arc::new(hub)).await
}

/// Starts the server with a hub built by the caller (tests).
pub async fn start_with(
    config: Config,
    hub: Arc<Hub>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    serve(config, hub, None).await
}

async fn serve(
    config: Config,
    hub: Arc<Hub>,
    cluster: Option<Arc<cluster::Cluster>>,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = tokio::net::TcpListener::bind(config.addr).await?;
    let addr = listener.local_addr()?;
    let sweeper = Arc::clone(&hub);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            sweeper.expire_rooms();
            sweeper.forget_old_joins();
        }
    });
    let app = app(hub, cluster, config.site, config.allowed_origins);
    let handle = tokio::spawn(async move {
        let service = app.into_make_service_with_connect_info::<SocketAddr>();
        if let Err(e) = axum::serve(listener, service).await {
            eprintln!("fresque-server: {e}");
        }
    });
    Ok((addr, handle))
}

/// The largest message a client may send (re-exported for the docs and tests).
pub const MESSAGE_LIMIT: usize = MAX_MESSAGE_BYTES;

//! `docs/deploy.md`, as written: its nginx configuration blocks are read from the page and run
//! (Debian's nginx, started by the test on loopback ports with a temporary folder) in front of
//! real servers: one server behind the single-server `location`, and two servers sharing rooms
//! through Redis behind the `upstream`. Pages (WebSocket clients sending an `Origin` as a
//! browser does) play through the proxy; a page of another site is refused; the server holding
//! the room is killed and the players carry on through the other one. Only the addresses, the
//! listening port and TLS (no certificate here) are changed. Loopback only; bounded waits.

mod common;

use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::time::Duration;

use common::*;
use fresque_core::protocol::{ClientMsg, DealMode, ServerMsg};
use fresque_core::rules::{Action, Pos};
use fresque_core::shared::SharedGame;

/// The ```nginx blocks of docs/deploy.md, in order.
fn nginx_blocks() -> Vec<String> {
    let page = std::fs::read_to_string(root().join("docs/deploy.md")).unwrap();
    let mut blocks = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("```nginx\n") {
        let body = &rest[start + "```nginx\n".len()..];
        let end = body.find("```").expect("a closed block");
        blocks.push(body[..end].to_owned());
        rest = &body[end..];
    }
    blocks
}

fn nginx_binary() -> &'static str {
    let path = "/usr/sbin/nginx";
    assert!(
        Path::new(path).exists(),
        "nginx is needed for this test: `bash scripts/setup.sh` installs it (Debian's nginx)"
    );
    path
}

/// An nginx of the test's own; stopped when dropped.
struct Nginx(Child);

impl Nginx {
    fn start(dir: &Path, http: &str) -> Self {
        let conf = format!(
            "daemon off;\nworker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n access_log off;\n client_body_temp_path {d}/body;\n proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n uwsgi_temp_path {d}/uwsgi;\n scgi_temp_path {d}/scgi;\n\
             {http}\n}}\n",
            d = dir.display()
        );
        std::fs::write(dir.join("nginx.conf"), &conf).unwrap();
        let test = Process::new(nginx_binary())
            .args(["-t", "-p", &dir.display().to_string(), "-c"])
            .arg(dir.join("nginx.conf"))
            .output()
            .unwrap();
        assert!(
            test.status.success(),
            "nginx accepts the configuration:\n{}\n{conf}",
            String::from_utf8_lossy(&test.stderr)
        );
        let child = Process::new(nginx_binary())
            .args(["-p", &dir.display().to_string(), "-c"])
            .arg(dir.join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Self(child)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // TERM: nginx's master stops its workers first (a KILL would leave them running).
        let _ = Process::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        for _ in 0..50 {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn wait_listening(port: u16) {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing listens on port {port}");
}

/// A page of the site at `base` (`http://127.0.0.1:PORT`), connected through the proxy.
async fn page(base: &str) -> Client {
    let url = format!("{}/ws", base.replacen("http", "ws", 1));
    Client::connect_as_page(&url, base).await.unwrap()
}

async fn create(base: &str, tables: u8) -> (Client, String) {
    let mut host = page(base).await;
    host.send(&ClientMsg::CreateRoom {
        deck: "loi.fr.ron".into(),
        hash: loi_hash(),
        tables,
        deal: DealMode::Players,
    })
    .await;
    let ServerMsg::Created { room, .. } = host.recv().await else {
        panic!("created")
    };
    (host, room)
}

/// A player at table 1 through the front `base`, new (`name`) or back (`token`).
async fn sit_at(
    base: &str,
    room: &str,
    name: &str,
    token: Option<String>,
) -> (Client, SharedGame, String) {
    let seat = sit(page(base).await, room, 1, Some(name), token.as_deref()).await;
    let game =
        SharedGame::from_state(loi_deck(), &seat.state, Some(seat.player), seat.last_id).unwrap();
    (seat.client, game, seat.token)
}

#[tokio::test]
async fn the_nginx_configurations_of_deploy_md_carry_workshops() {
    let blocks = nginx_blocks();
    assert_eq!(
        blocks.len(),
        3,
        "deploy.md's nginx blocks: location, map, upstream"
    );
    let (location, map, upstream) = (&blocks[0], &blocks[1], &blocks[2]);
    let dir = temp("deploy");
    let site = site_with_decks("deploy");
    let redis = Redis::start(&dir, free_port());
    let single = Server::start(&site, &dir.join("data"));
    let (s1, s2) = (
        Server::start_with(&site, &["--redis", &redis.url()]),
        Server::start_with(&site, &["--redis", &redis.url()]),
    );
    let (front_single, front_pair) = (free_port(), free_port());
    let location = location.replace("127.0.0.1:8080", &single.addr.to_string());
    let upstream = upstream
        .replace("10.0.0.11:8080", &s1.addr.to_string())
        .replace("10.0.0.12:8080", &s2.addr.to_string())
        .replace(
            "listen 443 ssl;",
            &format!("listen 127.0.0.1:{front_pair};"),
        );
    assert!(upstream.contains(&s1.addr.to_string()) && upstream.contains(&s2.addr.to_string()));
    let http =
        format!("{map}\nserver {{\n listen 127.0.0.1:{front_single};\n{location}\n}}\n{upstream}");
    let _nginx = Nginx::start(&dir, &http);
    wait_listening(front_single).await;
    wait_listening(front_pair).await;

    // One server behind the `location`: the page, then a workshop through the proxy.
    let base = format!("http://127.0.0.1:{front_single}");
    let (_host, room) = create(&base, 1).await;
    let (mut a, mut ga, _) = sit_at(&base, &room, "Léa", None).await;
    let card = ga.view().hand()[0].clone();
    play(
        &mut a,
        &mut ga,
        Action::PlaceCard {
            card,
            at: Pos::new(0.0, 0.0),
        },
    )
    .await;
    // A page of another site is refused (the proxy passes the browser's Host).
    let refused = Client::connect_as_page(
        &format!("ws://127.0.0.1:{front_single}/ws"),
        "http://evil.example",
    )
    .await;
    assert!(
        matches!(&refused, Err(tokio_tungstenite::tungstenite::Error::Http(r)) if r.status() == 403),
        "another site's page is refused"
    );

    // Two servers behind the `upstream`: players spread by the proxy, one server killed.
    let base = format!("http://127.0.0.1:{front_pair}");
    let (host, room) = create(&base, 1).await;
    let (mut a, mut ga, token_a) = sit_at(&base, &room, "Léa", None).await;
    let (mut b, mut gb, token_b) = sit_at(&base, &room, "Tom", None).await;
    let cards = ga.view().hand();
    play(
        &mut a,
        &mut ga,
        Action::PlaceCard {
            card: cards[0].clone(),
            at: Pos::new(-300.0, 0.0),
        },
    )
    .await;
    while gb.seq() < ga.seq() {
        if let ServerMsg::Applied { entry, .. } = b.recv().await {
            gb.confirm(&entry).unwrap();
        }
    }
    play(
        &mut b,
        &mut gb,
        Action::PlaceCard {
            card: cards[1].clone(),
            at: Pos::new(300.0, 0.0),
        },
    )
    .await;
    let board = gb.view().board().clone();
    drop((host, a, b));
    // Whichever server runs the room, kill one: the other one serves it from Redis.
    s1.kill();
    tokio::time::sleep(fresque_server::cluster::ALIVE + Duration::from_millis(500)).await;
    let (mut a, mut ga, _) = sit_at(&base, &room, "Léa", Some(token_a)).await;
    assert_eq!(
        ga.view().board(),
        &board,
        "the same board after a server died"
    );
    play(
        &mut a,
        &mut ga,
        Action::AddLink {
            from: cards[0].clone(),
            to: cards[1].clone(),
        },
    )
    .await;
    let (_b, gb, _) = sit_at(&base, &room, "Tom", Some(token_b)).await;
    assert_eq!(gb.view().board(), ga.view().board());
    // The site's page through the proxy.
    let index = http_get(front_pair, "/").await;
    assert!(
        index.contains("200 OK") && index.contains("<!doctype html>"),
        "{index}"
    );
    drop((s2, single, redis));
    let _ = std::fs::remove_dir_all(&dir);
}

async fn http_get(port: u16, path: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .unwrap();
    s.write_all(format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut out = String::new();
    tokio::time::timeout(WAIT, s.read_to_string(&mut out))
        .await
        .unwrap()
        .unwrap();
    out
}

//! The connection to the workshop server: messages to send ([`Link::send`]) and received
//! ([`Link::inbox`]). In the browser it is a WebSocket at `ws` next to the page; a lost
//! connection is opened again by itself after 1, 2, 4, 8, then every 10 seconds, and the
//! messages of [`Link::on_connect`] (hello, then the seat) are sent first each time, so the
//! server gives the whole table back. Incoming messages wake the game up (it sleeps between
//! inputs). Native builds (tests) have no socket: tests read the outbox and fill the inbox.

use std::collections::VecDeque;

use bevy::prelude::*;

use crate::protocol::{ClientMsg, PROTOCOL_VERSION, ServerMsg};

/// Where the connection stands.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum LinkStatus {
    /// No workshop.
    #[default]
    Closed,
    Connecting,
    Open,
    /// Lost; trying again at `at` (seconds of the app's clock).
    Retrying {
        attempt: u32,
        at: f64,
    },
}

/// The workshop connection (one at a time).
#[derive(Resource, Debug, Default)]
pub struct Link {
    pub status: LinkStatus,
    /// Messages waiting to be sent (kept while the connection is down).
    pub outbox: VecDeque<ClientMsg>,
    pub inbox: VecDeque<ServerMsg>,
    /// Sent first after every (re)connection, after `hello`.
    pub on_connect: Vec<ClientMsg>,
    /// Whether a connection is wanted (a workshop is being joined or played).
    pub wanted: bool,
    /// Attempts since the last open connection.
    pub attempts: u32,
    /// When the last ping was sent (seconds of the app's clock).
    last_ping: f64,
}

impl Link {
    pub fn send(&mut self, msg: ClientMsg) {
        self.outbox.push_back(msg);
    }

    /// Opens the connection (if needed) with these first messages.
    pub fn open(&mut self, on_connect: Vec<ClientMsg>) {
        self.on_connect = on_connect;
        self.wanted = true;
        if self.status == LinkStatus::Closed {
            self.status = LinkStatus::Connecting;
        }
    }

    /// Closes the connection and forgets what was waiting.
    pub fn close(&mut self) {
        *self = Self::default();
    }

    /// The messages a (re)connection starts with.
    pub fn greeting(&self) -> Vec<ClientMsg> {
        let mut first = vec![ClientMsg::Hello {
            protocol: PROTOCOL_VERSION,
        }];
        first.extend(self.on_connect.iter().cloned());
        first
    }

    /// The delay before attempt `n` (from 1): 1, 2, 4, 8, then 10 seconds.
    pub fn backoff_secs(attempt: u32) -> f64 {
        f64::from(1u32 << attempt.saturating_sub(1).min(4)).min(10.0)
    }

    /// The connection was lost: try again later (messages of the outbox wait).
    pub fn lost(&mut self, now: f64) {
        if !self.wanted {
            self.status = LinkStatus::Closed;
            return;
        }
        self.attempts += 1;
        self.status = LinkStatus::Retrying {
            attempt: self.attempts,
            at: now + Self::backoff_secs(self.attempts),
        };
    }

    /// Whether a ping is due (every 20 s while open).
    pub fn ping_due(&mut self, now: f64) -> bool {
        if self.status == LinkStatus::Open && now - self.last_ping >= 20.0 {
            self.last_ping = now;
            true
        } else {
            false
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Link>();
    #[cfg(target_arch = "wasm32")]
    socket::plugin(app);
}

#[cfg(target_arch = "wasm32")]
mod socket {
    //! The WebSocket, through web-sys.

    use std::cell::RefCell;
    use std::rc::Rc;

    use bevy::prelude::*;
    use bevy::winit::{EventLoopProxyWrapper, WinitUserEvent};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    use super::{Link, LinkStatus};
    use crate::protocol::{ClientMsg, ServerMsg};

    enum Incoming {
        Opened,
        Text(String),
        Closed,
    }

    /// The socket and what its callbacks received (the callbacks are not `Send`: this is a
    /// non-send resource, used on the main thread only).
    #[derive(Default)]
    struct Socket {
        ws: Option<web_sys::WebSocket>,
        incoming: Rc<RefCell<Vec<Incoming>>>,
        _callbacks: Vec<Box<dyn std::any::Any>>,
    }

    pub(super) fn plugin(app: &mut App) {
        app.insert_non_send(Socket::default())
            .add_systems(PreUpdate, pump);
    }

    /// `ws` next to the page (`https` pages use `wss`).
    fn url() -> Option<String> {
        let location = web_sys::window()?.location();
        let scheme = if location.protocol().ok()? == "https:" {
            "wss:"
        } else {
            "ws:"
        };
        let path = location.pathname().ok()?;
        let dir = &path[..=path.rfind('/').unwrap_or(0)];
        Some(format!("{scheme}//{}{dir}ws", location.host().ok()?))
    }

    fn open(socket: &mut Socket, proxy: Option<&EventLoopProxyWrapper>) -> bool {
        let Some(ws) = url().and_then(|u| web_sys::WebSocket::new(&u).ok()) else {
            return false;
        };
        let incoming = Rc::clone(&socket.incoming);
        let wake = proxy.map(|p| (**p).clone());
        let push = move |event: Incoming| {
            incoming.borrow_mut().push(event);
            if let Some(proxy) = &wake {
                let _ = proxy.send_event(WinitUserEvent::WakeUp);
            }
        };
        let on_open = {
            let push = push.clone();
            Closure::<dyn FnMut()>::new(move || push(Incoming::Opened))
        };
        let on_message = {
            let push = push.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(text) = e.data().as_string() {
                    push(Incoming::Text(text));
                }
            })
        };
        let on_close = Closure::<dyn FnMut()>::new(move || push(Incoming::Closed));
        ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // An error is followed by a close event: one handler for both is enough.
        ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        socket._callbacks = vec![Box::new(on_open), Box::new(on_message), Box::new(on_close)];
        socket.ws = Some(ws);
        true
    }

    fn send(ws: &web_sys::WebSocket, msg: &ClientMsg) -> bool {
        serde_json::to_string(msg)
            .ok()
            .is_some_and(|text| ws.send_with_str(&text).is_ok())
    }

    fn pump(
        mut socket: NonSendMut<Socket>,
        mut link: ResMut<Link>,
        time: Res<Time<Real>>,
        proxy: Option<Res<EventLoopProxyWrapper>>,
    ) {
        let now = time.elapsed_secs_f64();
        if !link.wanted {
            if let Some(ws) = socket.ws.take() {
                let _ = ws.close();
            }
            return;
        }
        let due = match link.status {
            LinkStatus::Closed | LinkStatus::Connecting => socket.ws.is_none(),
            LinkStatus::Retrying { at, .. } => now >= at,
            LinkStatus::Open => false,
        };
        if due && socket.ws.is_none() {
            if open(&mut socket, proxy.as_deref()) {
                link.status = LinkStatus::Connecting;
            } else {
                link.lost(now);
            }
        }
        let events: Vec<Incoming> = socket.incoming.borrow_mut().drain(..).collect();
        for event in events {
            match event {
                Incoming::Opened => {
                    link.status = LinkStatus::Open;
                    link.attempts = 0;
                    if let Some(ws) = &socket.ws {
                        for msg in link.greeting() {
                            send(ws, &msg);
                        }
                    }
                }
                Incoming::Text(text) => match serde_json::from_str::<ServerMsg>(&text) {
                    Ok(msg) => link.inbox.push_back(msg),
                    Err(e) => warn!("workshop: a message not understood: {e}"),
                },
                Incoming::Closed => {
                    socket.ws = None;
                    socket._callbacks.clear();
                    link.lost(now);
                }
            }
        }
        if link.status == LinkStatus::Open {
            if link.ping_due(now) {
                let t = (now * 1000.0) as u64;
                link.outbox.push_back(ClientMsg::Ping { t });
            }
            if let Some(ws) = socket.ws.clone() {
                while let Some(msg) = link.outbox.pop_front() {
                    if !send(&ws, &msg) {
                        link.outbox.push_front(msg);
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_stays_at_ten_seconds() {
        let delays: Vec<f64> = (1..=7).map(Link::backoff_secs).collect();
        assert_eq!(delays, vec![1.0, 2.0, 4.0, 8.0, 10.0, 10.0, 10.0]);
    }

    #[test]
    fn a_lost_connection_keeps_what_waits_and_tries_again() {
        let mut link = Link::default();
        link.open(vec![ClientMsg::Ping { t: 1 }]);
        link.send(ClientMsg::Ping { t: 2 });
        link.lost(100.0);
        assert_eq!(
            link.status,
            LinkStatus::Retrying {
                attempt: 1,
                at: 101.0
            }
        );
        assert_eq!(link.outbox.len(), 1);
        assert_eq!(link.greeting().len(), 2, "hello, then the seat");
        link.close();
        assert_eq!(link.status, LinkStatus::Closed);
        assert!(link.outbox.is_empty());
    }
}

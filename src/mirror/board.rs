//! The mirror's board: the hand, the cards on the board with where they are (zone, place on
//! the timeline, arrows or partners) and their verdicts after a check, the arrows or pairs,
//! and buttons for every move. Moving a card is two choices, as without dragging on the
//! canvas: "choose where to put X", then one of the places offered (or Cancel): see
//! [`super::moves`].

use crate::feedback::{placement_style, verdict_reason};
use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{CardId, Game, Phase, RoundKind, Verdict, zone_at};

use super::command::Command;
use super::moves::{arrow_ends, board_buttons, destinations, hand_buttons};
use super::node::MirrorNode;

/// What is being chosen on the board (the same state as the canvas's, see
/// `crate::table::Selection`).
#[derive(Default, Clone, Copy)]
pub struct Choosing<'a> {
    pub moving: Option<&'a CardId>,
    pub linking_from: Option<&'a CardId>,
}

/// The key of a card's first button: where the focus goes back after its move.
pub fn card_key(card: &CardId) -> String {
    format!("card:{card}")
}

/// The board section of the play screen.
pub fn board_section(game: &Game, choosing: Choosing, lang: Lang) -> MirrorNode {
    let title = |c: &CardId| {
        game.deck()
            .card(c)
            .map_or_else(|| c.to_string(), |card| card.title.clone())
    };
    let playing = matches!(game.phase(), Phase::Playing);
    let mut children = Vec::new();

    if playing && let Some(card) = choosing.moving {
        children.push(destinations(game, card, lang, &title));
    } else if playing && let Some(from) = choosing.linking_from {
        children.push(arrow_ends(game, from, lang, &title));
    }

    let hand = game.hand();
    let hand_items = hand
        .iter()
        .map(|card| {
            let mut item = card_texts(game, card, lang, &title);
            if playing {
                item.extend(hand_buttons(game, card, lang, &title));
            }
            MirrorNode::item(format!("hand-item:{card}"), item)
        })
        .collect::<Vec<_>>();
    let hand_name = lang.f(Key::MirrorHand, &[("n", &hand.len())]);
    children.push(MirrorNode::heading("hand", 3, hand_name.clone()));
    if hand_items.is_empty() {
        children.push(MirrorNode::text("hand-empty", lang.t(Key::MirrorHandEmpty)));
    } else {
        children.push(MirrorNode::list("hand-list", hand_name, hand_items));
    }

    let placed = placed_in_reading_order(game);
    let board_items = placed
        .iter()
        .map(|card| {
            let mut item = card_texts(game, card, lang, &title);
            item.push(MirrorNode::text(
                format!("where:{card}"),
                where_is(game, card, lang, &title),
            ));
            if let Some(verdict) = card_verdict(game, card, lang) {
                item.push(MirrorNode::text(format!("verdict:{card}"), verdict));
            }
            if let Some(back) = game
                .report()
                .and_then(|_| game.deck().card(card))
                .map(|c| c.back.clone())
            {
                item.push(MirrorNode::text(
                    format!("back:{card}"),
                    format!("{} : {back}", lang.t(Key::CardBack)),
                ));
            }
            if playing {
                item.extend(board_buttons(game, card, lang, &title));
            }
            MirrorNode::item(format!("board-item:{card}"), item)
        })
        .collect::<Vec<_>>();
    let board_name = lang.f(Key::MirrorOnBoard, &[("n", &placed.len())]);
    children.push(MirrorNode::heading("board", 3, board_name.clone()));
    if board_items.is_empty() {
        children.push(MirrorNode::text(
            "board-empty",
            lang.t(Key::MirrorBoardEmpty),
        ));
    } else {
        children.push(MirrorNode::list("board-list", board_name, board_items));
    }

    if matches!(game.kind(), RoundKind::Links(_) | RoundKind::Matching(_)) {
        children.extend(links_list(game, playing, lang, &title));
    }
    MirrorNode::section("mirror-board", lang.t(Key::MirrorBoard), children)
}

/// The cards on the board: left to right on a timeline, zone by zone in a categories round,
/// in the order they were put down otherwise.
fn placed_in_reading_order(game: &Game) -> Vec<CardId> {
    match game.kind() {
        RoundKind::Timeline(_) => game.timeline_cards(),
        RoundKind::Categories(r) => {
            let mut cards: Vec<(usize, CardId)> = game
                .board()
                .placed()
                .iter()
                .map(|(c, p)| (zone_at(r, *p).unwrap_or(usize::MAX), c.clone()))
                .collect();
            cards.sort_by_key(|(zone, _)| *zone);
            cards.into_iter().map(|(_, c)| c).collect()
        }
        _ => game
            .board()
            .placed()
            .iter()
            .map(|(c, _)| c.clone())
            .collect(),
    }
}

fn card_texts(
    game: &Game,
    card: &CardId,
    _lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> Vec<MirrorNode> {
    let mut out = vec![MirrorNode::heading(format!("title:{card}"), 4, title(card))];
    if let Some(face) = game.deck().card(card).map(|c| c.face.clone())
        && !face.is_empty()
    {
        out.push(MirrorNode::text(format!("face:{card}"), face));
    }
    out
}

/// Where a card on the board is, in words.
pub fn where_is(
    game: &Game,
    card: &CardId,
    lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> String {
    let names = |cards: Vec<&CardId>| {
        cards
            .into_iter()
            .map(|c| format!("« {} »", title(c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match game.kind() {
        RoundKind::Categories(r) => match game
            .board()
            .position(card)
            .and_then(|p| zone_at(r, p))
            .and_then(|z| r.zones.get(z))
        {
            Some(zone) => lang.f(Key::MirrorInZone, &[("zone", &zone.label)]),
            None => lang.t(Key::MirrorOutsideZones).to_owned(),
        },
        RoundKind::Timeline(_) => {
            let order = game.timeline_cards();
            let n = order.iter().position(|c| c == card).map_or(0, |i| i + 1);
            lang.f(Key::MirrorAtPlace, &[("n", &n), ("total", &order.len())])
        }
        RoundKind::Links(_) => {
            let links = game.board().links();
            let to: Vec<&CardId> = links
                .iter()
                .filter(|l| &l.from == card)
                .map(|l| &l.to)
                .collect();
            let from: Vec<&CardId> = links
                .iter()
                .filter(|l| &l.to == card)
                .map(|l| &l.from)
                .collect();
            let mut parts = Vec::new();
            if !to.is_empty() {
                parts.push(lang.f(Key::MirrorLeadsTo, &[("cards", &names(to))]));
            }
            if !from.is_empty() {
                parts.push(lang.f(Key::MirrorComesFrom, &[("cards", &names(from))]));
            }
            if parts.is_empty() {
                lang.t(Key::MirrorNoArrow).to_owned()
            } else {
                parts.join(" ")
            }
        }
        RoundKind::Matching(_) => {
            let partners: Vec<&CardId> = game
                .board()
                .links()
                .iter()
                .filter_map(|l| {
                    if &l.from == card {
                        Some(&l.to)
                    } else if &l.to == card {
                        Some(&l.from)
                    } else {
                        None
                    }
                })
                .collect();
            if partners.is_empty() {
                lang.t(Key::MirrorNoPartner).to_owned()
            } else {
                lang.f(Key::MirrorPairedWith, &[("cards", &names(partners))])
            }
        }
    }
}

fn card_verdict(game: &Game, card: &CardId, lang: Lang) -> Option<String> {
    if game.showing_solution() {
        return None;
    }
    let placement = game.report()?.placement(card)?;
    Some(placement_style(lang.0, placement).0)
}

/// The arrows (links round) or pairs (matching round), with their verdicts after a check and a
/// button to erase each while playing.
fn links_list(
    game: &Game,
    playing: bool,
    lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> Vec<MirrorNode> {
    let pairs = matches!(game.kind(), RoundKind::Matching(_));
    let report = game.report();
    let items: Vec<MirrorNode> = game
        .board()
        .links()
        .iter()
        .map(|link| {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("from", &title(&link.from)), ("to", &title(&link.to))];
            let (text_key, remove_key) = if pairs {
                (Key::MirrorPair, Key::MirrorUnpair)
            } else {
                (Key::MirrorArrow, Key::MirrorRemoveArrow)
            };
            let mut text = lang.f(text_key, &args);
            if let Some(verdict) = report.and_then(|r| r.verdict(link))
                && !game.showing_solution()
            {
                let label = match verdict {
                    Verdict::Correct { .. } => lang.t(Key::VerdictCorrect),
                    Verdict::Acceptable { .. } => lang.t(Key::VerdictAcceptable),
                    Verdict::Wrong(_) => lang.t(Key::VerdictWrong),
                };
                text = format!("{text} — {label} : {}", verdict_reason(lang.0, verdict));
            }
            let key = format!("link:{}:{}", link.from, link.to);
            let mut children = vec![MirrorNode::text(format!("{key}:text"), text)];
            if playing {
                children.push(
                    MirrorNode::button(
                        key.clone(),
                        lang.f(remove_key, &args),
                        Command::Unlink {
                            from: link.from.to_string(),
                            to: link.to.to_string(),
                        },
                    )
                    .then("links"),
                );
            }
            MirrorNode::item(format!("{key}:item"), children)
        })
        .collect();
    let name = lang.f(
        if pairs {
            Key::MirrorPairs
        } else {
            Key::MirrorArrows
        },
        &[("n", &items.len())],
    );
    let mut out = vec![MirrorNode::heading("links", 3, name.clone())];
    if !items.is_empty() {
        out.push(MirrorNode::list("links-list", name, items));
    }
    out
}

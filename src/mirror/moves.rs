//! The mirror's buttons for moves: a card's own buttons (in the hand, on the board) and, once a
//! card is chosen, the group of places it can go (or of cards an arrow can end on), then
//! "Cancel this choice". Each choice sends the focus back to the card.

use crate::i18n::Key;
use crate::locale::Lang;
use crate::rules::{CardId, Game, Place, RoundKind};

use super::board::card_key;
use super::command::Command;
use super::node::MirrorNode;

pub(super) fn hand_buttons(
    game: &Game,
    card: &CardId,
    lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> Vec<MirrorNode> {
    let name = title(card);
    let key = card_key(card);
    let choose = |label: Key| {
        MirrorNode::button(
            key.clone(),
            lang.f(label, &[("card", &name)]),
            Command::Choose {
                card: card.to_string(),
            },
        )
        .about(card)
        .then("dest:0")
    };
    let place = |key: String| {
        MirrorNode::button(
            key,
            lang.f(Key::MirrorPlace, &[("card", &name)]),
            Command::Place {
                card: card.to_string(),
            },
        )
        .about(card)
        .then(card_key(card))
    };
    match game.kind() {
        RoundKind::Categories(_) | RoundKind::Timeline(_) => vec![choose(Key::MirrorChoose)],
        RoundKind::Links(_) => vec![place(key.clone())],
        RoundKind::Matching(_) => {
            let mut out = vec![place(key.clone())];
            if !game.board().placed().is_empty() {
                let mut pair = choose(Key::MirrorPairFrom);
                pair.key = format!("{key}:pair");
                out.push(pair);
            }
            out
        }
    }
}

pub(super) fn board_buttons(
    game: &Game,
    card: &CardId,
    lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> Vec<MirrorNode> {
    let name = title(card);
    let key = card_key(card);
    let others = game.board().placed().len() > 1;
    let mut out = Vec::new();
    let choose = Command::Choose {
        card: card.to_string(),
    };
    // The card's first button: where its move starts (its choices get the focus next).
    let first = match game.kind() {
        RoundKind::Categories(_) | RoundKind::Timeline(_) => Some((Key::MirrorMove, choose)),
        RoundKind::Links(_) if others => Some((
            Key::MirrorLinkFrom,
            Command::LinkFrom {
                card: card.to_string(),
            },
        )),
        RoundKind::Matching(_) if others => Some((Key::MirrorPairFrom, choose)),
        _ => None,
    };
    if let Some((label, command)) = first {
        out.push(
            MirrorNode::button(key.clone(), lang.f(label, &[("card", &name)]), command)
                .then("dest:0"),
        );
    }
    let return_key = if out.is_empty() {
        key
    } else {
        format!("{key}:return")
    };
    out.push(
        MirrorNode::button(
            return_key,
            lang.f(Key::MirrorReturn, &[("card", &name)]),
            Command::Return {
                card: card.to_string(),
            },
        )
        .then("hand"),
    );
    out.into_iter().map(|b| b.about(card)).collect()
}

/// "Where to put X?": every place the round offers, then Cancel.
pub(super) fn destinations(
    game: &Game,
    card: &CardId,
    lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> MirrorNode {
    let name = title(card);
    let c = card.to_string();
    let mut buttons: Vec<MirrorNode> = Vec::new();
    if matches!(game.kind(), RoundKind::Matching(_)) && !game.board().is_placed(card) {
        buttons.push(MirrorNode::button(
            "",
            lang.f(Key::MirrorPlace, &[("card", &name)]),
            Command::Place { card: c.clone() },
        ));
    }
    for place in game.places_for(card) {
        let (label, command, about) = match &place {
            Place::Zone(i) => {
                let RoundKind::Categories(r) = game.kind() else {
                    continue;
                };
                (
                    lang.f(Key::MirrorToZone, &[("zone", &r.zones[*i].label)]),
                    Command::Zone {
                        card: c.clone(),
                        zone: *i,
                    },
                    None,
                )
            }
            // Focused, it rings the card that would then come second: where the front is.
            Place::After(None) => (
                lang.t(Key::MirrorFirst).to_owned(),
                Command::After {
                    card: c.clone(),
                    after: None,
                },
                game.timeline_cards()
                    .into_iter()
                    .find(|other| other != card),
            ),
            Place::After(Some(other)) => (
                lang.f(Key::MirrorAfter, &[("card", &title(other))]),
                Command::After {
                    card: c.clone(),
                    after: Some(other.to_string()),
                },
                Some(other.clone()),
            ),
            Place::With(other) => (
                lang.f(Key::MirrorWith, &[("card", &title(other))]),
                Command::With {
                    card: c.clone(),
                    with: other.to_string(),
                },
                Some(other.clone()),
            ),
        };
        let mut button = MirrorNode::button("", label, command);
        if let Place::Zone(i) = &place {
            button.target = Some(format!("zone:{i}"));
        }
        buttons.push(match about {
            Some(other) => button.about(&other),
            None => button,
        });
    }
    choice_group(
        lang.f(Key::MirrorWhereTo, &[("card", &name)]),
        buttons,
        card,
        lang,
    )
}

/// "An arrow from X: to which card?": every other card on the board, then Cancel.
pub(super) fn arrow_ends(
    game: &Game,
    from: &CardId,
    lang: Lang,
    title: &dyn Fn(&CardId) -> String,
) -> MirrorNode {
    let buttons = game
        .board()
        .placed()
        .iter()
        .filter(|(c, _)| c != from)
        .map(|(to, _)| {
            MirrorNode::button(
                "",
                lang.f(Key::MirrorLinkTo, &[("card", &title(to))]),
                Command::LinkTo {
                    from: from.to_string(),
                    to: to.to_string(),
                },
            )
            .about(to)
        })
        .collect();
    choice_group(
        lang.f(Key::MirrorArrowFrom, &[("card", &title(from))]),
        buttons,
        from,
        lang,
    )
}

/// A group of choices keyed `dest:0`, `dest:1`… (the first gets the focus), then Cancel; each
/// sends the focus back to the card.
fn choice_group(name: String, buttons: Vec<MirrorNode>, card: &CardId, lang: Lang) -> MirrorNode {
    let mut children: Vec<MirrorNode> = buttons
        .into_iter()
        .enumerate()
        .map(|(i, mut b)| {
            b.key = format!("dest:{i}");
            b.then(card_key(card))
        })
        .collect();
    let cancel_key = format!("dest:{}", children.len());
    children.push(
        MirrorNode::button(cancel_key, lang.t(Key::MirrorCancel), Command::Cancel)
            .then(card_key(card)),
    );
    MirrorNode::group("choosing", name, children)
}

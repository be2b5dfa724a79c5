//! A deck being played: the current round's board and phase, changed only by [`Game::apply`].

use std::sync::Arc;

use super::action::{Action, Event, RuleError};
use super::board::{Link, LinksBoard, Pos};
use super::check::{Report, check_links};
use super::deck::{CardId, Deck, LinksRound, RoundKind};

/// Whether players are arranging cards or reading the feedback of a check.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Playing,
    Checked(Box<Report>),
}

/// One deck being played, round by round.
#[derive(Clone, Debug)]
pub struct Game {
    deck: Arc<Deck>,
    round: usize,
    board: LinksBoard,
    phase: Phase,
    checks: usize,
}

impl Game {
    /// Starts the deck's first round.
    ///
    /// # Panics
    /// If the deck has no round; a validated deck always has one.
    pub fn new(deck: Arc<Deck>) -> Self {
        assert!(!deck.rounds.is_empty(), "a validated deck has rounds");
        Self {
            deck,
            round: 0,
            board: LinksBoard::new(),
            phase: Phase::Playing,
            checks: 0,
        }
    }

    pub fn deck(&self) -> &Arc<Deck> {
        &self.deck
    }

    pub fn round_index(&self) -> usize {
        self.round
    }

    pub fn round(&self) -> &super::deck::Round {
        &self.deck.rounds[self.round]
    }

    /// The links definition of the current round.
    pub fn links_round(&self) -> &LinksRound {
        match &self.round().kind {
            RoundKind::Links(r) => r,
        }
    }

    pub fn board(&self) -> &LinksBoard {
        &self.board
    }

    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// The report of the check being shown, if any.
    pub fn report(&self) -> Option<&Report> {
        match &self.phase {
            Phase::Checked(r) => Some(r),
            Phase::Playing => None,
        }
    }

    /// How many times players have checked this round.
    pub fn checks(&self) -> usize {
        self.checks
    }

    pub fn lot_count(&self) -> usize {
        self.links_round().lots.len()
    }

    pub fn has_more_lots(&self) -> bool {
        self.board.revealed_lots() < self.lot_count()
    }

    /// Cards revealed so far and not on the board, in lot order.
    pub fn hand(&self) -> Vec<CardId> {
        self.links_round()
            .lots
            .iter()
            .take(self.board.revealed_lots())
            .flat_map(|lot| lot.cards.iter())
            .filter(|c| !self.board.is_placed(c))
            .cloned()
            .collect()
    }

    fn is_revealed(&self, card: &CardId) -> bool {
        self.links_round()
            .lots
            .iter()
            .take(self.board.revealed_lots())
            .any(|lot| lot.cards.contains(card))
    }

    fn is_in_round(&self, card: &CardId) -> bool {
        self.links_round().cards().any(|c| c == card)
    }

    /// Checks `action`, then applies it. Returns what happened, or why nothing did.
    pub fn apply(&mut self, action: &Action) -> Result<Vec<Event>, RuleError> {
        let events = self.plan(action)?;
        for event in &events {
            self.apply_event(event);
        }
        Ok(events)
    }

    /// Decides what `action` does without changing anything.
    fn plan(&self, action: &Action) -> Result<Vec<Event>, RuleError> {
        let editing = !matches!(action, Action::Check | Action::Retry);
        if editing && matches!(self.phase, Phase::Checked(_)) {
            return Err(RuleError::BoardLocked);
        }
        match action {
            Action::PlaceCard { card, at } => {
                self.known(card)?;
                if self.board.is_placed(card) {
                    return Err(RuleError::AlreadyPlaced(card.clone()));
                }
                if !self.is_revealed(card) {
                    return Err(RuleError::NotInHand(card.clone()));
                }
                on_board(*at)?;
                Ok(vec![Event::CardPlaced {
                    card: card.clone(),
                    at: *at,
                }])
            }
            Action::MoveCard { card, to } => {
                let from = self.placed(card)?;
                on_board(*to)?;
                Ok(vec![Event::CardMoved {
                    card: card.clone(),
                    from,
                    to: *to,
                }])
            }
            Action::ReturnCard { card } => {
                self.placed(card)?;
                let mut events: Vec<Event> = self
                    .board
                    .links()
                    .iter()
                    .filter(|l| l.touches(card))
                    .cloned()
                    .map(Event::LinkRemoved)
                    .collect();
                events.push(Event::CardReturned { card: card.clone() });
                Ok(events)
            }
            Action::AddLink { from, to } => {
                self.placed(from)?;
                self.placed(to)?;
                if from == to {
                    return Err(RuleError::SelfLink);
                }
                let link = Link::new(from.clone(), to.clone());
                if self.board.links().iter().any(|l| l.joins_same_cards(&link)) {
                    return Err(RuleError::AlreadyLinked);
                }
                Ok(vec![Event::LinkAdded(link)])
            }
            Action::RemoveLink { from, to } => {
                let link = Link::new(from.clone(), to.clone());
                if !self.board.has_link(&link) {
                    return Err(RuleError::NoSuchLink);
                }
                Ok(vec![Event::LinkRemoved(link)])
            }
            Action::RevealNextLot => {
                if !self.has_more_lots() {
                    return Err(RuleError::NoMoreLots);
                }
                let index = self.board.revealed_lots();
                Ok(vec![Event::LotRevealed {
                    index,
                    cards: self.links_round().lots[index].cards.clone(),
                }])
            }
            Action::Check => {
                let report = check_links(self.links_round(), &self.board);
                Ok(vec![Event::Checked(Box::new(report))])
            }
            Action::Retry => match self.phase {
                Phase::Checked(_) => Ok(vec![Event::Reopened]),
                Phase::Playing => Err(RuleError::NotChecked),
            },
        }
    }

    fn known(&self, card: &CardId) -> Result<(), RuleError> {
        if self.is_in_round(card) {
            Ok(())
        } else {
            Err(RuleError::UnknownCard(card.clone()))
        }
    }

    fn placed(&self, card: &CardId) -> Result<Pos, RuleError> {
        self.known(card)?;
        self.board
            .position(card)
            .ok_or_else(|| RuleError::NotOnBoard(card.clone()))
    }

    /// The only place where the game's state changes.
    fn apply_event(&mut self, event: &Event) {
        match event {
            Event::CardPlaced { card, at } => self.board.set_position(card, *at),
            Event::CardMoved { card, to, .. } => self.board.set_position(card, *to),
            Event::CardReturned { card } => self.board.remove_card(card),
            Event::LinkAdded(link) => self.board.add_link(link.clone()),
            Event::LinkRemoved(link) => self.board.remove_link(link),
            Event::LotRevealed { .. } => self.board.reveal_lot(),
            Event::Checked(report) => {
                self.checks += 1;
                self.phase = Phase::Checked(report.clone());
            }
            Event::Reopened => self.phase = Phase::Playing,
        }
    }
}

fn on_board(pos: Pos) -> Result<(), RuleError> {
    if pos.is_on_board() {
        Ok(())
    } else {
        Err(RuleError::OutsideBoard)
    }
}

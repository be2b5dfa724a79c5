//! A deck being played, round after round (a *parcours*): each round keeps its own board,
//! phase and last report, and every change goes through [`Game::apply`].

use std::sync::Arc;

use super::action::{Action, Event, RuleError};
use super::board::{Link, LinksBoard, Pos};
use super::check::{Misconception, Report};
use super::deck::{CardId, Deck, LinkKind, LinksRound, Lot, Round, RoundKind, Source};
use super::layout;

mod plan;

/// Whether players are arranging cards, reading the feedback of a check, or looking at the
/// solution (their own board is kept aside meanwhile).
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Playing,
    Checked(Box<Report>),
    Solution(Box<Report>),
}

/// One round's state.
#[derive(Clone, Debug)]
struct RoundState {
    lots: Vec<Lot>,
    board: LinksBoard,
    phase: Phase,
    checks: usize,
    last_report: Option<Report>,
    misconceptions: Vec<Misconception>,
    /// Boards before each board move, for "Annuler" (the latest last), and boards undone, for
    /// "Rétablir".
    undo: Vec<LinksBoard>,
    redo: Vec<LinksBoard>,
}

/// How many board moves of a round can be undone.
pub const UNDO_DEPTH: usize = 200;

impl RoundState {
    fn new(round: &Round) -> Self {
        Self {
            lots: round.kind.lots(),
            board: LinksBoard::new(),
            phase: Phase::Playing,
            checks: 0,
            last_report: None,
            misconceptions: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

/// Where every card of a round belongs, and the reference links or pairs.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    pub positions: Vec<(CardId, Pos)>,
    pub links: Vec<Link>,
}

impl Solution {
    pub fn position(&self, card: &CardId) -> Option<Pos> {
        self.positions
            .iter()
            .find(|(c, _)| c == card)
            .map(|(_, p)| *p)
    }
}

/// What players did in one round, for the summary.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundSummary {
    pub index: usize,
    pub title: String,
    pub kind: &'static str,
    pub checks: usize,
    /// The last check's report (`None`: never checked).
    pub report: Option<Report>,
    /// Every misconception met in any check of the round, once, with its correction.
    pub misconceptions: Vec<Misconception>,
}

/// The end of a parcours: what was right, the misconceptions met, the sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub rounds: Vec<RoundSummary>,
    pub sources: Vec<Source>,
}

/// One deck being played, round by round.
#[derive(Clone, Debug)]
pub struct Game {
    deck: Arc<Deck>,
    round: usize,
    rounds: Vec<RoundState>,
    /// The furthest round opened so far.
    reached: usize,
    finished: bool,
}

impl Game {
    /// Starts the deck's first round.
    ///
    /// # Panics
    /// If the deck has no round; a validated deck always has one.
    pub fn new(deck: Arc<Deck>) -> Self {
        assert!(!deck.rounds.is_empty(), "a validated deck has rounds");
        let rounds = deck.rounds.iter().map(RoundState::new).collect();
        Self {
            deck,
            round: 0,
            rounds,
            reached: 0,
            finished: false,
        }
    }

    pub fn deck(&self) -> &Arc<Deck> {
        &self.deck
    }

    pub fn round_index(&self) -> usize {
        self.round
    }

    pub fn round_count(&self) -> usize {
        self.rounds.len()
    }

    pub fn round(&self) -> &Round {
        &self.deck.rounds[self.round]
    }

    pub fn kind(&self) -> &RoundKind {
        &self.round().kind
    }

    /// The links definition of the current round, if it is a links round.
    pub fn links_round(&self) -> Option<&LinksRound> {
        match &self.round().kind {
            RoundKind::Links(r) => Some(r),
            _ => None,
        }
    }

    fn state(&self) -> &RoundState {
        &self.rounds[self.round]
    }

    fn state_mut(&mut self) -> &mut RoundState {
        &mut self.rounds[self.round]
    }

    pub fn board(&self) -> &LinksBoard {
        &self.state().board
    }

    pub fn phase(&self) -> &Phase {
        &self.state().phase
    }

    /// The report of the check being shown (feedback or solution), if any.
    pub fn report(&self) -> Option<&Report> {
        match &self.state().phase {
            Phase::Checked(r) | Phase::Solution(r) => Some(r),
            Phase::Playing => None,
        }
    }

    pub fn showing_solution(&self) -> bool {
        matches!(self.state().phase, Phase::Solution(_))
    }

    /// How many times players have checked this round.
    pub fn checks(&self) -> usize {
        self.state().checks
    }

    /// Whether round `index` has been checked at least once.
    pub fn round_checked(&self, index: usize) -> bool {
        self.rounds
            .get(index)
            .is_some_and(|r| r.last_report.is_some())
    }

    /// Whether players may open round `index` now.
    pub fn can_open(&self, index: usize) -> bool {
        index < self.rounds.len()
            && (index <= self.reached
                || (index == self.reached + 1 && self.round_checked(self.reached)))
    }

    /// Whether the summary is shown.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    pub fn can_finish(&self) -> bool {
        (0..self.rounds.len()).all(|i| self.round_checked(i))
    }

    pub fn lots(&self) -> &[Lot] {
        &self.state().lots
    }

    pub fn lot_count(&self) -> usize {
        self.state().lots.len()
    }

    pub fn has_more_lots(&self) -> bool {
        self.board().revealed_lots() < self.lot_count()
    }

    /// Cards revealed so far and not on the board, in the order dealt.
    pub fn hand(&self) -> Vec<CardId> {
        self.revealed()
            .filter(|c| !self.board().is_placed(c))
            .cloned()
            .collect()
    }

    fn revealed(&self) -> impl Iterator<Item = &CardId> {
        self.state()
            .lots
            .iter()
            .take(self.board().revealed_lots())
            .flat_map(|lot| lot.cards.iter())
    }

    fn is_revealed(&self, card: &CardId) -> bool {
        self.revealed().any(|c| c == card)
    }

    fn is_in_round(&self, card: &CardId) -> bool {
        self.state().lots.iter().any(|lot| lot.cards.contains(card))
    }

    /// Where every card of the current round belongs, with the reference links or pairs.
    pub fn solution(&self) -> Solution {
        let kind = &self.round().kind;
        let links = match kind {
            RoundKind::Links(r) => r
                .links
                .iter()
                .map(|l| Link::new(l.from.clone(), l.to.clone()))
                .collect(),
            RoundKind::Matching(r) => r
                .pairs
                .iter()
                .flat_map(|p| {
                    p.right
                        .iter()
                        .map(|right| Link::new(p.left.clone(), right.clone()))
                })
                .collect(),
            RoundKind::Categories(_) | RoundKind::Timeline(_) => Vec::new(),
        };
        Solution {
            positions: layout::solution_positions(kind),
            links,
        }
    }

    /// Required links of the current links round (for tests and hints).
    pub fn required_links(&self) -> Vec<Link> {
        self.links_round()
            .map(|r| {
                r.links
                    .iter()
                    .filter(|l| l.kind == LinkKind::Required)
                    .map(|l| Link::new(l.from.clone(), l.to.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// What players did in every round, the misconceptions they met and the deck's sources
    /// cited by the cards played.
    pub fn summary(&self) -> Summary {
        let rounds = self
            .rounds
            .iter()
            .enumerate()
            .map(|(index, state)| RoundSummary {
                index,
                title: self.deck.rounds[index].title.clone(),
                kind: self.deck.rounds[index].kind.name(),
                checks: state.checks,
                report: state.last_report.clone(),
                misconceptions: state.misconceptions.clone(),
            })
            .collect();
        let cited: Vec<&str> = self
            .rounds
            .iter()
            .flat_map(|r| r.lots.iter().flat_map(|l| l.cards.iter()))
            .filter_map(|c| self.deck.card(c))
            .flat_map(|c| c.sources.iter().map(String::as_str))
            .collect();
        let sources = self
            .deck
            .sources
            .iter()
            .filter(|s| cited.contains(&s.id.as_str()))
            .cloned()
            .collect();
        Summary { rounds, sources }
    }

    /// The one move that dropping `card` at `at` makes: in a matching round, dropped onto
    /// another card it pairs them and lands beside its partner; otherwise it is put there
    /// (from the hand) or moved there (on the board).
    pub fn drop_action(&self, card: &CardId, at: Pos) -> Action {
        let at = at.clamped();
        if matches!(self.kind(), RoundKind::Matching(_))
            && let Some((partner, pos)) = self.board().placed().iter().rev().find(|(c, p)| {
                c != card
                    && (p.x - at.x).abs() < layout::CARD_WIDTH / 2.0
                    && (p.y - at.y).abs() < layout::CARD_HEIGHT / 2.0
            })
        {
            let right = Pos::new(pos.x + layout::CARD_WIDTH + 70.0, pos.y);
            let beside = if right.is_on_board() {
                right
            } else {
                Pos::new(pos.x - layout::CARD_WIDTH - 70.0, pos.y)
            };
            return Action::PairCards {
                card: card.clone(),
                with: partner.clone(),
                at: beside.clamped(),
            };
        }
        if self.board().is_placed(card) {
            Action::MoveCard {
                card: card.clone(),
                to: at,
            }
        } else {
            Action::PlaceCard {
                card: card.clone(),
                at,
            }
        }
    }

    /// Checks `action`, then applies it. Returns what happened, or why nothing did.
    pub fn apply(&mut self, action: &Action) -> Result<Vec<Event>, RuleError> {
        let events = self.plan(action)?;
        let before = action.is_board_move().then(|| self.board().clone());
        for event in &events {
            self.apply_event(event);
        }
        if let Some(before) = before {
            let state = self.state_mut();
            state.undo.push(before);
            let excess = state.undo.len().saturating_sub(UNDO_DEPTH);
            state.undo.drain(..excess);
            state.redo.clear();
        }
        Ok(events)
    }

    /// Whether a board move of this round can be undone now.
    pub fn can_undo(&self) -> bool {
        matches!(self.phase(), Phase::Playing) && !self.state().undo.is_empty()
    }

    /// Whether an undone move can be made again now.
    pub fn can_redo(&self) -> bool {
        matches!(self.phase(), Phase::Playing) && !self.state().redo.is_empty()
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
        self.board()
            .position(card)
            .ok_or_else(|| RuleError::NotOnBoard(card.clone()))
    }

    /// The only place where the game's state changes.
    fn apply_event(&mut self, event: &Event) {
        match event {
            Event::CardPlaced { card, at } => self.state_mut().board.set_position(card, *at),
            Event::CardMoved { card, to, .. } => self.state_mut().board.set_position(card, *to),
            Event::CardReturned { card } => self.state_mut().board.remove_card(card),
            Event::LinkAdded(link) => self.state_mut().board.add_link(link.clone()),
            Event::LinkRemoved(link) => self.state_mut().board.remove_link(link),
            Event::LotRevealed { .. } => self.state_mut().board.reveal_lot(),
            Event::Checked(report) => {
                let state = self.state_mut();
                state.checks += 1;
                for m in report.misconceptions() {
                    if !state.misconceptions.contains(&m) {
                        state.misconceptions.push(m);
                    }
                }
                state.last_report = Some((**report).clone());
                state.phase = Phase::Checked(report.clone());
            }
            Event::Reopened => self.state_mut().phase = Phase::Playing,
            Event::SolutionShown => {
                let state = self.state_mut();
                if let Phase::Checked(report) = &state.phase {
                    state.phase = Phase::Solution(report.clone());
                }
            }
            Event::RoundRestarted { .. } => {
                let state = self.state_mut();
                state.board = LinksBoard::new();
                state.phase = Phase::Playing;
                state.undo.clear();
                state.redo.clear();
            }
            Event::Undone => {
                let state = self.state_mut();
                if let Some(board) = state.undo.pop() {
                    let current = std::mem::replace(&mut state.board, board);
                    // Lots stay revealed: undoing a move does not take cards out of the hand.
                    state.board.keep_lots_of(&current);
                    state.redo.push(current);
                }
            }
            Event::Redone => {
                let state = self.state_mut();
                if let Some(board) = state.redo.pop() {
                    let current = std::mem::replace(&mut state.board, board);
                    state.board.keep_lots_of(&current);
                    state.undo.push(current);
                }
            }
            Event::RoundOpened { round } => {
                self.round = *round;
                self.reached = self.reached.max(*round);
                self.finished = false;
            }
            Event::Finished => self.finished = true,
        }
    }
}

//! What an action would do: [`Game::plan`] checks an [`Action`] against the rules and returns
//! the [`Event`]s it makes, or why it is refused, without changing anything.

use super::{Game, Phase};
use crate::rules::{Action, Event, Link, Pos, RoundKind, RuleError, check};

impl Game {
    /// Decides what `action` does without changing anything.
    pub(super) fn plan(&self, action: &Action) -> Result<Vec<Event>, RuleError> {
        if self.finished && !matches!(action, Action::GoToRound(_)) {
            return Err(RuleError::Finished);
        }
        let editing = !matches!(
            action,
            Action::Check
                | Action::Retry
                | Action::ShowSolution
                | Action::RestartRound
                | Action::GoToRound(_)
                | Action::Finish
        );
        if editing && !matches!(self.phase(), Phase::Playing) {
            return Err(RuleError::BoardLocked);
        }
        match action {
            Action::PlaceCard { card, at } => {
                self.known(card)?;
                if self.board().is_placed(card) {
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
                    .board()
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
                if !self.kind().uses_links() {
                    return Err(RuleError::NoLinksInThisRound);
                }
                self.placed(from)?;
                self.placed(to)?;
                if from == to {
                    return Err(RuleError::SelfLink);
                }
                let link = Link::new(from.clone(), to.clone());
                if self
                    .board()
                    .links()
                    .iter()
                    .any(|l| l.joins_same_cards(&link))
                {
                    return Err(RuleError::AlreadyLinked);
                }
                Ok(vec![Event::LinkAdded(link)])
            }
            Action::RemoveLink { from, to } => {
                let link = Link::new(from.clone(), to.clone());
                if !self.board().has_link(&link) {
                    return Err(RuleError::NoSuchLink);
                }
                Ok(vec![Event::LinkRemoved(link)])
            }
            Action::PairCards { card, with, at } => {
                if !matches!(self.kind(), RoundKind::Matching(_)) {
                    return Err(RuleError::NotPairing);
                }
                self.known(card)?;
                self.placed(with)?;
                if card == with {
                    return Err(RuleError::SelfLink);
                }
                on_board(*at)?;
                let link = Link::new(with.clone(), card.clone());
                if self
                    .board()
                    .links()
                    .iter()
                    .any(|l| l.joins_same_cards(&link))
                {
                    return Err(RuleError::AlreadyLinked);
                }
                let put = match self.board().position(card) {
                    Some(from) => Event::CardMoved {
                        card: card.clone(),
                        from,
                        to: *at,
                    },
                    None if self.is_revealed(card) => Event::CardPlaced {
                        card: card.clone(),
                        at: *at,
                    },
                    None => return Err(RuleError::NotInHand(card.clone())),
                };
                Ok(vec![put, Event::LinkAdded(link)])
            }
            Action::RevealNextLot => {
                if !self.has_more_lots() {
                    return Err(RuleError::NoMoreLots);
                }
                let index = self.board().revealed_lots();
                Ok(vec![Event::LotRevealed {
                    index,
                    cards: self.state().lots[index].cards.clone(),
                }])
            }
            Action::Check => match self.phase() {
                Phase::Playing => Ok(vec![Event::Checked(Box::new(check(
                    self.kind(),
                    self.board(),
                )))]),
                _ => Err(RuleError::BoardLocked),
            },
            Action::Retry => match self.phase() {
                Phase::Checked(_) | Phase::Solution(_) => Ok(vec![Event::Reopened]),
                Phase::Playing => Err(RuleError::NotChecked),
            },
            Action::ShowSolution => match self.phase() {
                Phase::Checked(_) => Ok(vec![Event::SolutionShown]),
                Phase::Solution(_) => Err(RuleError::BoardLocked),
                Phase::Playing => Err(RuleError::NotChecked),
            },
            Action::RestartRound => Ok(vec![Event::RoundRestarted { round: self.round }]),
            Action::Undo if self.state().undo.is_empty() => Err(RuleError::NothingToUndo),
            Action::Undo => Ok(vec![Event::Undone]),
            Action::Redo if self.state().redo.is_empty() => Err(RuleError::NothingToRedo),
            Action::Redo => Ok(vec![Event::Redone]),
            Action::GoToRound(index) => {
                if *index >= self.rounds.len() {
                    Err(RuleError::UnknownRound(*index + 1))
                } else if !self.can_open(*index) {
                    Err(RuleError::RoundNotReached)
                } else {
                    Ok(vec![Event::RoundOpened { round: *index }])
                }
            }
            Action::Finish => {
                if self.can_finish() {
                    Ok(vec![Event::Finished])
                } else {
                    Err(RuleError::RoundsNotChecked)
                }
            }
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

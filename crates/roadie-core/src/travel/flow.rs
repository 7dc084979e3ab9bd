//! The request's state machine: which action moves a request from which status to which, and the
//! message for every move it refuses.
//!
//! ```text
//! submitted ─start-review→ under-review ─approve→ approved ─accept→ accepted ─book→ booked ─reimburse→ reimbursed
//!                               │  └─waitlist→ waitlisted ─approve→ approved      │
//!                               └─deny→ denied ←deny─┘        approved ─decline→ declined
//!                                                             approved ─expire→ expired (past accept-by)
//! any open status (submitted, under-review, waitlisted, approved, accepted, booked) ─withdraw→ withdrawn
//! ```

use crate::error::{Error, Result};
use crate::text_enum::text_enum;
use crate::travel::TravelStatus;

text_enum!(
    /// What an organiser does to a request to move it on.
    TravelAction("travel action") {
        StartReview => "start-review",
        Approve => "approve",
        Waitlist => "waitlist",
        Deny => "deny",
        Accept => "accept",
        Decline => "decline",
        Expire => "expire",
        Book => "book",
        Reimburse => "reimburse",
        Withdraw => "withdraw",
    }
);

impl TravelStatus {
    /// Whether the request can still move on (not denied, declined, expired, reimbursed or
    /// withdrawn).
    pub fn is_open(self) -> bool {
        !matches!(
            self,
            TravelStatus::Denied
                | TravelStatus::Declined
                | TravelStatus::Expired
                | TravelStatus::Reimbursed
                | TravelStatus::Withdrawn
        )
    }

    /// Whether what the request asks for may still change (before any decision).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            TravelStatus::Submitted | TravelStatus::UnderReview | TravelStatus::Waitlisted
        )
    }

    /// Whether an approval of the request holds money from the pool.
    pub fn holds_approval(self) -> bool {
        matches!(
            self,
            TravelStatus::Approved | TravelStatus::Accepted | TravelStatus::Booked
        )
    }

    /// Where `action` takes a request in this status, or why it cannot.
    pub fn after(self, action: TravelAction) -> Result<TravelStatus> {
        self.next(action).ok_or_else(|| self.refusal(action))
    }

    /// Where `action` takes a request in this status, if anywhere.
    fn next(self, action: TravelAction) -> Option<TravelStatus> {
        use TravelAction as A;
        use TravelStatus as S;
        Some(match (action, self) {
            (A::StartReview, S::Submitted) => S::UnderReview,
            (A::Approve, S::UnderReview | S::Waitlisted) => S::Approved,
            (A::Waitlist, S::UnderReview) => S::Waitlisted,
            (A::Deny, S::UnderReview | S::Waitlisted) => S::Denied,
            (A::Accept, S::Approved) => S::Accepted,
            (A::Decline, S::Approved) => S::Declined,
            (A::Expire, S::Approved) => S::Expired,
            (A::Book, S::Accepted | S::Booked) => S::Booked,
            (A::Reimburse, S::Booked) => S::Reimbursed,
            (A::Withdraw, s) if s.is_open() => S::Withdrawn,
            _ => return None,
        })
    }

    /// The actions a request in this status allows.
    pub fn actions(self) -> Vec<TravelAction> {
        TravelAction::ALL
            .iter()
            .copied()
            .filter(|a| self.next(*a).is_some())
            .collect()
    }

    fn refusal(self, action: TravelAction) -> Error {
        let allowed = self.actions();
        let hint = if allowed.is_empty() {
            format!("a {self} request is closed")
        } else {
            let words: Vec<&str> = allowed.iter().map(|a| a.as_str()).collect();
            format!("from {self} it can only: {}", words.join(", "))
        };
        let needs = match action {
            TravelAction::StartReview => "a submitted request",
            TravelAction::Approve => "a request under review or waitlisted",
            TravelAction::Waitlist => "a request under review",
            TravelAction::Deny => "a request under review or waitlisted",
            TravelAction::Accept | TravelAction::Decline | TravelAction::Expire => {
                "an approved request"
            }
            TravelAction::Book => "an accepted request",
            TravelAction::Reimburse => "a booked request",
            TravelAction::Withdraw => "an open request",
        };
        Error::invalid(
            "status",
            format!("cannot {action} a request that is {self}: {action} needs {needs} ({hint})"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TravelAction as A;
    use TravelStatus as S;

    /// Every legal move; everything else must be refused.
    const LEGAL: &[(S, A, S)] = &[
        (S::Submitted, A::StartReview, S::UnderReview),
        (S::UnderReview, A::Approve, S::Approved),
        (S::Waitlisted, A::Approve, S::Approved),
        (S::UnderReview, A::Waitlist, S::Waitlisted),
        (S::UnderReview, A::Deny, S::Denied),
        (S::Waitlisted, A::Deny, S::Denied),
        (S::Approved, A::Accept, S::Accepted),
        (S::Approved, A::Decline, S::Declined),
        (S::Approved, A::Expire, S::Expired),
        (S::Accepted, A::Book, S::Booked),
        (S::Booked, A::Book, S::Booked),
        (S::Booked, A::Reimburse, S::Reimbursed),
        (S::Submitted, A::Withdraw, S::Withdrawn),
        (S::UnderReview, A::Withdraw, S::Withdrawn),
        (S::Waitlisted, A::Withdraw, S::Withdrawn),
        (S::Approved, A::Withdraw, S::Withdrawn),
        (S::Accepted, A::Withdraw, S::Withdrawn),
        (S::Booked, A::Withdraw, S::Withdrawn),
    ];

    #[test]
    fn every_status_and_action_pair_is_legal_exactly_when_listed() {
        let mut checked = 0;
        for &status in S::ALL {
            for &action in A::ALL {
                let expected = LEGAL
                    .iter()
                    .find(|(s, a, _)| *s == status && *a == action)
                    .map(|(_, _, next)| *next);
                match (status.after(action), expected) {
                    (Ok(next), Some(want)) => assert_eq!(next, want, "{status} {action}"),
                    (Err(e), None) => {
                        assert_eq!(e.field(), Some("status"));
                        let text = e.to_string();
                        assert!(
                            text.contains(&format!("cannot {action} a request that is {status}")),
                            "{text}"
                        );
                    }
                    (got, want) => panic!("{status} {action}: got {got:?}, want {want:?}"),
                }
                checked += 1;
            }
        }
        assert_eq!(checked, S::ALL.len() * A::ALL.len());
    }

    #[test]
    fn closed_statuses_allow_nothing_and_say_so() {
        for status in [
            S::Denied,
            S::Declined,
            S::Expired,
            S::Reimbursed,
            S::Withdrawn,
        ] {
            assert!(!status.is_open());
            assert!(status.actions().is_empty(), "{status}");
            let e = status.after(A::Withdraw).unwrap_err().to_string();
            assert!(e.contains(&format!("a {status} request is closed")), "{e}");
        }
        let e = S::Submitted.after(A::Approve).unwrap_err().to_string();
        assert_eq!(
            e,
            "status: cannot approve a request that is submitted: approve needs a request under \
             review or waitlisted (from submitted it can only: start-review, withdraw)"
        );
    }
}
